import { describe, expect, it } from 'vitest';
import { formatRate, nextRates, sparklinePoints } from './rates.js';

describe('interface rates', () => {
  it('are packet deltas over time, and restart when a counter goes back', () => {
    const a = { at: 1000, counters: [{ name: 'lo', packets: 100, bytes: 0 }] };
    const b = {
      at: 3000,
      counters: [
        { name: 'lo', packets: 300, bytes: 0 },
        { name: 'new0', packets: 5, bytes: 0 },
      ],
    };
    const c = { at: 4000, counters: [{ name: 'lo', packets: 10, bytes: 0 }] };
    const first = nextRates(null, a, new Map());
    expect(first.get('lo')).toEqual([0]);
    const second = nextRates(a, b, first);
    expect(second.get('lo')).toEqual([0, 100]);
    expect(second.get('new0')).toEqual([0]);
    expect(nextRates(b, c, second).get('lo')).toEqual([0, 100, 0]);
  });

  it('format short and draw right-aligned', () => {
    expect([0, 12.4, 1234, 2_500_000].map(formatRate)).toEqual(['0/s', '12/s', '1.2k/s', '2.5M/s']);
    expect(sparklinePoints([0, 10], 59, 12)).toBe('58.0,11.0 59.0,1.0');
    expect(sparklinePoints([], 59, 12)).toBe('');
  });
});
