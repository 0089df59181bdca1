import { describe, expect, it } from 'vitest';
import { difference, formatAbsolute, formatSeconds } from './time-format.js';

describe('time formats', () => {
  it('subtracts exactly, with a borrow, at epoch magnitudes a double cannot hold in nanoseconds', () => {
    const a = { seconds: 1_700_000_001, nanos: 1 };
    const b = { seconds: 1_700_000_000, nanos: 999_999_999 };
    expect(difference(a, b)).toEqual({ negative: false, seconds: 0, nanos: 2 });
    expect(formatSeconds(a, b, 9)).toBe('0.000000002');
    expect(formatSeconds(a, b, 6)).toBe('0.000000');
  });

  it('prints negative differences as a sign and a magnitude', () => {
    expect(formatSeconds({ seconds: 10, nanos: 0 }, { seconds: 10, nanos: 250_000_000 }, 6)).toBe(
      '-0.250000',
    );
    expect(formatSeconds({ seconds: 8, nanos: 500_000_000 }, { seconds: 10, nanos: 0 }, 3)).toBe('-1.500');
  });

  it('formats the date and time of day, truncating the fraction like tshark', () => {
    expect(formatAbsolute({ seconds: 1_465_939_067, nanos: 790_511_999 }, 6, true)).toBe(
      '2016-06-14 21:17:47.790511',
    );
    expect(formatAbsolute({ seconds: 0, nanos: 5 }, 9, true)).toBe('1970-01-01 00:00:00.000000005');
  });
});
