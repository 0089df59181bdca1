/**
 * Short-lived commands (ip, ethtool, openssl, ssh-keygen, tshark): synchronous, always with a time
 * limit, and an error that quotes the command and its stderr, because a lab that fails half-way
 * is only debuggable from that message.
 */
import { spawnSync } from 'node:child_process';

export interface RunOptions {
  readonly input?: string | Buffer;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Larger than the default 1 MiB for tshark's JSON. */
  readonly maxBuffer?: number;
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(argv: readonly string[], options: RunOptions = {}): RunResult {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('run: empty command');
  const result = spawnSync(command, args, {
    input: options.input,
    timeout: options.timeoutMs ?? 15_000,
    env: options.env ?? process.env,
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.error) throw new Error(`${argv.join(' ')}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `run`, throwing unless the command exits 0; returns its stdout. */
export function must(argv: readonly string[], options: RunOptions = {}): string {
  const result = run(argv, options);
  if (result.status !== 0)
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.trim().slice(0, 2000)}`);
  return result.stdout;
}

/** The argv that runs `argv` inside network namespace `ns` (and with its /etc/netns/<ns> overlay). */
export function inNetns(ns: string, argv: readonly string[]): string[] {
  return ['ip', 'netns', 'exec', ns, ...argv];
}

export function commandExists(command: string): boolean {
  return run(['sh', '-c', `command -v ${command}`]).status === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` every `everyMs` until it returns a value other than undefined, for at most
 * `timeoutMs`; then throws `what` with the last reason `check` gave.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => T | undefined,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`lab: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
