/**
 * Filtered views through the engine's contract: a view fills in the background with progress and can
 * be cancelled; totals and rows are the matches; sorting applies to them; re-filtering reads the
 * lane's field index instead of dissecting again; a live lane's filtered view follows new frames;
 * invalid filters are refused with their position; `frame.time_delta_displayed` follows the frames
 * that passed; colouring rules paint frames and are named in the details.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameNumber, LaneId, LaneInfo, ViewId } from '../../shared/contract/index.js';
import type { LiveCapture } from '../../electron/engine/capture/stream-source.js';
import { Engine } from '../../electron/engine/engine.js';
import { filterServiceOf } from '../../electron/engine/filter/filter-handlers.js';

const SAMPLE_PATH = resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap');
const SAMPLE = readFileSync(SAMPLE_PATH);

let engine: Engine;
afterEach(() => engine?.dispose());

async function open(): Promise<LaneId> {
  engine = new Engine();
  const { lane } = await engine.handle('file.open', { path: SAMPLE_PATH });
  await engine.loaded(lane);
  return lane;
}

async function numbers(lane: LaneId, view: ViewId): Promise<number[]> {
  const window = await engine.handle('packets.rows', { lane, view, start: 0, count: 5000 });
  return window.rows.map((row) => row.number);
}

async function filtered(
  lane: LaneId,
  filter: string,
  sort: null | { column: 'length'; direction: 'descending' } = null,
) {
  const { view } = await engine.handle('views.create', { lane, sort, filter });
  const progress = await engine.handle('filter.progress', { lane, view, waitMs: 30_000 });
  return { view, progress };
}

describe('filtered views', () => {
  it('hold the matching frames, numbered as in the lane, with progress', async () => {
    const lane = await open();
    const { view, progress } = await filtered(lane, 'tcp.srcport == 18080');
    expect(progress).toMatchObject({ lane, view, state: 'done', total: 34, processed: 34, error: null });
    const rows = await engine.handle('packets.rows', { lane, view, start: 0, count: 100 });
    expect(rows.total).toBe(progress.matched);
    expect(rows.rows.every((row) => row.source === '127.0.0.1')).toBe(true);
    expect(rows.rows.map((r) => r.number)).toEqual([...rows.rows.map((r) => r.number)].sort((a, b) => a - b));
    const all = await filtered(lane, 'tcp');
    expect(all.progress.matched).toBe(34);
    const none = await filtered(lane, 'udp');
    expect(await numbers(lane, none.view)).toEqual([]);
  });

  it('sort their matches', async () => {
    const lane = await open();
    const { view } = await filtered(lane, 'tcp.len > 0', { column: 'length', direction: 'descending' });
    const rows = (await engine.handle('packets.rows', { lane, view, start: 0, count: 100 })).rows;
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.length)).toEqual([...rows.map((r) => r.length)].sort((a, b) => b - a));
  });

  it('refuse an invalid filter with the position of the error', async () => {
    const lane = await open();
    await expect(
      engine.handle('views.create', { lane, sort: null, filter: 'tcp.port == 70000' }),
    ).rejects.toThrow('"70000" too big for this field, maximum 65535. (at 12)');
  });

  it('treat a blank filter as no filter', async () => {
    const lane = await open();
    const { view, total } = await engine.handle('views.create', { lane, sort: null, filter: '  ' });
    expect(total).toBe(34);
    expect((await numbers(lane, view)).length).toBe(34);
  });

  it('re-filter from the field index without dissecting again', async () => {
    const lane = await open();
    await filtered(lane, 'http.request.method == "GET"');
    const live = engine.liveLane(lane);
    if (!live) throw new Error('no lane');
    const extract = vi.spyOn(live, 'extract');
    const again = await filtered(lane, 'http.request.method == "POST" || http.request.method == "GET"');
    expect(again.progress.state).toBe('done');
    expect(extract).not.toHaveBeenCalled();
    await filtered(lane, 'http.host contains "127"');
    expect(extract).toHaveBeenCalled();
  });

  it('can be cancelled, keeping the matches so far', async () => {
    const lane = await open();
    const { view } = await engine.handle('views.create', {
      lane,
      sort: null,
      filter: 'frame contains "HTTP"',
    });
    expect(await engine.handle('filter.cancel', { lane, view })).toEqual({ cancelled: true });
    const progress = await filterServiceOf(engine).settled(lane, view);
    expect(progress.state).toBe('cancelled');
    expect(await engine.handle('filter.cancel', { lane, view })).toEqual({ cancelled: false });
  });

  it('forget a closed view', async () => {
    const lane = await open();
    const { view } = await filtered(lane, 'tcp');
    await engine.handle('views.close', { lane, view });
    await expect(engine.handle('filter.progress', { lane, view })).rejects.toThrow('no filtered view');
  });

  it('measure frame.time_delta_displayed from the last frame that passed, as tshark -Y does', async () => {
    const lane = await open();
    // tshark -r loopback-http.pcap -Y 'frame.number == 2 || frame.time_delta_displayed > 0.01'
    const filter = 'frame.number == 2 || frame.time_delta_displayed > 0.01';
    expect(await numbers(lane, (await filtered(lane, filter)).view)).toEqual([2, 6, 13, 23]);
    // Sorting the view does not change which frames pass.
    const sorted = await filtered(lane, filter, { column: 'length', direction: 'descending' });
    expect((await numbers(lane, sorted.view)).sort((a, b) => a - b)).toEqual([2, 6, 13, 23]);
    expect(await numbers(lane, (await filtered(lane, 'frame.time_delta_displayed == 0')).view)).toEqual([1]);
  });

  it('follow a live lane as frames arrive', async () => {
    engine = new Engine();
    let release: () => void = () => {};
    const later = new Promise<void>((r) => (release = r));
    const half = 2000;
    const capture: LiveCapture = {
      async stop() {},
      chunks: (async function* () {
        yield SAMPLE.subarray(0, half);
        await later;
        yield SAMPLE.subarray(half);
      })(),
    };
    const info = engine.openLive('lo', { kind: 'local', interface: 'lo', filter: '' }, 'none', capture);
    const first = await until(info.lane, (i) => i.frames > 0);
    const { view } = await filtered(info.lane, 'tcp.dstport == 18080');
    const early = (await engine.handle('packets.rows', { lane: info.lane, view, start: 0, count: 100 }))
      .total;
    expect(first.frames).toBeLessThan(34);
    release();
    await until(info.lane, (i) => i.frames === 34);
    await vi.waitFor(async () => {
      const progress = await engine.handle('filter.progress', { lane: info.lane, view, waitMs: 1000 });
      expect(progress).toMatchObject({ state: 'done', total: 34 });
    });
    const all = await numbers(info.lane, view);
    expect(all.length).toBeGreaterThan(early);
    const fresh = await filtered(info.lane, 'tcp.dstport == 18080');
    expect(all).toEqual(await numbers(info.lane, fresh.view));
  });
});

function until(lane: LaneId, done: (info: LaneInfo) => boolean): Promise<LaneInfo> {
  return new Promise((resolveInfo) => {
    const off = engine.on((channel, payload) => {
      if (channel === 'lane.progress' && (payload as LaneInfo).lane === lane && done(payload as LaneInfo)) {
        off();
        resolveInfo(payload as LaneInfo);
      }
    });
  });
}

describe('filter channels', () => {
  it('check and complete', async () => {
    await open();
    expect(await engine.handle('filter.check', { text: 'tcp.port eq 80' })).toEqual({
      ok: true,
      error: null,
      warnings: [],
      normalized: 'tcp.port == 80',
    });
    expect((await engine.handle('filter.check', { text: 'htpp' })).error).toEqual({
      position: 0,
      length: 4,
      message: '"htpp" is neither a field nor a protocol name.',
    });
    const completion = await engine.handle('filter.complete', { text: 'tcp.srcp', cursor: 8 });
    expect(completion.suggestions[0]?.label).toBe('tcp.srcport');
  });

  it('colour frames with the first matching rule, and take new rules', async () => {
    const lane = await open();
    const { rules } = await engine.handle('colour.rules', {});
    const names = rules.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Bad TCP', 'HTTP', 'TCP SYN/FIN', 'TCP', 'UDP']));
    const { rules: painted } = await engine.handle('colour.frames', {
      lane,
      numbers: [1, 4] as FrameNumber[],
    });
    expect(painted.map((i) => (i === null ? null : rules[i]?.name))).toEqual(['TCP SYN/FIN', 'HTTP']);
    await engine.handle('colour.set', {
      rules: [
        {
          name: 'GET',
          filter: 'http.request.method == "GET"',
          foreground: '#000000',
          background: '#ffff00',
          enabled: true,
        },
      ],
    });
    const gets = await filtered(lane, 'http.request.method == "GET"');
    const first = (await numbers(lane, gets.view))[0] as FrameNumber;
    expect(
      (await engine.handle('colour.frames', { lane, numbers: [first, 1 as FrameNumber] })).rules,
    ).toEqual([0, null]);
    await expect(
      engine.handle('colour.set', {
        rules: [{ name: 'bad', filter: 'htpp', foreground: '#000000', background: '#ffffff', enabled: true }],
      }),
    ).rejects.toThrow('rule 1 "bad": "htpp" is neither a field nor a protocol name. (at 0)');
  });

  it("name the matching rule in the frame layer of the details, as Wireshark's frame tree", async () => {
    const lane = await open();
    const frameLines = async (number: number) => {
      const details = await engine.handle('packets.details', { lane, number: number as FrameNumber });
      expect(details.layers[0]?.id).toBe('frame');
      return (details.layers[0]?.fields ?? [])
        .filter((f) => f.id.startsWith('frame.coloring_rule.'))
        .map((f) => [f.id, f.display, f.value]);
    };
    const synFin = (await engine.handle('colour.rules', {})).rules.find((r) => r.name === 'TCP SYN/FIN');
    expect(await frameLines(1)).toEqual([
      ['frame.coloring_rule.name', '[Coloring Rule Name: TCP SYN/FIN]', 'TCP SYN/FIN'],
      ['frame.coloring_rule.string', `[Coloring Rule String: ${synFin?.filter}]`, synFin?.filter],
    ]);
    await engine.handle('colour.set', {
      rules: [
        { name: 'UDP only', filter: 'udp', foreground: '#000000', background: '#ffffff', enabled: true },
      ],
    });
    expect(await frameLines(1)).toEqual([]);
  });
});
