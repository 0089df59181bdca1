/**
 * The lab's long-running processes (targets, sshd, nginx, health checker, captures). Each is
 * started inside one namespace with `ip netns exec` (which execs, so the PID we get is the
 * daemon's), in its own process group, with its output in a log file, and recorded in a PID file
 * `pids/<name>.json` holding the PID, the namespace and the process start time.
 *
 * Stopping never goes by process name: a PID from a file is signalled only while that PID still
 * runs in that very namespace and started at that very time, so a reused PID is never hit.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { inNetns, run, sleep } from './exec.js';

export interface DaemonRecord {
  readonly name: string;
  readonly pid: number;
  readonly namespace: string;
  readonly startTime: string;
  readonly argv: readonly string[];
  readonly log: string;
}

export interface DaemonSpec {
  readonly name: string;
  readonly namespace: string;
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Where stdout goes (a capture's pcap stream); the log file when absent. */
  readonly stdoutFile?: string;
}

const pidDir = (dir: string) => join(dir, 'pids');
const pidFile = (dir: string, name: string) => join(pidDir(dir), `${name}.json`);

/** Field 22 of /proc/<pid>/stat (start time in clock ticks), or undefined when the PID is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function namespaceInode(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

/** True when `pid` runs in network namespace `ns` (compared by nsfs inode, not by name). */
export function inNamespace(pid: number, ns: string): boolean {
  const want = namespaceInode(`/run/netns/${ns}`);
  return want !== undefined && namespaceInode(`/proc/${pid}/ns/net`) === want;
}

export function isRunning(record: DaemonRecord): boolean {
  return processStartTime(record.pid) === record.startTime && inNamespace(record.pid, record.namespace);
}

export function readDaemon(dir: string, name: string): DaemonRecord | undefined {
  try {
    return JSON.parse(readFileSync(pidFile(dir, name), 'utf8')) as DaemonRecord;
  } catch {
    return undefined;
  }
}

export function listDaemons(dir: string): DaemonRecord[] {
  if (!existsSync(pidDir(dir))) return [];
  return readdirSync(pidDir(dir))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => readDaemon(dir, file.slice(0, -'.json'.length)) ?? []);
}

/**
 * Starts `spec` unless a daemon of that name is already running (so `up` can be repeated).
 * The child is unref'd: a lab brought up by the CLI outlives the CLI; `down` stops it.
 */
export async function startDaemon(dir: string, spec: DaemonSpec): Promise<DaemonRecord> {
  const existing = readDaemon(dir, spec.name);
  if (existing && isRunning(existing)) return existing;
  mkdirSync(pidDir(dir), { recursive: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const log = join(dir, 'logs', `${spec.name}.log`);
  const fd = openSync(log, 'a');
  const out = spec.stdoutFile === undefined ? fd : openSync(spec.stdoutFile, 'w');
  const argv = inNetns(spec.namespace, spec.argv);
  const child = spawn(argv[0] ?? 'ip', argv.slice(1), {
    detached: true,
    stdio: ['ignore', out, fd],
    env: spec.env ?? process.env,
    cwd: spec.cwd,
  });
  closeSync(fd);
  if (out !== fd) closeSync(out);
  // A failed exec shows up as a daemon that is not running when its readiness is checked.
  child.on('error', () => undefined);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`lab: could not start ${spec.name} (${argv.join(' ')})`);
  const record: DaemonRecord = {
    name: spec.name,
    pid,
    namespace: spec.namespace,
    startTime: processStartTime(pid) ?? '',
    argv,
    log,
  };
  writeFileSync(pidFile(dir, spec.name), JSON.stringify(record, null, 2));
  // Until `ip` has called setns, the PID is still in the root namespace; "running" means running
  // inside the namespace, so wait for that (or for the process to die).
  for (let i = 0; i < 500 && !inNamespace(pid, spec.namespace); i++) {
    if (processStartTime(pid) !== record.startTime) break;
    await sleep(5);
  }
  return record;
}

/** The last lines of a daemon's log, for error messages. */
export function logTail(record: DaemonRecord, lines = 15): string {
  try {
    return readFileSync(record.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone: that is what we wanted.
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; only while the record still names the same process. */
export async function stopDaemon(dir: string, record: DaemonRecord, graceMs = 3000): Promise<void> {
  if (isRunning(record)) {
    signal(record.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isRunning(record) && Date.now() < deadline) await sleep(20);
    if (isRunning(record)) signal(record.pid, 'SIGKILL');
    // A SIGKILLed process may linger as a zombie of ours for a moment; bounded wait.
    for (let i = 0; i < 50 && isRunning(record); i++) await sleep(20);
  }
  rmSync(pidFile(dir, record.name), { force: true });
}

/**
 * Whatever still runs in namespace `ns` once its recorded daemons are stopped: children they
 * left (an sshd session, a sudo'd tcpdump). They live in a namespace this run created, so they
 * are this run's processes; each PID is re-checked against the namespace before the signal.
 */
export async function sweepNamespace(ns: string): Promise<number> {
  const pids = () =>
    run(['ip', 'netns', 'pids', ns])
      .stdout.split('\n')
      .filter((line) => /^\d+$/.test(line))
      .map(Number)
      .filter((pid) => pid !== process.pid && inNamespace(pid, ns));
  const found = pids();
  for (const pid of found) signal(pid, 'SIGTERM');
  for (let i = 0; i < 100 && pids().length > 0; i++) await sleep(20);
  for (const pid of pids()) signal(pid, 'SIGKILL');
  return found.length;
}
