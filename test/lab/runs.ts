/**
 * Run bookkeeping in /run/hammerhead-lab (a tmpfs, emptied at boot like /run/netns):
 *
 *   <runId>/state.json   run id, VPC octet, host link yes/no, the owning process (pid + start time)
 *   <runId>/pids/*.json  one per daemon (daemons.ts)
 *   octets/<K>           which run holds 10.213.K.0/24 (created exclusively: two runs starting at
 *                        the same moment cannot both take K)
 *
 * A run is stale when its owner process is gone; a run brought up by the CLI has no owner and
 * stays until `down`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processStartTime } from './daemons.js';
import { run } from './exec.js';
import { isRunId, runDir, runIdOfNamespace, STATE_ROOT } from './plan.js';

export interface RunState {
  readonly runId: string;
  readonly hostLink: boolean;
  /** 0 until reserved. */
  readonly vpcOctet: number;
  /** undefined: not owned by a process (brought up by the CLI). */
  readonly owner?: { readonly pid: number; readonly startTime: string };
  readonly createdAt: string;
}

const octetDir = join(STATE_ROOT, 'octets');
const stateFile = (runId: string) => join(runDir(runId), 'state.json');

export function readState(runId: string): RunState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(runId), 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}

export function writeState(state: RunState): void {
  mkdirSync(runDir(state.runId), { recursive: true, mode: 0o755 });
  writeFileSync(stateFile(state.runId), JSON.stringify(state, null, 2));
}

export function ownerAlive(state: RunState): boolean {
  if (!state.owner) return true;
  return processStartTime(state.owner.pid) === state.owner.startTime;
}

export function currentOwner(): { pid: number; startTime: string } {
  return { pid: process.pid, startTime: processStartTime(process.pid) ?? '' };
}

/** Run ids with a run directory, a namespace, or an octet reservation. */
export function knownRunIds(): string[] {
  const ids = new Set<string>();
  if (existsSync(STATE_ROOT)) for (const name of readdirSync(STATE_ROOT)) if (isRunId(name)) ids.add(name);
  for (const line of run(['ip', 'netns', 'list']).stdout.split('\n')) {
    const id = runIdOfNamespace(line.split(' ')[0] ?? '');
    if (id) ids.add(id);
  }
  for (const [, id] of octetReservations()) ids.add(id);
  return [...ids].sort();
}

/**
 * A new run: its directory (created exclusively, so the id is ours), its state with this process
 * as owner (before anything else exists, so a concurrent `cleanupStale` sees a live owner), then
 * its octet.
 */
export function claimRun(hostLink: boolean, persistent: boolean, runId?: string): RunState {
  mkdirSync(STATE_ROOT, { recursive: true, mode: 0o755 });
  const taken = new Set(knownRunIds());
  for (let i = 0; i < 100; i++) {
    const id = runId ?? randomBytes(2).toString('hex');
    if (taken.has(id) && !runId) continue;
    try {
      mkdirSync(runDir(id), { mode: 0o755 });
    } catch {
      if (runId) throw new Error(`lab: run ${runId} exists but has no state; take it down first`);
      continue;
    }
    const state = {
      runId: id,
      vpcOctet: 0,
      hostLink,
      ...(persistent ? {} : { owner: currentOwner() }),
      createdAt: new Date().toISOString(),
    };
    writeState(state);
    const claimed = { ...state, vpcOctet: reserveOctet(id) };
    writeState(claimed);
    return claimed;
  }
  throw new Error('lab: no free run id after 100 tries');
}

function octetReservations(): [number, string][] {
  if (!existsSync(octetDir)) return [];
  return readdirSync(octetDir).map((name) => [
    Number(name),
    readFileSync(join(octetDir, name), 'utf8').trim(),
  ]);
}

/** IPv4 prefixes (address, length) that the root namespace already routes or holds. */
function rootPrefixes(): [number, number][] {
  const parse = (cidr: string): [number, number] | undefined => {
    const [address, length] = cidr.split('/');
    const octets = (address ?? '').split('.').map(Number);
    if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255))) return undefined;
    const value = octets.reduce((acc, o) => acc * 256 + o, 0);
    return [value, length === undefined ? 32 : Number(length)];
  };
  const routes = run(['ip', '-4', 'route', 'show', 'table', 'all']).stdout.split('\n');
  const cidrs = routes.map((line) => line.split(' ')[0] ?? '').filter((dst) => dst !== 'default');
  const addrs = run(['ip', '-4', '-o', 'addr', 'show']).stdout.match(/inet [0-9./]+/g) ?? [];
  return [...cidrs, ...addrs.map((a) => a.slice(5))].flatMap((c) => {
    const prefix = parse(c);
    return prefix ? [prefix] : [];
  });
}

/** Two prefixes overlap when they agree on the bits of the shorter one (plain arithmetic: unsigned). */
function overlaps(a: [number, number], b: [number, number]): boolean {
  const hostBits = 2 ** (32 - Math.min(a[1], b[1]));
  return Math.floor(a[0] / hostBits) === Math.floor(b[0] / hostBits);
}

/**
 * Reserves K for 10.213.K.0/24, starting from a value derived from the run id so that runs spread
 * out, skipping prefixes the machine already uses. Exclusive file creation settles races.
 */
export function reserveOctet(runId: string): number {
  mkdirSync(octetDir, { recursive: true });
  const used = rootPrefixes();
  const start = parseInt(runId, 16) % 254;
  for (let i = 0; i < 254; i++) {
    const k = ((start + i) % 254) + 1;
    const subnet: [number, number] = [((10 * 256 + 213) * 256 + k) * 256, 24];
    if (used.some((prefix) => overlaps(prefix, subnet))) continue;
    try {
      writeFileSync(join(octetDir, String(k)), runId, { flag: 'wx' });
      return k;
    } catch {
      // Held by another run: try the next one.
    }
  }
  throw new Error('lab: every 10.213.K.0/24 is in use');
}

export function releaseOctet(runId: string): void {
  for (const [k, id] of octetReservations())
    if (id === runId) rmSync(join(octetDir, String(k)), { force: true });
}
