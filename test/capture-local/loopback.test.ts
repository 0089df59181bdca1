/**
 * Local capture on `lo` with the real tcpdump: bounded UDP bursts from this process, a filter that
 * keys on a random port, and every promise of the issue checked from the lane: counts, order, the
 * filter's effect, the helper's counters, stop conditions, a killed helper.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { findHelpers, HELPER_ENV } from '../../electron/engine/capture/local-helper.js';
import { Engine } from '../../electron/engine/engine.js';
import { localCaptureOf } from '../../electron/engine/capture/local-handlers.js';
import { allRows, captureUnavailable, freePort, laneInfo, nanos, waitForLane } from './support.js';
import { sendUdp } from './traffic.js';

const why = captureUnavailable();
let engine: Engine;
afterEach(async () => engine?.dispose());

describe.skipIf(why !== null)(`capture on lo${why ? ` (skipped: ${why})` : ''}`, () => {
  it('captures exactly the filtered packets, in time order, with the helper’s counters', async () => {
    engine = new Engine();
    const port = freePort();
    const { lanes, filter } = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp dst port ${port}`,
      role: 'front',
    });
    expect(filter).toBe(`udp dst port ${port}`);
    const lane = lanes[0]!;
    expect(lane).toMatchObject({
      state: 'capturing',
      title: 'lo',
      role: 'front',
      source: { kind: 'local', interface: 'lo' },
    });
    await sendUdp({ address: '127.0.0.1', port, count: 300 });
    await sendUdp({ address: '127.0.0.1', port: port + 1, count: 100 });
    await waitForLane(engine, lane.lane, (info) => info.frames >= 300);
    const stopped = await engine.handle('capture.stop', { lane: lane.lane });
    await localCaptureOf(engine).ended(lane.lane);
    const final = laneInfo(engine, lane.lane);
    expect(stopped.state).toBe('done');
    expect(final).toMatchObject({ frames: 300, error: null, format: 'pcap' });
    expect(final.interfaces[0]).toMatchObject({ linkTypeName: 'EN10MB', timeDecimals: 9 });
    expect(localCaptureOf(engine).captured(lane.lane)).toBe(300);
    expect(final.stats?.received).toBeGreaterThanOrEqual(300);
    expect(final.stats).toMatchObject({ droppedByKernel: 0, droppedByInterface: 0 });
    const rows = await allRows(engine, lane.lane);
    expect(rows.every((row) => row.protocol === 'UDP' && row.info.includes(`→ ${port} `))).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(nanos(rows[i]!) >= nanos(rows[i - 1]!)).toBe(true);
  });

  it('narrows the front-leg preset to the addresses a host name has at start', async () => {
    engine = new Engine();
    const port = freePort();
    const started = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp dst port ${port}`,
      frontLegHost: 'localhost',
    });
    expect(started.addresses).toContain('127.0.0.1');
    expect(started.filter).toMatch(new RegExp(`^\\(udp dst port ${port}\\) and \\(host 127\\.0\\.0\\.1`));
    expect(started.lanes[0]?.source).toEqual({ kind: 'local', interface: 'lo', filter: started.filter });
    await sendUdp({ address: '127.0.0.1', port, count: 10 });
    await waitForLane(engine, started.lanes[0]!.lane, (info) => info.frames === 10);
  });

  it('has a packet in the lane within 100 ms of its sending', async () => {
    engine = new Engine();
    const port = freePort();
    const { lanes } = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp dst port ${port}`,
    });
    const delays: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const sent = performance.now();
      await sendUdp({ address: '127.0.0.1', port, count: 1 });
      await waitForLane(engine, lanes[0]!.lane, (info) => info.frames === i, 2000);
      delays.push(performance.now() - sent);
    }
    delays.sort((a, b) => a - b);
    expect(delays[2]).toBeLessThan(100);
  });

  it('runs the helper through the elevation program when asked (a stand-in for pkexec here)', async () => {
    engine = new Engine();
    const dir = mkdtempSync(join(tmpdir(), 'hhlc-pkexec-'));
    try {
      // The stand-in runs what pkexec would, without asking anyone: the argv and the -Z hand-back
      // are what is under test; polkit's dialog cannot be driven from a test.
      writeFileSync(join(dir, 'pkexec'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
      const capture = new LocalCapture(engine, { env: { PATH: `${dir}:/usr/bin:/bin:/usr/sbin` } });
      expect((await capture.readiness()).canElevate).toBe(true);
      const port = freePort();
      const { lanes } = await capture.start({
        interfaces: ['lo'],
        filter: `udp dst port ${port}`,
        elevate: true,
      });
      const pid = capture.helperPid(lanes[0]!.lane);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('-Z');
      await sendUdp({ address: '127.0.0.1', port, count: 10 });
      await waitForLane(engine, lanes[0]!.lane, (info) => info.frames === 10);
      await engine.handle('capture.stop', { lane: lanes[0]!.lane });
      await capture.ended(lanes[0]!.lane);
      expect(capture.captured(lanes[0]!.lane)).toBe(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!findHelpers().some((h) => h.kind === 'dumpcap'))(
    'captures through dumpcap too (pcapng, its final counters)',
    async () => {
      engine = new Engine();
      const dumpcap = findHelpers().find((h) => h.kind === 'dumpcap')!;
      const capture = new LocalCapture(engine, { env: { [HELPER_ENV]: dumpcap.path } });
      const port = freePort();
      const { lanes } = await capture.start({ interfaces: ['lo'], filter: `udp dst port ${port}` });
      await sendUdp({ address: '127.0.0.1', port, count: 15 });
      await waitForLane(engine, lanes[0]!.lane, (info) => info.frames === 15);
      await engine.handle('capture.stop', { lane: lanes[0]!.lane });
      await capture.ended(lanes[0]!.lane);
      expect(laneInfo(engine, lanes[0]!.lane)).toMatchObject({ format: 'pcapng', frames: 15, error: null });
      expect(capture.captured(lanes[0]!.lane)).toBe(15);
      expect(laneInfo(engine, lanes[0]!.lane).stats?.droppedByKernel).toBe(0);
    },
  );

  it('updates the lane’s counters live while capturing', async () => {
    engine = new Engine();
    const port = freePort();
    const { lanes } = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp port ${port}`,
    });
    await sendUdp({ address: '127.0.0.1', port, count: 20 });
    const live = await waitForLane(engine, lanes[0]!.lane, (info) => (info.stats?.received ?? 0) >= 20, 5000);
    expect(live.state).toBe('capturing');
    await engine.handle('capture.stop', { lane: lanes[0]!.lane });
  });

  it('stops by itself after N packets or N seconds', async () => {
    engine = new Engine();
    const port = freePort();
    const byCount = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp port ${port}`,
      stopAfter: { packets: 25 },
    });
    const bySeconds = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp port ${port}`,
      stopAfter: { seconds: 1 },
    });
    const started = Date.now();
    await sendUdp({ address: '127.0.0.1', port, count: 60 });
    const counted = await waitForLane(engine, byCount.lanes[0]!.lane, (info) => info.state === 'done');
    expect(counted).toMatchObject({ frames: 25, error: null });
    const timed = await waitForLane(engine, bySeconds.lanes[0]!.lane, (info) => info.state === 'done', 5000);
    expect(timed).toMatchObject({ frames: 60, error: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('keeps every frame and says why when the helper is killed mid-capture', async () => {
    engine = new Engine();
    const port = freePort();
    const { lanes } = await engine.handle('capture.start', {
      interfaces: ['lo'],
      filter: `udp port ${port}`,
    });
    await sendUdp({ address: '127.0.0.1', port, count: 40 });
    await waitForLane(engine, lanes[0]!.lane, (info) => info.frames === 40);
    const run = localCaptureOf(engine).helperPid(lanes[0]!.lane);
    process.kill(run!, 'SIGKILL');
    const info = await waitForLane(engine, lanes[0]!.lane, (i) => i.state !== 'capturing');
    expect(info).toMatchObject({ state: 'done', frames: 40 });
    expect(info.error?.message).toMatch(/^the capture stopped: tcpdump was killed by SIGKILL/);
  });
});
