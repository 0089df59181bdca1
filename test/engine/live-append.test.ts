/**
 * A restart that appends: a second live capture fed into a stopped lane. The sample's records are
 * cut in two runs, each a pcap stream of its own (a helper writes a header every time it starts);
 * the lane must read as the whole sample would: numbering continued, the HTTP connection's TCP
 * stream the same across the restart, one interface unless the second helper's differs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneId, LaneInfo, PacketRow, ViewId } from '../../shared/contract/index.js';
import type { LiveCapture } from '../../electron/engine/capture/stream-source.js';
import { Engine } from '../../electron/engine/engine.js';
import { readBack } from '../../electron/engine/pcap/test-bytes.js';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap'));
const source = { kind: 'local', interface: 'lo', filter: 'tcp port 18080' } as const;

/** The sample's global header and its records, as byte ranges (classic pcap, little-endian). */
function records(bytes: Buffer): { header: Buffer; records: Buffer[] } {
  const out: Buffer[] = [];
  for (let at = 24; at < bytes.length;) {
    const end = at + 16 + bytes.readUInt32LE(at + 8);
    out.push(bytes.subarray(at, end));
    at = end;
  }
  return { header: bytes.subarray(0, 24), records: out };
}

/** One helper run: a pcap stream (its own header, `snapLength` in it) that ends after its records. */
function run(header: Buffer, body: readonly Buffer[], snapLength?: number): LiveCapture {
  const head = Buffer.from(header);
  if (snapLength !== undefined) head.writeUInt32LE(snapLength, 16);
  return {
    stop: async () => {},
    chunks: (async function* () {
      yield head;
      for (const record of body) yield record;
    })(),
  };
}

let engine: Engine;
afterEach(() => engine?.dispose());

async function rows(lane: LaneId): Promise<PacketRow[]> {
  return (await engine.handle('packets.rows', { lane, view: 0 as ViewId, start: 0, count: 100 })).rows;
}

/** The lane's states as `lane.progress` reports them, repeats folded. */
function states(lane: LaneId): string[] {
  const seen: string[] = [];
  engine.on((channel, payload) => {
    const state = (payload as LaneInfo).state;
    if (channel === 'lane.progress' && (payload as LaneInfo).lane === lane && seen.at(-1) !== state)
      seen.push(state);
  });
  return seen;
}

describe('a restart that appends into the same lane', () => {
  const { header, records: all } = records(SAMPLE);
  const cut = 17;

  it('numbers on, keeps the TCP stream and reads as the uncut capture does', async () => {
    engine = new Engine();
    const whole = await engine.handle('file.open', {
      path: resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap'),
    });
    await engine.loaded(whole.lane);
    const first = engine.openLive('lo', source, 'front', run(header, all.slice(0, cut)));
    const seen = states(first.lane);
    await engine.loaded(first.lane);
    expect(engine.liveLane(first.lane)!.info()).toMatchObject({ state: 'done', frames: cut });

    const again = engine.appendLive(first.lane, run(header, all.slice(cut)));
    expect(again).toMatchObject({ lane: first.lane, state: 'capturing', frames: cut });
    await engine.loaded(first.lane);
    const info = engine.liveLane(first.lane)!.info();
    expect(info).toMatchObject({ state: 'done', frames: all.length, error: null });
    expect(info.interfaces).toHaveLength(1);
    expect(seen).toEqual(['capturing', 'done', 'capturing', 'done']);

    const appended = await rows(first.lane);
    expect(appended.map((row) => row.number)).toEqual(all.map((_, i) => i + 1));
    // The connection spans the cut: its frames after the restart are in the stream they were before.
    expect(appended[cut]!.stream).toBeGreaterThanOrEqual(0);
    expect(appended[cut]!.stream).toBe(appended[cut - 1]!.stream);
    const strip = (row: PacketRow) => ({ ...row, lane: 0 });
    expect(appended.map(strip)).toEqual((await rows(whole.lane)).map(strip));
  });

  it('gives a helper with another snap length an interface of its own, in the spool too', async () => {
    engine = new Engine();
    const lane = engine.openLive('lo', source, 'none', run(header, all.slice(0, cut))).lane;
    await engine.loaded(lane);
    engine.appendLive(lane, run(header, all.slice(cut), 65535));
    await engine.loaded(lane);
    const info = engine.liveLane(lane)!.info();
    expect(info.interfaces.map((i) => [i.id, i.snapLength])).toEqual([
      [0, 262144],
      [1, 65535],
    ]);
    const numbers = (await rows(lane)).map((row) => row.number);
    expect(numbers).toEqual(all.map((_, i) => i + 1));
    const details = await engine.handle('packets.details', { lane, number: (cut + 1) as never });
    expect(details.row.protocol).not.toBe('');

    const path = join(tmpdir(), `hh-append-${process.pid}.pcapng`);
    try {
      await engine.handle('file.save', { path, lanes: [lane] });
      const saved = readBack(readFileSync(path));
      expect(saved.interfaces.map((i) => i.snapLength)).toEqual([262144, 65535]);
      expect(saved.frames.map((f) => f.interfaceId)).toEqual(all.map((_, i) => (i < cut ? 0 : 1)));
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('refuses a lane that is still capturing, and a file lane', async () => {
    engine = new Engine();
    let release = () => {};
    const live = engine.openLive('lo', source, 'none', {
      stop: async () => release(),
      chunks: (async function* () {
        yield header;
        await new Promise<void>((r) => (release = r));
      })(),
    });
    expect(() => engine.appendLive(live.lane, run(header, []))).toThrow(/still capturing/);
    const file = await engine.handle('file.open', {
      path: resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap'),
    });
    await engine.loaded(file.lane);
    expect(() => engine.appendLive(file.lane, run(header, []))).toThrow(/is a file/);
  });
});
