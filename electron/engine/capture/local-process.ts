/**
 * One running helper: its pcap on stdout becomes a `LiveCapture`, its stderr the counters and the
 * error text. Stopping sends SIGINT (the helper then flushes, prints its counters and exits), then
 * SIGTERM and SIGKILL if it lingers. Every child is reaped: by its own exit, by those escalations,
 * should the host process exit first, by the exit hook at the bottom, and should it be killed, by
 * the watchdog (local-reaper.ts).
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { LiveCapture } from './stream-source.js';
import type { HelperKind } from './local-helper.js';
import { classifyFailure } from './local-privileges.js';
import { watchOver, type Reaper } from './local-reaper.js';
import { StatsParser, type HelperCounters } from './local-stats.js';

/**
 * What a run needs of the helper's process: a child process, or what stands in for one when the
 * helper is not our child (macOS elevation, local-osascript.ts). `pid` may come later ('spawn').
 */
export interface HelperProcess {
  readonly pid?: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal: NodeJS.Signals): boolean;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

/** Starts a helper's process from its whole argv. */
export type HelperSpawn = (argv: readonly string[]) => HelperProcess;

export const spawnHelper: HelperSpawn = (argv) => {
  const [command, ...args] = argv;
  if (!command) throw new Error('HelperRun: empty argv');
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {});
  return child;
};

export interface HelperRunOptions {
  /** The whole command: launcher (pkexec, ip netns exec…), helper path, helper arguments. */
  readonly argv: readonly string[];
  readonly kind: HelperKind;
  readonly platform: NodeJS.Platform;
  /** How often to ask tcpdump for its counters; 0: never. */
  readonly statsIntervalMs: number;
  /** Default: a child process of `argv`. */
  readonly spawn?: HelperSpawn;
}

export interface HelperExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * tcpdump says "listening on" once the device is open. dumpcap says "Capturing on" before it tries
 * (a permission error follows), so its first output, the pcapng header it writes once the device
 * is open, is the sign instead.
 */
const READY = { tcpdump: /listening on /, dumpcap: null } as const;
const ESCALATE_MS = 3000;
/** A helper that keeps writing this long after SIGINT is not stopping: escalate anyway. */
const MAX_DRAIN_MS = 60_000;
const DRAIN_WAIT_MS = 2000;
/** A read this large suggests the pipe held more (reads come in up to 64 KiB). */
const BIG_READ = 16 * 1024;
const running = new Set<HelperProcess>();

export class HelperRun {
  /** Latest counters the helper reported (live, then final). */
  counters: HelperCounters | null = null;
  onCounters: (counters: HelperCounters) => void = () => {};
  /** pcap bytes received so far. */
  bytes = 0;
  readonly exited: Promise<HelperExit>;
  readonly capture: LiveCapture;
  private readonly child: HelperProcess;
  private readonly stderr: StatsParser;
  private reaper: Reaper | null = null;
  private exit: HelperExit | null = null;
  private spawnError: string | null = null;
  private stopRequested = false;
  private interrupted = false;
  /** The last read from the pipe was a big one: more is probably waiting in it. */
  private behind = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private listening = false;

