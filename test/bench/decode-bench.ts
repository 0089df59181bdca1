/**
 * `npm run bench`: Hammerhead against tshark on the same machine, same run, same file.
 *  1. builds a 1,000,000-frame pcap by repeating corpus frames with new timestamps (not committed);
 *  2. `hammerhead decode FILE > /dev/null` vs `tshark -r FILE > /dev/null`: wall time, peak RSS;
 *  3. the engine opening the file: time to the first 100 rows, and memory per frame beyond the spool.
 * Targets (issue "Engine core and CLI"): ≥ 5× faster than tshark, < 150 bytes/frame, first rows < 200 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LaneId, ViewId } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';
import { buildBenchCapture } from './build-capture.js';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 1_000_000);
const root = resolve(import.meta.dirname, '../..');
const workDir = join(root, '.bench');
const file = join(workDir, `frames-${FRAMES}.pcap`);

interface Measured {
  readonly seconds: number;
  readonly peakKiB: number;
}

/** This machine's timings vary by ±30% run to run: take the best of a few runs of each. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function timed(command: string, args: readonly string[]): Measured {
  const runs = Array.from({ length: RUNS }, () => timedOnce(command, args));
  return {
    seconds: Math.min(...runs.map((run) => run.seconds)),
    peakKiB: Math.max(...runs.map((run) => run.peakKiB)),
  };
}

function timedOnce(command: string, args: readonly string[]): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, peak] = last.split(' ').map(Number);
  if (result.status !== 0 || seconds === undefined || peak === undefined || Number.isNaN(seconds)) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(-500)}`);
  }
  return { seconds, peakKiB: peak };
}

async function engineFigures(): Promise<{
  firstRowsMs: number;
  bytesPerFrame: number;
  indexBytesPerFrame: number;
  loadSeconds: number;
}> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const engine = new Engine();
  const started = performance.now();
  const lane = (await engine.handle('file.open', { path: file })).lane as LaneId;
  // Poll as a renderer would: the first screen must come before the whole file is indexed.
  while (
    (await engine.handle('packets.rows', { lane, view: 0 as ViewId, start: 0, count: 100 })).rows.length < 100
  ) {
    await new Promise((r) => setImmediate(r));
  }
  const firstRowsMs = performance.now() - started;
  await engine.loaded(lane);
  const loadSeconds = (performance.now() - started) / 1000;
  gc?.();
  const after = process.memoryUsage();
  // `external` already includes `arrayBuffers` (Node's process.memoryUsage() docs): adding both counted
  // every typed-array column twice.
  const used = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
  const { lanes } = await engine.handle('lanes.list', {});
  const frames = lanes[0]?.frames ?? 0;
  const indexBytes = engine.indexBytes(lane);
  await engine.dispose();
  return {
    firstRowsMs,
    bytesPerFrame: (used(after) - used(before)) / frames,
    indexBytesPerFrame: indexBytes / frames,
    loadSeconds,
  };
}

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  if (!existsSync(file)) buildBenchCapture(file, FRAMES);
  const size = statSync(file).size;
  console.log(`capture: ${file} (${FRAMES} frames, ${(size / 1e6).toFixed(1)} MB)`);

  const hammerhead = timed(process.execPath, [join(root, 'bin/hammerhead.js'), 'decode', file]);
  const tshark = timed('tshark', ['-r', file]);
  const engine = await engineFigures();

  const speedup = tshark.seconds / hammerhead.seconds;
  const lines = [
    `best of ${RUNS} runs each, same file, same machine:`,
    `hammerhead decode: ${hammerhead.seconds.toFixed(2)} s, peak RSS ${(hammerhead.peakKiB / 1024).toFixed(0)} MiB`,
    `tshark -r:         ${tshark.seconds.toFixed(2)} s, peak RSS ${(tshark.peakKiB / 1024).toFixed(0)} MiB`,
    `speed: ${speedup.toFixed(2)}x tshark (target >= 5x) ${speedup >= 5 ? 'OK' : 'MISSED'}`,
    `peak RSS: ${(hammerhead.peakKiB / tshark.peakKiB).toFixed(2)}x tshark's`,
    `engine open: first 100 rows after ${engine.firstRowsMs.toFixed(1)} ms (target < 200 ms) ${engine.firstRowsMs < 200 ? 'OK' : 'MISSED'}; whole file indexed in ${engine.loadSeconds.toFixed(2)} s`,
    `engine memory beyond the spool: ${engine.bytesPerFrame.toFixed(1)} bytes/frame measured (heapUsed+external after GC; target < 150) ${engine.bytesPerFrame < 150 ? 'OK' : 'MISSED'}; index columns ${engine.indexBytesPerFrame.toFixed(1)} bytes/frame`,
  ];
  for (const line of lines) console.log(line);
}

await main();
