/** How a lane's TLS sessions are summed up and shown: the header button's state, short randoms. */
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';

export type SessionState = TlsSessionStatus['state'];

/**
 * One state for the lane's button: failed when any session failed (the user has something to fix),
 * else partial when any was partly decrypted, decrypted when any was, plain when nothing was encrypted.
 */
export function overallState(sessions: readonly TlsSessionStatus[]): SessionState | null {
  if (sessions.length === 0) return null;
  const states = new Set(sessions.map((session) => session.state));
  for (const state of ['failed', 'partial', 'decrypted'] as const) if (states.has(state)) return state;
  return 'plain';
}

export const STATE_TITLES: Readonly<Record<SessionState, string>> = {
  decrypted: 'every encrypted record was decrypted',
  partial: 'some encrypted records were decrypted',
  failed: 'no encrypted record could be decrypted',
  plain: 'no encrypted record seen',
};

/** The first and last 8 hex digits: enough to tell sessions apart on screen. */
export function shortRandom(clientRandom: string): string {
  return clientRandom.length <= 20 ? clientRandom : `${clientRandom.slice(0, 8)}…${clientRandom.slice(-8)}`;
}

/** Counts by state for the button's tooltip, e.g. "2 decrypted, 1 failed". */
export function stateCounts(sessions: readonly TlsSessionStatus[]): string {
  const counts = new Map<SessionState, number>();
  for (const { state } of sessions) counts.set(state, (counts.get(state) ?? 0) + 1);
  return (['decrypted', 'partial', 'failed', 'plain'] as const)
    .filter((state) => counts.has(state))
    .map((state) => `${counts.get(state)} ${state}`)
    .join(', ');
}