  constructor(private readonly options: HelperRunOptions) {
    this.stderr = new StatsParser((counters) => {
      this.counters = counters;
      this.onCounters(counters);
    });
    this.child = (options.spawn ?? spawnHelper)(options.argv);
    running.add(this.child);
    this.child.on('error', (error) => (this.spawnError = error.message));
    this.child.on('spawn', () => {
      const pid = this.child.pid;
      if (pid !== undefined && !this.exit) this.reaper ??= watchOver(pid);
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => this.onStderr(text));
    this.child.stderr.on('end', () => this.stderr.end());
    // 'readable' also fires at the end of the stream: only bytes mean the device is open.
    const stdout = this.child.stdout;
    if (!READY[options.kind]) stdout.once('readable', () => stdout.readableLength > 0 && this.listen());
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) => {
        this.exit = { code, signal };
        running.delete(this.child);
        this.reaper?.release();
        for (const timer of this.timers) clearTimeout(timer);
        resolve(this.exit);
      }),
    );
    this.capture = { chunks: this.chunks(), stop: () => this.stop() };
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves once the helper listens on the device; rejects with its own words if it ends first. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.listening) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void this.stop();
        reject(new Error(`${this.options.kind} did not start listening within ${timeoutMs / 1000} s`));
      }, timeoutMs);
    });
    const started = new Promise<void>((resolve) => (this.resolveReady = resolve));
    const ended = this.exited.then((exit) => {
      throw new Error(this.describeFailure(exit) ?? `${this.options.kind} ended before it started listening`);
    });
    try {
      await Promise.race([started, ended, timeout]);
    } finally {
      clearTimeout(timer);
      ended.catch(() => {});
    }
  }

  /**
   * SIGINT, then SIGTERM and SIGKILL if the helper lingers; resolves once the stop is under way.
   * tcpdump's SIGINT handler lacks SA_RESTART: arriving while tcpdump is blocked writing to a full
   * pipe, it makes that write fail and stdio drops the packet tcpdump has already counted. So when
   * the reader is behind (its last read was a big one), SIGINT waits until a read has drained the
   * pipe, for at most DRAIN_WAIT_MS.
   */
  async stop(): Promise<void> {
    if (this.exit || this.stopRequested) return;
    this.stopRequested = true;
    if (this.behind) this.later(() => this.interrupt(), DRAIN_WAIT_MS);
    else this.interrupt();
  }

  private interrupt(): void {
    if (this.interrupted || this.exit) return;
    this.interrupted = true;
    this.signal('SIGINT');
    // A helper still writing its last packets is not lingering: escalate only once bytes stop.
    const deadline = Date.now() + MAX_DRAIN_MS;
    const escalate = (signals: readonly NodeJS.Signals[], seen: number) => {
      const [next, ...rest] = signals;
      if (!next || this.exit) return;
      const now = this.bytes;
      if (now !== seen && Date.now() < deadline) return this.later(() => escalate(signals, now));
      this.signal(next);
      this.later(() => escalate(rest, now));
    };
    const at = this.bytes;
    this.later(() => escalate(['SIGTERM', 'SIGKILL'], at));
  }

  private later(work: () => void, ms = ESCALATE_MS): void {
    this.timers.push(setTimeout(work, ms));
  }

  /** The failure as a sentence, or null when the helper ended as asked or by itself without error. */
  describeFailure(exit: HelperExit): string | null {
    const name = this.options.kind;
    if (this.spawnError) return `${name} could not be started: ${this.spawnError}`;
    const said = this.stderr.text();
    const quote = said ? `: ${said}` : '';
    if (classifyFailure(said) === 'interface-gone')
      return `the interface disappeared or went down (${said}); the frames captured before are kept`;
    if (exit.signal && !this.stopRequested) return `${name} was killed by ${exit.signal}${quote}`;
    if (exit.code !== null && exit.code !== 0 && !(this.stopRequested && exit.code === 130))
      return `${name} exited with status ${exit.code}${quote}`;
    // Not our child (macOS elevation): no exit status, so its own words say whether it failed.
    if (exit.code === null && exit.signal === null && !this.stopRequested && said)
      return `${name} ended${quote}`;
    return null;
  }

  private resolveReady: () => void = () => {};

  private onStderr(text: string): void {
    this.stderr.push(text);
    if (READY[this.options.kind]?.test(text)) this.listen();
  }

  private listen(): void {
    if (this.listening || this.exit) return;
    this.listening = true;
    this.resolveReady();
    this.startStatsTimer();
  }

  private startStatsTimer(): void {
    const { kind, platform, statsIntervalMs } = this.options;
    if (kind !== 'tcpdump' || statsIntervalMs <= 0) return;
    const signal = platform === 'darwin' ? 'SIGINFO' : 'SIGUSR1';
    const timer = setInterval(
      () => (this.exit ? clearInterval(timer) : this.signal(signal)),
      statsIntervalMs,
    );
    this.timers.push(timer);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.exit) return;
    try {
      this.child.kill(signal);
    } catch {
      // Already gone, or elevated and not yet back to our user: the next tick or escalation retries.
    }
  }

  private async *chunks(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of this.child.stdout as AsyncIterable<Buffer>) {
        this.bytes += chunk.length;
        this.behind = chunk.length >= BIG_READ;
        if (this.stopRequested && !this.behind) this.interrupt();
        yield chunk;
      }
      const failure = this.describeFailure(await this.exited);
      if (failure) throw new Error(failure);
    } finally {
      if (!this.exit) {
        void this.stop();
        this.child.stdout.destroy();
      }
    }
  }
}

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
