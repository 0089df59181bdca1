/**
 * `tls.sessions`: what decrypting each TLS connection of a lane gave, for the user: the client random,
 * which secrets the key log had, suite, ALPN, and the first record that failed with why.
 */
import type { LaneId } from '../../../shared/contract/index.js';
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';
import { TLS_VERSION_SHORT } from '../../../shared/fields/tls-values.js';
import { recordCounts, sessionState, toHex } from '../dissect/tls-decrypt.js';
import type { TlsSession } from '../dissect/tls-session.js';
import { suiteName } from '../tls-crypto/suites.js';
import { EngineError, type Engine, type HandlersFor } from '../engine.js';

export function tlsSessionHandlers(engine: Engine): HandlersFor<'tls.sessions'> {
  return {
    'tls.sessions': ({ lane }: { lane: LaneId }) => {
      const live = engine.liveLane(lane);
      if (!live) throw new EngineError('not-found', `no lane ${lane}`);
      const sessions = [...live.tlsSessions().byStream.values()]
        .filter((session) => session.clientRandom !== null || session.cipherSuite >= 0 || session.decryption)
        .map(statusOf);
      return { lane, sessions };
    },
  };
}

export function statusOf(session: TlsSession): TlsSessionStatus {
  const d = session.decryption;
  const version = session.version || session.serverVersion;
  const { decrypted, encrypted } = recordCounts(session);
  return {
    stream: session.stream,
    firstFrame: session.firstFrame,
    lastFrame: session.lastFrame,
    clientRandom: session.clientRandom?.length === 32 ? toHex(session.clientRandom) : null,
    serverName: session.serverName,
    version: version ? (TLS_VERSION_SHORT[version] ?? null) : null,
    suite:
      session.cipherSuite >= 0
        ? (suiteName(session.cipherSuite) ?? `0x${session.cipherSuite.toString(16).padStart(4, '0')}`)
        : null,
    alpn: session.alpn,
    secrets: d?.secretsFound ?? [],
    state: sessionState(session),
    encryptedRecords: encrypted,
    decryptedRecords: decrypted,
    failure: d?.failure
      ? { frame: Math.max(1, d.failure.frame), reason: d.failure.reason, detail: d.failure.detail }
      : null,
  };
}
