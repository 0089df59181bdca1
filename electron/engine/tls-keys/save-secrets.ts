/**
 * "Save with secrets": lanes as pcapng, as `file.save` writes them, plus one Decryption Secrets Block
 * holding the key log lines of the sessions the user picked, and only those: a capture is shared more
 * widely than a key log, and every other session in it must stay encrypted for whoever opens it.
 * tshark and Wireshark (3.0+) decrypt with the block's keys without being given a key log.
 */
import type { LaneId } from '../../../shared/contract/index.js';
import { EngineError, type Engine } from '../engine.js';
import type { Lane } from '../lanes/lane.js';
import { writeMerged } from '../lanes/save.js';
import type { KeyStore } from './key-store.js';
import { TLS_KEY_LOG_SECRETS } from './secrets.js';

export { TLS_KEY_LOG_SECRETS };

export interface SaveWithSecretsRequest {
  readonly path: string;
  readonly lanes: readonly LaneId[];
  readonly clientRandoms: readonly string[];
}

/** Writes the file; `sessions` counts the client randoms a secret was found for. */
export function saveLanesWithSecrets(
  lanes: readonly Lane[],
  path: string,
  keys: KeyStore,
  clientRandoms: readonly string[],
): { frames: number; sessions: number } {
  const wanted = [...new Set(clientRandoms)];
  const keyLog = keys.keyLogFor(wanted);
  const sessions = wanted.filter((random) => keys.secrets(random) !== undefined).length;
  // No secret known for any of them: a block of nothing would only puzzle whoever opens the file.
  const secrets =
    keyLog === '' ? undefined : { secretsType: TLS_KEY_LOG_SECRETS, data: Buffer.from(keyLog, 'latin1') };
  const frames = writeMerged(lanes, path, { ...(secrets && { secrets }), mode: 0o600 });
  return { frames, sessions };
}

/** The `file.saveWithSecrets` request: waits for the lanes to finish loading, as `file.save` does. */
export async function saveWithSecrets(engine: Engine, request: SaveWithSecretsRequest) {
  const lanes = request.lanes.map((id) => {
    const lane = engine.liveLane(id);
    if (!lane) throw new EngineError('not-found', `no lane ${id}`);
    return lane;
  });
  await Promise.all(request.lanes.map((id) => engine.loaded(id)));
  const saved = saveLanesWithSecrets(lanes, request.path, engine.keys, request.clientRandoms);
  return { path: request.path, ...saved };
}
