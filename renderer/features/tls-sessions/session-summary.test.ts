import { describe, expect, it } from 'vitest';
import { overallState, shortRandom, stateCounts } from './session-summary.js';
import { RANDOM_A, session } from './test-sessions.js';

describe('a lane’s TLS sessions summed up', () => {
  it('is failed when any failed, then partial, then decrypted, else plain; nothing without sessions', () => {
    const of = (...states: ('decrypted' | 'partial' | 'failed' | 'plain')[]) =>
      overallState(states.map((state) => session({ state })));
    expect(of()).toBeNull();
    expect(of('plain', 'decrypted')).toBe('decrypted');
    expect(of('decrypted', 'partial', 'plain')).toBe('partial');
    expect(of('decrypted', 'failed', 'partial')).toBe('failed');
    expect(of('plain', 'plain')).toBe('plain');
  });

  it('counts the states in a fixed order', () => {
    const sessions = ['failed', 'decrypted', 'decrypted', 'plain'] as const;
    expect(stateCounts(sessions.map((state) => session({ state })))).toBe('2 decrypted, 1 failed, 1 plain');
    expect(stateCounts([])).toBe('');
  });

  it('shortens a client random to its first and last eight digits', () => {
    expect(shortRandom(RANDOM_A)).toBe('a1a1a1a1…a1a1a1a1');
    expect(shortRandom('abc')).toBe('abc');
  });
});
