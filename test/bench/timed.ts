/**
 * Wall time and peak RSS of a command, through `/usr/bin/time -f '%e %M'`. This machine's timings vary by
 * ±30% run to run, so a figure is the best of a few runs (BENCH_RUNS, 3 by default); the peak RSS is the
 * largest seen.
 */
import { spawnSync } from 'node:child_process';

export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export interface Measured {
  readonly seconds: number;
  readonly peakKiB: number;
  /** Every run's wall time, in order. */
  readonly all: readonly number[];
}

export function timed(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Measured {
  const runs = Array.from({ length: RUNS }, () => timedOnce(command, args, env));
  return {
    seconds: Math.min(...runs.map((run) => run.seconds)),
    peakKiB: Math.max(...runs.map((run) => run.peakKiB)),
    all: runs.map((run) => run.seconds),
  };
}

function timedOnce(command: string, args: readonly string[], env?: NodeJS.ProcessEnv) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, peakKiB] = last.split(' ').map(Number);
  if (result.status !== 0 || seconds === undefined || peakKiB === undefined || Number.isNaN(seconds)) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(-500)}`);
  }
  return { seconds, peakKiB };
}
