/**
 * The engine through its contract, on the bundled sample and on files made here: rows windows,
 * details with byte ranges, sorted views, save and read back (tshark as a second reader), damage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannel, FrameNumber, LaneId, ViewId } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';

const SAMPLE = resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap');
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const view0 = 0 as ViewId;

let engine: Engine;
afterEach(() => engine?.dispose());

async function open(path: string): Promise<LaneId> {
  engine ??= new Engine();
  const lane = (await engine.handle('file.open', { path })).lane as LaneId;
  await engine.loaded(lane);
  return lane;
}

function fresh(): Engine {
  engine = new Engine();
  return engine;
}

describe('engine', () => {
  it('returns only the requested window of rows, with the total', async () => {
    fresh();
    const lane = await open(SAMPLE);
    const window = await engine.handle('packets.rows', { lane, view: view0, start: 30, count: 10 });
    expect(window.total).toBe(34);
    expect(window.rows.map((row) => row.number)).toEqual([31, 32, 33, 34]);
    expect(window.rows[0]).toMatchObject({
      source: '127.0.0.1',
      destination: '127.0.0.1',
      protocol: 'TCP',
      length: 66,
    });
    expect(window.rows[0]?.time).toEqual({ seconds: expect.any(Number), nanos: expect.any(Number) });
  });

  it('builds details on demand: layers with byte ranges inside the frame, and the bytes', async () => {
    fresh();
    const lane = await open(SAMPLE);
    const details = await engine.handle('packets.details', { lane, number: 1 as FrameNumber });
    expect(details.bytesHex).toHaveLength(74 * 2);
    expect(details.layers.map((layer) => layer.id)).toEqual(expect.arrayContaining(['eth', 'ip', 'tcp']));
    for (const layer of details.layers) {
      expect(layer.range[0]).toBeGreaterThanOrEqual(0);
      expect(layer.range[1]).toBeLessThanOrEqual(74);
    }
    const tcp = details.layers.find((layer) => layer.id === 'tcp');
    const srcport = tcp?.fields.find((field) => field.id === 'tcp.srcport');
    expect(srcport?.value).toBe(52076);
    expect(srcport?.range).toEqual([34, 36]);
  });

  it('sorts in a view and keeps view 0 in capture order', async () => {
    fresh();
    const lane = await open(SAMPLE);
    const { view, total } = await engine.handle('views.create', {
      lane,
      sort: { column: 'length', direction: 'descending' },
    });
    expect(total).toBe(34);
    const sorted = await engine.handle('packets.rows', { lane, view, start: 0, count: 3 });
    expect(sorted.rows.map((row) => row.length)).toEqual([401, 251, 251]);
    expect(sorted.rows.map((row) => row.number)).toEqual([30, 6, 18]);
    await expect(
      engine.handle('packets.rows', { lane, view: 99 as ViewId, start: 0, count: 1 }),
    ).rejects.toThrow(/no view 99/);
  });

  it('saves a lane as pcapng that tshark reads back frame for frame', async () => {
    fresh();
    const lane = await open(SAMPLE);
    const out = join(mkdtempSync(join(tmpdir(), 'hh-save-')), 'saved.pcapng');
    expect(await engine.handle('file.save', { path: out, lanes: [lane] })).toEqual({ path: out, frames: 34 });
    const again = await open(out);
    const a = await engine.handle('packets.rows', { lane, view: view0, start: 0, count: 100 });
    const b = await engine.handle('packets.rows', { lane: again, view: view0, start: 0, count: 100 });
    expect(b.rows).toEqual(a.rows);
    if (hasTshark) {
      const tshark = spawnSync(
        'tshark',
        ['-r', out, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len'],
        { encoding: 'utf8' },
      );
      expect(tshark.stdout.trim().split('\n')).toHaveLength(34);
    }
  });

  it('saves several lanes into one pcapng, merged by time, one interface per lane', async () => {
    fresh();
    const first = await open(SAMPLE);
    const second = await open(SAMPLE);
    const out = join(mkdtempSync(join(tmpdir(), 'hh-save-')), 'both.pcapng');
    expect((await engine.handle('file.save', { path: out, lanes: [first, second] })).frames).toBe(68);
    const merged = await open(out);
    const { lanes } = await engine.handle('lanes.list', {});
    const info = lanes.find((l) => l.lane === merged);
    expect(info?.frames).toBe(68);
    expect(info?.interfaces).toHaveLength(2);
    const rows = (await engine.handle('packets.rows', { lane: merged, view: view0, start: 0, count: 4 }))
      .rows;
    expect(rows.map((row) => row.interfaceId)).toEqual([0, 1, 0, 1]);
  });

  it('keeps the frames before damage and reports where and what', async () => {
    fresh();
    const bytes = readFileSync(SAMPLE);
    const dir = mkdtempSync(join(tmpdir(), 'hh-bad-'));
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 20));
    const lane = await open(cut);
    const { lanes } = await engine.handle('lanes.list', {});
    expect(lanes[0]).toMatchObject({ lane, frames: 33, state: 'done', error: { kind: 'truncated' } });
    expect(lanes[0]?.error?.message).toMatch(/ends inside/);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, this is not a capture\n');
    const bad = await open(text);
    const info = (await engine.handle('lanes.list', {})).lanes.find((l) => l.lane === bad);
    expect(info).toMatchObject({ frames: 0, state: 'failed', error: { kind: 'not-a-capture' } });

    const missing = await open(join(dir, 'nope.pcap'));
    const gone = (await engine.handle('lanes.list', {})).lanes.find((l) => l.lane === missing);
    expect(gone).toMatchObject({
      state: 'failed',
      error: { kind: 'io', message: expect.stringMatching(/no such file/) },
    });
  });

  it('emits throttled progress and a final event; closing a lane deletes its spool', async () => {
    const e = fresh();
    const events: EventChannel[] = [];
    e.on((channel) => events.push(channel));
    const lane = await open(SAMPLE);
    expect(events.at(-1)).toBe('lane.progress');
    const spool = (e as unknown as { lanes: Map<number, { spool: { path: string } }> }).lanes.get(lane)?.spool
      .path;
    expect(spool && existsSync(spool)).toBe(true);
    await e.handle('lanes.close', { lane });
    expect(events.at(-1)).toBe('lane.closed');
    expect(existsSync(spool as string)).toBe(false);
    await expect(e.handle('packets.rows', { lane, view: view0, start: 0, count: 1 })).rejects.toThrow(
      /no lane/,
    );
  });
});

describe('the shared time cursor (packets.nearest)', () => {
  it('finds the frame nearest to a time, in any view, and the exact frame when times are equal', async () => {
    fresh();
    const lane = await open(SAMPLE);
    const rows = (await engine.handle('packets.rows', { lane, view: view0, start: 0, count: 34 })).rows;
    const tenth = rows[9]!;
    const exact = await engine.handle('packets.nearest', { lane, view: view0, time: tenth.time! });
    expect(exact).toEqual({ position: 9, number: 10 });

    const sorted = await engine.handle('views.create', {
      lane,
      sort: { column: 'number', direction: 'descending' },
    });
    const inSorted = await engine.handle('packets.nearest', { lane, view: sorted.view, time: tenth.time! });
    expect(inSorted).toEqual({ position: 34 - 10, number: 10 });

    const later = { seconds: rows[33]!.time!.seconds + 3600, nanos: 0 };
    expect(await engine.handle('packets.nearest', { lane, view: view0, time: later })).toEqual({
      position: 33,
      number: 34,
    });
  });
});

describe('bundled samples (samples.list)', () => {
  it('lists the samples whose files are all present, with their lanes’ roles', async () => {
    const samplesDir = resolve(import.meta.dirname, '../../assets/samples');
    const withSamples = new Engine({ samplesDir });
    const { samples } = await withSamples.handle('samples.list', {});
    const lb = samples.find((sample) => sample.id === 'load-balancer');
    expect(lb?.lanes.map((lane) => [lane.path.split('/').pop(), lane.role])).toEqual([
      ['lb-front.pcapng', 'front'],
      ['lb-back-target1.pcap', 'back'],
      ['lb-back-target2.pcap', 'back'],
    ]);
    expect(samples.map((sample) => sample.id)).toContain('loopback-http');
    const empty = mkdtempSync(join(tmpdir(), 'hh-no-samples-'));
    expect((await new Engine({ samplesDir: empty }).handle('samples.list', {})).samples).toEqual([]);
    expect((await new Engine().handle('samples.list', {})).samples).toEqual([]);
  });
});
