/**
 * Live lanes through the engine, with the helper replaced by a stream of the sample's bytes: frames
 * arrive as the bytes do, `capture.stop` ends the capture and keeps the lane, and a stream that
 * breaks keeps every frame read before the break.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneId, LaneInfo } from '../../shared/contract/index.js';
import type { LiveCapture } from '../../electron/engine/capture/stream-source.js';
import { Engine } from '../../electron/engine/engine.js';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap'));
const source = { kind: 'local', interface: 'lo', filter: 'tcp port 18080' } as const;

let engine: Engine;
afterEach(() => engine?.dispose());

/** A helper that writes the sample in `pieces`, then waits until stopped (or breaks, or ends). */
function fakeCapture(pieces: number, after: 'wait' | 'end' | 'break'): LiveCapture & { stopped: boolean } {
  let release: () => void = () => {};
  const stopped = new Promise<void>((r) => (release = r));
  const capture = {
    stopped: false,
    async stop() {
      capture.stopped = true;
      release();
    },
    chunks: (async function* () {
      const size = Math.ceil(SAMPLE.length / pieces);
      for (let at = 0; at < SAMPLE.length; at += size) yield SAMPLE.subarray(at, at + size);
      if (after === 'break') throw new Error('Connection lost (read ECONNRESET)');
      if (after === 'wait') await stopped;
    })(),
  };
  return capture;
}

async function progressUntil(lane: LaneId, done: (info: LaneInfo) => boolean): Promise<LaneInfo> {
  return new Promise((resolveInfo) => {
    const off = engine.on((channel, payload) => {
      if (channel === 'lane.progress' && (payload as LaneInfo).lane === lane && done(payload as LaneInfo)) {
        off();
        resolveInfo(payload as LaneInfo);
      }
    });
  });
}

describe('live lanes', () => {
  it('shows frames while capturing, and stops on capture.stop keeping them all', async () => {
    engine = new Engine();
    const capture = fakeCapture(7, 'wait');
    const info = engine.openLive('lo', source, 'front', capture);
    expect(info).toMatchObject({ state: 'capturing', source, role: 'front' });
    await progressUntil(info.lane, (i) => i.frames === 34);
    const stopped = await engine.handle('capture.stop', { lane: info.lane });
    expect(capture.stopped).toBe(true);
    expect(stopped).toMatchObject({ state: 'done', frames: 34, error: null });
    const rows = await engine.handle('packets.rows', {
      lane: info.lane,
      view: 0 as never,
      start: 0,
      count: 50,
    });
    expect(rows.rows).toHaveLength(34);
  });

  it('keeps every frame read when the stream breaks, and says why', async () => {
    engine = new Engine();
    const info = engine.openLive(
      'target1:eth0',
      { kind: 'ssh', host: 'target1', interface: 'eth0', filter: '' },
      'back',
      fakeCapture(3, 'break'),
    );
    await engine.loaded(info.lane);
    const [lane] = (await engine.handle('lanes.list', {})).lanes;
    expect(lane).toMatchObject({ state: 'done', frames: 34 });
    expect(lane?.error?.message).toBe('the capture stopped: Connection lost (read ECONNRESET)');
  });

  it('refuses to stop a file lane, and stops a capture when its lane is closed', async () => {
    engine = new Engine();
    const file = await engine.handle('file.open', {
      path: resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap'),
    });
    await expect(engine.handle('capture.stop', { lane: file.lane })).rejects.toThrow(/is a file/);
    const capture = fakeCapture(2, 'wait');
    const live = engine.openLive('lo', source, 'none', capture);
    await engine.handle('lanes.close', { lane: live.lane });
    expect(capture.stopped).toBe(true);
  });
});
