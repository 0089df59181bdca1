/**
 * ProxyJump values (ssh_config(5)): a comma list of `[user@]host[:port]` or
 * `ssh://[user@]host[:port]`, with IPv6 addresses in brackets; `none` means no jump.
 */
import { SshError } from './errors.js';

export interface JumpSpec {
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
}

export function parseJumps(value: string): JumpSpec[] {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return [];
  return trimmed.split(',').map((item) => parseDestination(item.trim(), 'jump host'));
}

/** `[user@]host[:port]` (the CLI's `--ssh` argument and each ProxyJump hop). */
export function parseDestination(text: string, what = 'destination'): JumpSpec {
  const bare = text.startsWith('ssh://') ? text.slice('ssh://'.length) : text;
  const at = bare.lastIndexOf('@');
  const user = at >= 0 ? bare.slice(0, at) : undefined;
  const rest = at >= 0 ? bare.slice(at + 1) : bare;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(rest);
  // A bare IPv6 address (several colons, no brackets) has no port.
  const bareV6 = !bracketed && (rest.match(/:/g) ?? []).length > 1 ? [rest, rest] : null;
  const match = bracketed ?? plain ?? bareV6;
  const host = match?.[1];
  if (!host || user === '')
    throw new SshError('config', `invalid ${what} ${JSON.stringify(text)}: expected [user@]host[:port]`);
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535))
    throw new SshError('config', `invalid port in ${what} ${JSON.stringify(text)}`);
  return { host, ...(user !== undefined && { user }), ...(port !== undefined && { port }) };
}

export function formatJump(jump: JumpSpec): string {
  const host = jump.host.includes(':') ? `[${jump.host}]` : jump.host;
  return `${jump.user ? `${jump.user}@` : ''}${host}${jump.port ? `:${jump.port}` : ''}`;
}
