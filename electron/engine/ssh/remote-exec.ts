/** A short remote command over an open connection: its exit status, stdout and stderr, time-limited. */
import type { Client } from 'ssh2';
import { SshError } from './errors.js';

export interface RemoteResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runRemote(client: Client, command: string, timeoutMs = 15_000): Promise<RemoteResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error)
        return reject(new SshError('remote-exit', `could not run a command on the host: ${error.message}`));
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      const timer = setTimeout(() => {
        channel.close();
        reject(new SshError('timeout', `a preflight command got no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? null;
      });
      channel.on('close', () => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
      // Preflight commands read nothing: EOF at once, so nothing waits on stdin.
      channel.end();
    });
  });
}
