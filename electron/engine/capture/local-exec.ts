/**
 * Short-lived helper runs (`-D`, `-L`, `-d`): argv only, a time limit, stdin when given, output
 * collected. A run that overstays is killed, and the promise settles only once the process has
 * been reaped, so no caller leaves a child behind.
 */
import { spawn } from 'node:child_process';

export interface ExecResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | null;
}

export interface ExecOptions {
  readonly input?: Uint8Array;
  readonly timeoutMs?: number;
}

const MAX_OUTPUT = 1024 * 1024;

export function execArgv(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const [command, ...args] = argv;
  if (!command) return Promise.reject(new Error('execArgv: empty argv'));
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let spawnError: string | null = null;
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-MAX_OUTPUT)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-MAX_OUTPUT)));
    child.on('error', (error) => (spawnError = error.message));
    // A program that exits without reading stdin makes our write fail with EPIPE: not an error here.
    child.stdin.on('error', () => {});
    if (options.input) child.stdin.end(options.input);
    else child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 5000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, spawnError });
    });
  });
}
