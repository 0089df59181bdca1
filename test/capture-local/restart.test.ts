/**
 * Stop and restart on lo with the real tcpdump: appending into the same lane (numbering continued,
 * the same TCP connection in the same stream, the helpers' counters added up) or into a new lane.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneId, LaneInfo } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';
import { localCaptureOf } from '../../electron/engine/capture/local-handlers.js';
import { allRows, captureUnavailable, freePort, laneInfo, waitForLane } from './support.js';
import { sendUdp } from './traffic.js';

const why = captureUnavailable();
let engine: Engine;
let server: Server | undefined;
let client: Socket | undefined;
afterEach(async () => {
  client?.destroy();
  server?.close();
  await engine?.dispose();
});

/** A TCP connection on lo that stays open across the restart; each `say` is one segment and its ACK. */
async function connection(port: number): Promise<{ say(text: string): Promise<void> }> {
  let heard: (text: string) => void = () => {};
  server = createServer((socket) => socket.on('data', (d) => heard(d.toString())));
  await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
  client = await new Promise<Socket>((r) => {
    const socket = createConnection(port, '127.0.0.1', () => r(socket));
  });
  client.setNoDelay(true);
  return {
    say: (text) =>
      new Promise((r, reject) => {
        const timer = setTimeout(() => reject(new Error(`"${text}" not heard in 2 s`)), 2000);
        heard = () => (clearTimeout(timer), r());
        client!.write(text);
      }),
  };
}

function statesOf(lane: LaneId): string[] {
  const seen: string[] = [];
  engine.on((channel, payload) => {
    const { lane: id, state } = payload as LaneInfo;
    if (channel === 'lane.progress' && id === lane && seen.at(-1) !== state) seen.push(state);
  });
  return seen;
}

async function stop(lane: LaneId): Promise<LaneInfo> {
  await engine.handle('capture.stop', { lane });
  await localCaptureOf(engine).ended(lane);
  return laneInfo(engine, lane);
}

describe.skipIf(why !== null)(`stop and restart on lo${why ? ` (skipped: ${why})` : ''}`, () => {
  it('appends into the same lane: numbers on, the TCP stream continues, counters add up', async () => {
    engine = new Engine();
    const port = freePort();
    const talk = await connection(port);
    const { lanes } = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `tcp port ${port}`,
      role: 'front',
    });
    const lane = lanes[0]!.lane;
    const seen = statesOf(lane);
    for (let i = 0; i < 3; i++) await talk.say(`before ${i}`);
    await waitForLane(engine, lane, (info) => info.frames >= 6);
    const first = await stop(lane);
    expect(first).toMatchObject({ state: 'done', error: null });
    const before = first.frames;

    const again = await engine.handle('capture.restart', { lane, append: true });
    expect(again).toMatchObject({ lane, state: 'capturing', frames: before, role: 'front' });
    expect(again.source).toEqual({ kind: 'local', interface: 'lo', filter: `tcp port ${port}` });
    for (let i = 0; i < 3; i++) await talk.say(`after ${i}`);
    await waitForLane(engine, lane, (info) => info.frames >= before + 6);
    const final = await stop(lane);
    expect(final).toMatchObject({ state: 'done', error: null });
    expect(final.interfaces).toHaveLength(1);
    await waitForLane(engine, lane, () => seen.length === 4, 2000);
    expect(seen).toEqual(['capturing', 'done', 'capturing', 'done']);

    const rows = await allRows(engine, lane);
    expect(rows.map((row) => row.number)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBe(final.frames);
    // One connection, one stream: the frames after the restart are in the stream of those before.
    expect(new Set(rows.map((row) => row.stream))).toEqual(new Set([rows[0]!.stream]));
    expect(rows[0]!.stream).toBeGreaterThanOrEqual(0);
    expect(rows.at(-1)!.info).not.toMatch(/retransmission|previous segment not captured/i);
    expect(localCaptureOf(engine).captured(lane)).toBe(final.frames);
    expect(final.stats?.received).toBeGreaterThanOrEqual(final.frames);
  });

  it('restarts into a new lane with the same interface and filter, leaving the old one as it was', async () => {
    engine = new Engine();
    const port = freePort();
    const { lanes } = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp port ${port}`,
    });
    const old = lanes[0]!.lane;
    await sendUdp({ address: '127.0.0.1', port, count: 5 });
    await waitForLane(engine, old, (info) => info.frames === 5);
    await expect(engine.handle('capture.restart', { lane: old, append: true })).rejects.toThrow(
      /still capturing/,
    );
    await stop(old);
    const fresh = await engine.handle('capture.restart', { lane: old, append: false });
    expect(fresh.lane).not.toBe(old);
    expect(fresh).toMatchObject({ state: 'capturing', frames: 0, source: { filter: `udp port ${port}` } });
    await sendUdp({ address: '127.0.0.1', port, count: 3 });
    await waitForLane(engine, fresh.lane, (info) => info.frames === 3);
    expect(laneInfo(engine, old).frames).toBe(5);
    await stop(fresh.lane);
  });
});
