/**
 * The "Front leg (HTTPS :443)" preset: a load balancer's name resolves to several addresses that
 * change over time, so it is resolved when the capture starts (and shown), not remembered.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export const FRONT_LEG_FILTER = 'tcp port 443';
const TIMEOUT_MS = 5000;

export async function resolveHost(host: string): Promise<string[]> {
  const name = host.trim();
  if (isIP(name)) return [name];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`resolving ${name} took over ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
  });
  try {
    const found = await Promise.race([lookup(name, { all: true, verbatim: true }), timeout]);
    const addresses = [...new Set(found.map((entry) => entry.address))];
    if (addresses.length === 0) throw new Error(`${name} has no addresses`);
    return addresses;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EAI_NONAME')
      throw new Error(`${name} does not resolve (no such host)`, { cause: error });
    throw error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** `tcp port 443 and (host 192.0.2.1 or host 192.0.2.2)`: the user's filter, narrowed to those hosts. */
export function withHosts(filter: string, addresses: readonly string[]): string {
  if (addresses.length === 0) return filter;
  const hosts = addresses.map((address) => `host ${address}`).join(' or ');
  return filter.trim() ? `(${filter.trim()}) and (${hosts})` : hosts;
}
