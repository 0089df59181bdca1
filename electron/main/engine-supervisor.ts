/**
 * Starts the engine in a utilityProcess, hands each renderer page a MessagePort to it (on every
 * load, reloads included), restarts it when it dies, and stops it on quit.
 *
 * Main only introduces the two ends: it never sees a request or a row. A crashed engine takes its
 * lanes with it, so the page is told (`IPC.engineRestarted`) along with its new port. Restarts back
 * off and stop after `MAX_RESTARTS` within `RESTART_WINDOW_MS`; then `onGiveUp` decides.
 */
import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { IPC } from '../../shared/contract/bridge.js';
import { HOST_MESSAGES } from '../engine/host-protocol.js';

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;
const FIRST_BACKOFF_MS = 250;
/** How long a stopping engine may take to release its spool files before it is killed. */
export const STOP_GRACE_MS = 2_000;

export interface SupervisorOptions {
  /** Path of the built engine entry (out/main/engine.js). */
  readonly script: string;
  /** Arguments for the engine entry (e.g. where the bundled samples are). */
  readonly args?: readonly string[];
  /** Called when the engine keeps crashing and is no longer restarted. */
  readonly onGiveUp: (reason: string) => void;
}

export class EngineSupervisor {
  private child: UtilityProcess | null = null;
  private target: WebContents | null = null;
  private stopping = false;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the engine crashed within the last RESTART_WINDOW_MS. */
  private crashes: number[] = [];

  constructor(private readonly options: SupervisorOptions) {}

  get running(): boolean {
    return this.child !== null || this.restartTimer !== null;
  }

  /** Forks the engine (again, after a give-up: the crash history is forgotten). */
  start(): void {
    if (this.running) return;
    const gaveUp = this.crashes.length > MAX_RESTARTS;
    this.stopping = false;
    this.crashes = [];
    this.fork();
    this.connect();
    if (gaveUp)
      this.notifyRestart('the engine was restarted after it kept stopping; the captures it held were closed');
  }

  /** Connects this web contents to the engine now (if loaded) and after each of its page loads. */
  attach(contents: WebContents): void {
    this.target = contents;
    contents.on('did-finish-load', () => {
      if (this.target === contents) this.connect();
    });
    contents.once('destroyed', () => {
      if (this.target === contents) this.target = null;
    });
    if (!contents.isLoading()) this.connect();
  }

  /** Asks the engine to exit, kills it after a grace period; no restart follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return;
    await stopChild(child);
    if (this.child === child) this.child = null;
  }

  private fork(): void {
    const child = utilityProcess.fork(this.options.script, [...(this.options.args ?? [])], {
      serviceName: 'Hammerhead engine',
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      if (!this.stopping) this.onCrash(code);
    });
    this.child = child;
  }

  /** A fresh channel: one end to the engine, the other to the page (its old one died with it). */
  private connect(): void {
    const { child, target } = this;
    if (!child || !target || target.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ type: HOST_MESSAGES.port }, [port1]);
    target.postMessage(IPC.enginePort, null, [port2]);
  }

  private onCrash(code: number): void {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < RESTART_WINDOW_MS), now];
    const reason = `the engine stopped unexpectedly (exit code ${code})`;
    if (this.crashes.length > MAX_RESTARTS) {
      this.options.onGiveUp(`${reason}, ${this.crashes.length} times within ${RESTART_WINDOW_MS / 1000} s`);
      return;
    }
    const delay = FIRST_BACKOFF_MS * 4 ** (this.crashes.length - 1);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.fork();
      this.connect();
      this.notifyRestart(`${reason} and was restarted; the captures it held were closed`);
    }, delay);
  }

  private notifyRestart(reason: string): void {
    const { target } = this;
    if (target && !target.isDestroyed()) target.send(IPC.engineRestarted, reason);
  }
}

/** Resolves when the engine exited, or was killed after the grace period (quitting must not hang). */
function stopChild(child: UtilityProcess): Promise<void> {
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      child.kill();
      resolve();
    }, STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.postMessage({ type: HOST_MESSAGES.stop });
  });
}
