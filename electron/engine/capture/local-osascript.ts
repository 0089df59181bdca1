/**
 * "Capture as administrator" on macOS, as a process a `HelperRun` can drive. osascript shows the
 * authorization prompt and starts the helper as root in the background (local-elevate.ts builds
 * the script); the helper's pcap and its stderr come back through two FIFOs in a directory only
 * this user can enter, and the script's one line of output is the helper's pid.
 *
 * The helper is not our child, so: signals go to that pid (tcpdump `-Z` hands itself back to the
 * user once the device is open, after which we may signal it; before, a signal fails and the
 * caller's escalation retries); its end is seen as its stderr closing, or its pid gone; its exit
 * status is unknown (`close` reports null, null, and the caller judges by what it said). Hammerhead
 * stays unprivileged throughout.
 */
import { spawn as spawnChild, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { execArgv } from './local-exec.js';
import type { HelperProcess } from './local-process.js';
import { watchOver } from './local-reaper.js';

/** Starts osascript (tests replace it: there is no authorization prompt to drive on Linux). */
export type ProgramSpawn = (command: string, args: readonly string[]) => ChildProcess;

export const spawnProgram: ProgramSpawn = (command, args) =>
  spawnChild(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });

export interface Fifos {
  readonly dir: string;
  readonly data: string;
  readonly error: string;
}

/** Two FIFOs (pcap, stderr) in a fresh directory of mode 0700. */
export async function makeFifos(): Promise<Fifos> {
  const dir = mkdtempSync(join(tmpdir(), 'hammerhead-elevated-'));
  const fifos = { dir, data: join(dir, 'pcap'), error: join(dir, 'stderr') };
  const made = await execArgv(['mkfifo', '-m', '600', fifos.data, fifos.error]);
  if (made.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mkfifo failed: ${made.spawnError ?? made.stderr.trim()}`);
  }
  return fifos;
}

const ALIVE_POLL_MS = 250;
/** After the helper is gone, a FIFO reader still running is one whose FIFO was never opened. */
const READER_GRACE_MS = 2000;

/**
 * A FIFO's reader: `cat`, whose open waits for the writer, and whose output is an ordinary pipe
 * to us. Reading the FIFO ourselves would park a libuv pool thread in open() and then in every
 * read() for the whole capture: two per elevated capture, of the four that DNS and fs share.
 */
function readFifo(path: string): ChildProcessByStdio<null, Readable, null> {
  const cat = spawnChild('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] });
  cat.on('error', () => {});
  return cat;
}

export class ElevatedHelper extends EventEmitter implements HelperProcess {
  pid: number | undefined = undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  private readonly osascript: ChildProcess;
  private readonly readers: ChildProcessByStdio<null, Readable, null>[];
  private readonly reading: Set<ChildProcess>;
  private closed = false;
  private ending = false;
  private alive: NodeJS.Timeout | undefined;

  constructor(
    argv: readonly string[],
    private readonly fifos: Fifos,
    spawn: ProgramSpawn = spawnProgram,
  ) {
    super();
    this.readers = [readFifo(fifos.data), readFifo(fifos.error)];
    this.stdout = this.readers[0]!.stdout;
    this.stderr = this.readers[1]!.stdout;
    this.reading = new Set(this.readers);
    for (const reader of this.readers)
      reader.on('close', () => (this.reading.delete(reader), this.closeWhenRead()));
    const [command, ...args] = argv;
    if (!command) throw new Error('ElevatedHelper: empty argv');
    this.osascript = spawn(command, args);
    // An engine killed while the prompt is up must not leave a root shell waiting on our FIFOs.
    const prompt = this.osascript.pid === undefined ? null : watchOver(this.osascript.pid);
    this.osascript.on('error', (error) => this.fail(error.message));
    let said = '';
    let failure = '';
    this.osascript.stdout?.on('data', (d: Buffer) => (said += d.toString()));
    this.osascript.stderr?.on('data', (d: Buffer) => (failure += d.toString()));
    this.osascript.on('close', (code) => {
      prompt?.release();
      const pid = /^\s*(\d+)\s*$/.exec(said)?.[1];
      if (code === 0 && pid) this.started(Number(pid));
      else this.fail(promptFailure(failure, code));
    });
    // The helper holds its stderr until it exits: that reader ending is the helper's end.
    this.readers[1]!.on('close', () => this.end());
  }

  /** False when the signal could not be sent (the helper still root: not yet handed back by `-Z`). */
  kill(signal: NodeJS.Signals): boolean {
    if (this.closed) return false;
    // Still at the prompt: stopping osascript withdraws it.
    if (this.pid === undefined) return this.osascript.kill(signal);
    try {
      process.kill(this.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  private started(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
    this.alive = setInterval(() => running(pid) || this.end(), ALIVE_POLL_MS);
  }

  private fail(message: string): void {
    if (this.ending) return;
    this.emit('error', new Error(message));
    this.end();
  }

  /** The helper is gone (or never came): the readers drain, or go if their FIFO never opened; then 'close'. */
  private end(): void {
    if (this.ending) return;
    this.ending = true;
    clearInterval(this.alive);
    this.grace = setTimeout(
      () => this.reading.forEach((reader) => reader.kill('SIGKILL')),
      this.pid === undefined ? 0 : READER_GRACE_MS,
    );
    this.closeWhenRead();
  }

  private grace: NodeJS.Timeout | undefined;

  private closeWhenRead(): void {
    if (!this.ending || this.reading.size > 0 || this.closed) return;
    clearTimeout(this.grace);
    this.closed = true;
    rmSync(this.fifos.dir, { recursive: true, force: true });
    this.emit('close', null, null);
  }
}

/** Whether a process we may not signal still exists (EPERM: it does, as root). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** osascript's own words, or the user's cancelling of the prompt ("User canceled. (-128)"). */
function promptFailure(stderr: string, code: number | null): string {
  if (/-128/.test(stderr)) return 'the administrator password prompt was cancelled';
  const said = stderr.trim();
  return said ? `the authorization prompt failed: ${said}` : `osascript exited with status ${code}`;
}
