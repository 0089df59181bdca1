/** Shared by the local-capture tests: why a test cannot run here, and waiting on a lane. */
import { spawnSync } from 'node:child_process';
import type { LaneId, LaneInfo, PacketRow, ViewId } from '../../shared/contract/index.js';
import type { Engine } from '../../electron/engine/engine.js';
import { findHelpers } from '../../electron/engine/capture/local-helper.js';

/** Why capturing tests cannot run here (they need tcpdump and capture rights), or null. */
export function captureUnavailable(): string | null {
  if (process.platform !== 'linux')
    return `these tests use Linux namespaces and /proc (this is ${process.platform})`;
  if (!findHelpers().some((h) => h.kind === 'tcpdump'))
    return 'tcpdump is not installed (apt-get install tcpdump)';
  if (process.getuid?.() !== 0) return 'capturing and namespaces need root (CI runs the tests as root)';
  return null;
}

export function namespacesUnavailable(): string | null {
  const reason = captureUnavailable();
  if (reason) return reason;
  const ip = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return ip.status === 0 ? null : `\`ip netns list\` fails: ${ip.stderr || ip.error?.message}`;
}

export function laneInfo(engine: Engine, lane: LaneId): LaneInfo {
  const found = engine.liveLane(lane);
  if (!found) throw new Error(`no lane ${lane}`);
  return found.info();
}

/** Polls the lane until `done` holds (at most `timeoutMs`); returns its info then. */
export async function waitForLane(
  engine: Engine,
  lane: LaneId,
  done: (info: LaneInfo) => boolean,
  timeoutMs = 10_000,
): Promise<LaneInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = laneInfo(engine, lane);
    if (done(info)) return info;
    if (Date.now() > deadline)
      throw new Error(`lane ${lane} did not get there in ${timeoutMs} ms: ${JSON.stringify(info)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function allRows(engine: Engine, lane: LaneId): Promise<PacketRow[]> {
  const out: PacketRow[] = [];
  for (let start = 0; ; start += 5000) {
    const window = await engine.handle('packets.rows', { lane, view: 0 as ViewId, start, count: 5000 });
    out.push(...window.rows);
    if (start + 5000 >= window.total) return out;
  }
}

export function nanos(row: PacketRow): bigint {
  return row.time ? BigInt(row.time.seconds) * 1_000_000_000n + BigInt(row.time.nanos) : -1n;
}

/** A UDP port nobody on this machine uses right now (and few will): the tests' filters key on it. */
export function freePort(): number {
  return 20000 + Math.floor(Math.random() * 20000);
}
