/**
 * "Save with secrets" read back by our pcapng reader (the DSB holds exactly the chosen sessions' lines,
 * before the first packet) and by tshark, which decrypts with the DSB alone: TLS 1.3 handshake messages
 * after the ServerHello (EncryptedExtensions = 8, Certificate = 11…) are only visible when it does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { LaneId } from '../../../shared/contract/index.js';
import { capturePath, CORPUS_DIR, describeCorpus } from '../../../test/support/corpus.js';
import { Engine } from '../engine.js';
import { createCaptureReader } from '../pcap/capture-reader.js';
import { TLS_KEY_LOG_SECRETS } from './save-secrets.js';

/** The client randoms of the corpus captures' ClientHellos (tshark -e tls.handshake.random). */
const TLS13_RANDOM = '321b2e644ec48f3f3f21cd13e0ed0772d212a0788a472bcbca8aade25df8119e';
const TLS12_RANDOM = 'b220c6a14c0a5c31ce89fd2663ef029359c3fab676b3ab726dd96b38b64f6743';
/** tls13-aes128gcm.keys also holds a session that is not in the capture. */
const ABSENT_RANDOM = '8d8ad278c302d62d908dca89fced86cd82de5569fc71226c42cb9c459517d362';

const dir = mkdtempSync(join(tmpdir(), 'hammerhead-save-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
});

async function engineWith(captures: readonly string[], keys: readonly string[]) {
  const engine = new Engine();
  engines.push(engine);
  for (const name of keys) await engine.keys.addFile(join(CORPUS_DIR, 'keys', name));
  const lanes: LaneId[] = [];
  for (const name of captures)
    lanes.push((await engine.handle('file.open', { path: capturePath(name) })).lane);
  return { engine, lanes };
}

/** Block events of a file in order: 'secrets:<text>' and 'frame' (one per packet). */
function blocks(path: string): string[] {
  const seen: string[] = [];
  const reader = createCaptureReader({
    secrets: (s) =>
      seen.push(
        `secrets:${s.secretsType === TLS_KEY_LOG_SECRETS ? Buffer.from(s.data).toString('latin1') : '?'}`,
      ),
    frame: () => seen.push('frame'),
    error: (e) => seen.push(`error:${e.message}`),
  });
  reader.feed(readFileSync(path));
  reader.end();
  return seen;
}

const hasTshark =
  spawnSync('tshark', ['--version']).status === 0 && spawnSync('capinfos', ['-h']).status === 0;

/** TLS handshake types tshark sees, once per frame, when given no key log: the DSB must do. */
function handshakeTypes(path: string): string[] {
  const out = execFileSync(
    'tshark',
    ['-r', path, '-o', 'tls.keylog_file:', '-T', 'fields', '-e', 'tls.handshake.type'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return out.split('\n').filter((line) => line !== '');
}

describeCorpus('file.saveWithSecrets', () => {
  it('writes one DSB with exactly the chosen sessions before the first packet, in a 0600 file', async () => {
    const { engine, lanes } = await engineWith(['tls13-aes128gcm.pcap'], ['tls13-aes128gcm.keys']);
    const path = join(dir, 'one.pcapng');
    const saved = await engine.handle('file.saveWithSecrets', { path, lanes, clientRandoms: [TLS13_RANDOM] });
    expect(saved).toEqual({ path, frames: 35, sessions: 1 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const seen = blocks(path);
    expect(seen[0]).toBe(`secrets:${engine.keys.keyLogFor([TLS13_RANDOM])}`);
    expect(seen[0]?.split('\n').filter(Boolean)).toHaveLength(4);
    expect(seen[0]).not.toContain(ABSENT_RANDOM);
    expect(seen.slice(1)).toEqual(Array(35).fill('frame'));
    if (hasTshark) {
      expect(handshakeTypes(path)).toContain('2,8,11,15,20');
      expect(execFileSync('capinfos', ['-c', '-M', path], { encoding: 'utf8' })).toMatch(
        /Number of packets:\s+35/,
      );
    }
  });

  it('merges lanes as file.save does and decrypts only the sessions named', async () => {
    const { engine, lanes } = await engineWith(
      ['tls13-aes128gcm.pcap', 'tls12-ecdhe-rsa-aes128gcm.pcap'],
      ['tls13-aes128gcm.keys', 'tls12-ecdhe-rsa-aes128gcm.keys'],
    );
    const path = join(dir, 'two.pcapng');
    const saved = await engine.handle('file.saveWithSecrets', {
      path,
      lanes,
      clientRandoms: [TLS12_RANDOM, ABSENT_RANDOM, 'ff'.repeat(32)],
    });
    expect(saved).toEqual({ path, frames: 35 + 32, sessions: 2 });
    const seen = blocks(path);
    expect(seen[0]).toBe(`secrets:${engine.keys.keyLogFor([TLS12_RANDOM, ABSENT_RANDOM])}`);
    expect(seen[0]).not.toContain(TLS13_RANDOM);
    expect(seen.filter((b) => b === 'frame')).toHaveLength(67);
    if (hasTshark) {
      const types = handshakeTypes(path);
      // TLS 1.3 stays encrypted: nothing after its ServerHello (EncryptedExtensions = 8) is seen.
      expect(types).not.toContain('2,8,11,15,20');
      // TLS 1.2: the Finished messages (20) are only typed when decrypted.
      expect(types).toContain('11,16,15,20');
      expect(handshakeTypes(capturePath('tls12-ecdhe-rsa-aes128gcm.pcap'))).not.toContain('11,16,15,20');
    }
  });

  it('writes no DSB when no secret is known for the sessions named', async () => {
    const { engine, lanes } = await engineWith(['tls13-aes128gcm.pcap'], []);
    const path = join(dir, 'none.pcapng');
    const saved = await engine.handle('file.saveWithSecrets', { path, lanes, clientRandoms: [TLS13_RANDOM] });
    expect(saved).toEqual({ path, frames: 35, sessions: 0 });
    expect(blocks(path)).toEqual(Array(35).fill('frame'));
  });

  it('refuses a lane that does not exist', async () => {
    const { engine } = await engineWith([], []);
    await expect(
      engine.handle('file.saveWithSecrets', {
        path: join(dir, 'x.pcapng'),
        lanes: [99 as LaneId],
        clientRandoms: [],
      }),
    ).rejects.toMatchObject({ code: 'not-found', message: 'no lane 99' });
  });
});
