/**
 * What can go wrong between "Connect" and the first packet, each as its own code and a message
 * that names the host and the fix. Node's and ssh2's errors are mapped here, once, so that the
 * dialog, the CLI and the tests all see the same words.
 */
export type SshErrorCode =
  | 'config'
  | 'unknown-host-name'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'handshake'
  | 'auth'
  | 'key-file'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'host-key-ca'
  | 'jump'
  | 'preflight'
  | 'remote-exit'
  | 'connection-lost'
  | 'cancelled'
  | 'no-session';

export class SshError extends Error {
  constructor(
    readonly code: SshErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SshError';
  }
}

/** `user@host:port`, or `host:port`: how every message names the machine. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
}

export function endpointLabel(where: Endpoint): string {
  const host = where.host.includes(':') ? `[${where.host}]` : where.host;
  return `${where.user ? `${where.user}@` : ''}${host}:${where.port}`;
}

const NAME_ERRORS = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** A failed TCP connect (DNS, refused, unreachable, timeout) as the user should read it. */
export function socketError(error: unknown, where: Endpoint, timeoutMs: number): SshError {
  if (error instanceof SshError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  const at = endpointLabel({ host: where.host, port: where.port });
  if (NAME_ERRORS.has(code))
    return new SshError(
      'unknown-host-name',
      `unknown host name "${where.host}": it does not resolve (${code}); check the spelling, ` +
        `the HostName in ~/.ssh/config, or your DNS`,
    );
  if (code === 'ECONNREFUSED')
    return new SshError(
      'refused',
      `${at} refused the connection: nothing listens on port ${where.port} there ` +
        `(is sshd running? is the port right?)`,
    );
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT')
    return timeoutError(where, timeoutMs, 'the TCP connection');
  if (UNREACHABLE.has(code))
    return new SshError(
      'unreachable',
      `cannot reach ${at}: ${detail} (no route: check the address, VPN or jump host)`,
    );
  return new SshError('handshake', `connecting to ${at} failed: ${detail}`);
}

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1).replace(/\.0$/, '') : String(Math.round(ms / 1000));
}

export function timeoutError(where: Endpoint, timeoutMs: number, what: string): SshError {
  return new SshError(
    'timeout',
    `no answer from ${endpointLabel({ host: where.host, port: where.port })} within ` +
      `${seconds(timeoutMs)} s (timeout waiting for ${what}): a firewall or security group ` +
      `may drop SSH, or the host is down`,
  );
}

/** An error ssh2 raised during the handshake or authentication. */
export function handshakeError(error: unknown, where: Endpoint, tried: readonly string[]): SshError {
  if (error instanceof SshError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const level = (error as { level?: string } | undefined)?.level;
  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    const methods = tried.length > 0 ? tried.join(', ') : 'none available';
    return new SshError(
      'auth',
      `authentication failed for ${endpointLabel(where)}: the server accepted none of the ` +
        `credentials tried (${methods}); check the user name, the key (is it in ` +
        `~/.ssh/authorized_keys there?), the agent, or the password`,
    );
  }
  if (/timed out while waiting for handshake/i.test(message))
    return new SshError(
      'timeout',
      `${endpointLabel(where)} accepted the TCP connection but did not complete the SSH handshake ` +
        `in time (timeout: is it an SSH server? is the port right?)`,
    );
  return new SshError('handshake', `the SSH handshake with ${endpointLabel(where)} failed: ${message}`);
}
