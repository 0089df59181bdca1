/**
 * A running helper tied to its lane: live counters into `lane.stats` (plus an immediate
 * `lane.progress`), the stop conditions Hammerhead enforces itself (seconds, bytes; tcpdump counts
 * packets), and the disk guard: a capture stops, with a clear message, before the disk that holds
 * its spool fills, so every frame so far stays readable and can be saved elsewhere.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaptureStats, LaneId } from '../../../shared/contract/index.js';
import type { Engine } from '../engine.js';
import type { HelperRun } from './local-process.js';
import type { HelperCounters } from './local-stats.js';

export interface LaneLimits {
  readonly seconds?: number | undefined;
  readonly bytes?: number | undefined;
}

const TICK_MS = 250;
const DISK_EVERY_TICKS = 4;
const MiB = 1024 * 1024;

export function freeBytes(path: string): number | null {
  try {
    const fs = statfsSync(path);
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

export function diskFullMessage(dir: string, free: number | null, frames: number): string {
  const left = free === null ? 'no space' : `only ${(free / MiB).toFixed(1)} MiB`;
  return (
    `stopped: the disk holding the capture's spool file (${dir}) has ${left} left. ` +
    `The ${frames} frames captured so far are kept: free some space, then save them.`
  );
}

/** Counters of two runs into one lane (a restart that appended), as one. */
export function addCounters(a: HelperCounters | null, b: HelperCounters | null): HelperCounters | null {
  if (!a || !b) return a ?? b;
  return { captured: a.captured + b.captured, stats: addStats(a.stats, b.stats) };
}

function addStats(a: CaptureStats, b: CaptureStats): CaptureStats {
  const iface =
    a.droppedByInterface === null && b.droppedByInterface === null
      ? null
      : (a.droppedByInterface ?? 0) + (b.droppedByInterface ?? 0);
  return {
    received: a.received + b.received,
    droppedByKernel: a.droppedByKernel + b.droppedByKernel,
    droppedByInterface: iface,
  };
}

/**
 * Wires `run` to lane `id`; resolves when the capture has ended and the lane shows its final state.
 * `before`: the lane's earlier runs, whose counters the lane's statistics go on adding to.
 */
export async function attachRun(
  engine: Engine,
  id: LaneId,
  run: HelperRun,
  limits: LaneLimits,
  minFreeBytes: number,
  before: HelperCounters | null = null,
): Promise<void> {
  const total = (counters: HelperCounters) =>
    before ? addStats(before.stats, counters.stats) : counters.stats;
  let stoppedFor: string | null = null;
  const stopWith = (message: string) => {
    const lane = engine.liveLane(id);
    if (!lane || stoppedFor) return;
    stoppedFor = message;
    lane.fail({ offset: lane.bytesRead, blockType: 'spool', kind: 'io', message });
    void run.stop();
    engine.refresh(id);
  };
  run.onCounters = (counters) => {
    const lane = engine.liveLane(id);
    if (!lane) return;
    lane.stats = total(counters);
    engine.refresh(id);
  };
  let ticks = 0;
  const ticker = setInterval(() => {
    if (limits.bytes !== undefined && run.bytes >= limits.bytes) void run.stop();
    if (ticks++ % DISK_EVERY_TICKS !== 0) return;
    const lane = engine.liveLane(id);
    const dir = lane && dirname(lane.spool.path);
    const free = dir ? freeBytes(dir) : null;
    if (dir && free !== null && free < minFreeBytes) stopWith(diskFullMessage(dir, free, lane.store.count));
  }, TICK_MS);
  const deadline =
    limits.seconds === undefined ? null : setTimeout(() => void run.stop(), limits.seconds * 1000);
  try {
    await engine.loaded(id);
  } catch {
    // The lane records its own error; the final state below is what matters.
  } finally {
    clearInterval(ticker);
    if (deadline) clearTimeout(deadline);
  }
  await run.exited;
  finish(engine, id, run.counters && total(run.counters), stoppedFor);
}

function finish(engine: Engine, id: LaneId, stats: CaptureStats | null, stoppedFor: string | null): void {
  const lane = engine.liveLane(id);
  if (!lane) return;
  if (stats) lane.stats = stats;
  const error = lane.error;
  if (error && stoppedFor) lane.fail({ ...error, message: stoppedFor });
  else if (error && /ENOSPC/.test(error.message)) {
    const dir = dirname(lane.spool.path);
    lane.fail({
      ...error,
      blockType: 'spool',
      message: diskFullMessage(dir, freeBytes(dir), lane.store.count),
    });
  }
  engine.refresh(id);
}
