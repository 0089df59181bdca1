/**
 * Decryption through the engine's contract: keys that arrive after a capture was read decrypt it
 * retroactively (rows, details, sessions and filters change); keys in the file's own Decryption Secrets
 * Block decrypt as it loads; a wrong key, a capture without its handshake and a key log without the session
 * say why in `tls.sessions`. Needs ../shared/corpus for the keyed captures (skips visibly without it); the
 * bundled sample carries its own DSB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaneId, LaneInfo, ViewId } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';
import { createCaptureReader } from '../../electron/engine/pcap/capture-reader.js';
import { PcapngWriter } from '../../electron/engine/pcap/pcapng-writer.js';
import { CORPUS_DIR, capturePath, describeCorpus } from '../support/corpus.js';

const ALL = 0 as ViewId;
const SAMPLE = resolve(import.meta.dirname, '../../assets/samples/lb-front.pcapng');

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'hh-tls-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function open(engine: Engine, path: string): Promise<LaneId> {
  const { lane } = await engine.handle('file.open', { path });
  await engine.loaded(lane);
  return lane;
}

async function infos(engine: Engine, lane: LaneId, count = 100) {
  const { rows } = await engine.handle('packets.rows', { lane, view: ALL, start: 0, count });
  return rows.map((row) => `${row.protocol} | ${row.info}`);
}

/** The next `lane.progress` of a lane dissected again (keys arrived), or a timeout. */
function redissected(engine: Engine, lane: LaneId, timeoutMs = 5000): Promise<LaneInfo> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => (off(), fail(new Error('lane was not dissected again'))), timeoutMs);
    const off = engine.on((channel, payload) => {
      const info = payload as LaneInfo;
      if (channel === 'lane.progress' && info.lane === lane && (info.dissection ?? 0) > 0) {
        clearTimeout(timer);
        off();
        done(info);
      }
    });
  });
}

describe('keys embedded in the capture (pcapng DSB)', () => {
  const engine = new Engine();
  afterAll(() => engine.dispose());

  it('the bundled front-leg sample decrypts as it loads: HTTP/2 and HTTP rows, every session decrypted', async () => {
    const lane = await open(engine, SAMPLE);
    const rows = await infos(engine, lane, 5000);
    expect(rows.some((r) => r.startsWith('HTTP2 | ') && r.includes('HEADERS['))).toBe(true);
    const { sessions } = await engine.handle('tls.sessions', { lane });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.state === 'decrypted')).toBe(true);
    const { sources } = await engine.handle('keys.list', {});
    expect(sources.some((s) => s.kind === 'dsb' && s.sessions > 0)).toBe(true);
  });
});

describeCorpus('keys after the capture (retroactive)', () => {
  const engine = new Engine();
  afterAll(() => engine.dispose());

  it('a key log added after the file was read decrypts it: rows, sessions, details and filters change', async () => {
    const lane = await open(engine, capturePath('tls13-aes128gcm.pcap'));
    expect((await infos(engine, lane))[5]).toMatch(
      /^TLSv1\.3 \| Server Hello, Change Cipher Spec, Application Data/,
    );
    let { sessions } = await engine.handle('tls.sessions', { lane });
    expect(sessions[0]?.failure?.reason).toBe('no key');

    const again = redissected(engine, lane);
    await engine.handle('keys.add', { path: join(CORPUS_DIR, 'keys/tls13-aes128gcm.keys') });
    expect((await again).dissection).toBe(1);
    expect((await infos(engine, lane))[5]).toBe(
      'TLSv1.3 | Server Hello, Change Cipher Spec, Encrypted Extensions, Certificate, Certificate Verify, Finished',
    );
    ({ sessions } = await engine.handle('tls.sessions', { lane }));
    expect(sessions[0]).toMatchObject({
      state: 'decrypted',
      suite: 'TLS_AES_128_GCM_SHA256',
      version: 'TLSv1.3',
      failure: null,
    });
    expect(sessions[0]?.secrets).toContain('SERVER_HANDSHAKE_TRAFFIC_SECRET');
    const details = await engine.handle('packets.details', { lane, number: 10 as never });
    expect(details.sources.some((s) => s.name.startsWith('Decrypted TLS'))).toBe(true);

    const { view } = await engine.handle('views.create', {
      lane,
      sort: null,
      filter: 'tls.handshake.type == 8',
    });
    const done = await engine.handle('filter.progress', { lane, view, waitMs: 10_000 });
    expect(done.matched).toBe(1);
  });

  it('a wrong secret fails with bad record MAC/tag, and the engine goes on', async () => {
    const good = readFileSync(join(CORPUS_DIR, 'keys/tls12-ecdhe-rsa-aes128gcm.keys'), 'utf8');
    const bad = good.replace(
      /^(CLIENT_RANDOM \S+ )(\S)/m,
      (_, head: string, c: string) => head + (c === '0' ? '1' : '0'),
    );
    const path = join(dir, 'wrong.keys');
    writeFileSync(path, bad);
    const isolated = new Engine();
    try {
      await isolated.handle('keys.add', { path });
      const lane = await open(isolated, capturePath('tls12-ecdhe-rsa-aes128gcm.pcap'));
      const { sessions } = await isolated.handle('tls.sessions', { lane });
      expect(sessions[0]).toMatchObject({ state: 'failed', failure: { reason: 'bad record MAC/tag' } });
      expect((await infos(isolated, lane)).length).toBeGreaterThan(0);
    } finally {
      await isolated.dispose();
    }
  });

  it('a capture that starts after the handshake says handshake not captured', async () => {
    const path = join(dir, 'mid-session.pcapng');
    writeWithout(capturePath('tls13-aes128gcm.pcap'), path, (n) => n >= 9);
    const isolated = new Engine();
    try {
      await isolated.handle('keys.add', { path: join(CORPUS_DIR, 'keys/tls13-aes128gcm.keys') });
      const lane = await open(isolated, path);
      const { sessions } = await isolated.handle('tls.sessions', { lane });
      expect(sessions[0]?.failure?.reason).toBe('handshake not captured');
      expect(sessions[0]?.state).toBe('failed');
    } finally {
      await isolated.dispose();
    }
  });
});

/** Copies the frames of `from` that `keep` (by number) keeps into a pcapng at `to`. */
function writeWithout(from: string, to: string, keep: (number: number) => boolean): void {
  const chunks: Uint8Array[] = [];
  const writer = new PcapngWriter((chunk) => chunks.push(chunk.slice()));
  writer.writeSectionHeader({});
  let number = 0;
  const reader = createCaptureReader({
    interface: (iface) =>
      void writer.writeInterface({ linkType: iface.linkType, snapLength: iface.snapLength }),
    frame: (frame) => {
      if (!keep(++number)) return;
      writer.writePacket({
        interfaceId: 0,
        tsSeconds: frame.tsSeconds,
        tsNanos: frame.tsNanos,
        data: frame.data,
        originalLength: frame.originalLength,
        comments: [],
        flags: 0,
      });
    },
  });
  reader.feed(new Uint8Array(readFileSync(from)));
  reader.end();
  writer.flush();
  writeFileSync(to, Buffer.concat(chunks));
}
