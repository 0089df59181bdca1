/**
 * Who may talk to the web host. The engine can open any file the user can read, so the host must
 * refuse everything that is not the page it served:
 * - `Host` must name the loopback address and our port: a DNS-rebinding page (evil.example resolving
 *   to 127.0.0.1) reaches the socket but sends its own name in `Host`;
 * - `Origin` must be the page's own origin: any other site's script sends its own (or none);
 * - the token, printed once on the terminal, proves the page was opened by the user who started us.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Bytes of randomness in a generated token (base64url: 43 characters). */
const TOKEN_BYTES = 32;
/** A caller-chosen token shorter than this is guessable; refuse it rather than run with it. */
const MIN_TOKEN_LENGTH = 32;

export type Refusal = { readonly status: 403 | 421; readonly reason: string };

export interface Guard {
  /** Null when the `Host` header names this server. */
  checkHost(request: IncomingMessage): Refusal | null;
  /** Null when `Origin` is this server's origin and the query carries the exact token. */
  checkCaller(request: IncomingMessage, query: URLSearchParams): Refusal | null;
}

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function assertStrongToken(token: string): void {
  if (token.length < MIN_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token))
    throw new Error(`web host token must be at least ${MIN_TOKEN_LENGTH} base64url characters`);
}

export function createGuard(port: number, token: string): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  const expected = Buffer.from(token, 'utf8');
  return {
    checkHost(request) {
      const host = request.headers.host;
      if (host !== undefined && hosts.has(host)) return null;
      return { status: 421, reason: `Host header "${host ?? ''}" does not name this server` };
    },
    checkCaller(request, query) {
      const origin = request.headers.origin;
      if (origin === undefined) return { status: 403, reason: 'missing Origin header' };
      if (!origins.has(origin)) return { status: 403, reason: `origin "${origin}" is not allowed` };
      const given = query.getAll('token');
      if (given.length !== 1 || !sameToken(Buffer.from(given[0] as string, 'utf8'), expected))
        return { status: 403, reason: 'missing or wrong token' };
      return null;
    },
  };
}

/** Constant-time for equal lengths; a length mismatch may return early: the length is not secret. */
function sameToken(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
