import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEpoch, nanosToTicks, TickScale, ticksPerSecondOf } from './timestamp.js';

/** The reference: BigInt division, as the spec defines the timestamp. */
function reference(high: number, low: number, rate: bigint): [number, number] {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  return [Number(ticks / rate), Number(((ticks % rate) * 1_000_000_000n) / rate)];
}

function convert(high: number, low: number, rate: bigint, offset = 0): [number, number] {
  const scale = new TickScale(rate, offset);
  scale.convert(high, low);
  return [scale.seconds, scale.nanos];
}

describe('formatEpoch', () => {
  it('prints nine decimals, as tshark prints frame.time_epoch', () => {
    expect(formatEpoch(1465939067, 790511000)).toBe('1465939067.790511000');
    expect(formatEpoch(0, 5)).toBe('0.000000005');
    expect(formatEpoch(18446744073204, 126329000)).toBe('18446744073204.126329000');
  });

  it('prints times before 1970 as a signed magnitude', () => {
    expect(formatEpoch(-2, 500_000_000)).toBe('-1.500000000');
    expect(formatEpoch(-1, 999_999_999)).toBe('-0.000000001');
    expect(formatEpoch(-3, 0)).toBe('-3.000000000');
  });
});

describe('TickScale', () => {
  it('reproduces the corpus timestamps that exceed 2^53 ticks', () => {
    // ppp-pcapng-example: a nanosecond interface and a microsecond one, as tshark prints them.
    expect(convert(0x282b7184, 0x28256408, 1_000_000_000n)).toEqual([2894531997, 938836488]);
    expect(convert(0xffffffff, 0xe1dfd279, 1_000_000n)).toEqual([18446744073204, 126329000]);
  });

  it('adds if_tsoffset', () => {
    expect(convert(0, 1_500_000, 1_000_000n, -10)).toEqual([-9, 500_000_000]);
  });

  it('maps if_tsresol bytes to rates', () => {
    expect(ticksPerSecondOf(6)).toBe(1_000_000n);
    expect(ticksPerSecondOf(9)).toBe(1_000_000_000n);
    expect(ticksPerSecondOf(0x80 | 10)).toBe(1024n);
    expect(ticksPerSecondOf(0x80 | 64)).toBe(2n ** 64n);
  });

  it('equals BigInt division for every if_tsresol and any 64-bit tick count', () => {
    const tsresol = fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0x80, max: 0x80 + 63 }));
    const word = fc.oneof(
      fc.nat({ max: 0xffffffff }),
      fc.constantFrom(0, 1, 0xffffffff, 0x80000000, 0xfffff, 0x100000),
    );
    fc.assert(
      fc.property(tsresol, word, word, (resol, high, low) => {
        const rate = ticksPerSecondOf(resol);
        const [seconds, nanos] = reference(high, low, rate);
        const [s, n] = convert(high, low, rate);
        // Above 2^53 seconds (rates below 2^11 ticks/s) no Number is exact: only ask for closeness.
        if (seconds <= Number.MAX_SAFE_INTEGER) expect(s).toBe(seconds);
        else expect(Math.abs(s - seconds) / seconds).toBeLessThan(1e-15);
        expect(n).toBe(nanos);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('nanosToTicks', () => {
  it('splits seconds * 1e9 + nanos exactly, beyond 2^53', () => {
    const out = { high: 0, low: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 18_446_744_072 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        (s, n) => {
          expect(nanosToTicks(s, n, out)).toBe(true);
          expect((BigInt(out.high) << 32n) | BigInt(out.low)).toBe(BigInt(s) * 1_000_000_000n + BigInt(n));
          expect(out.low).toBeLessThan(2 ** 32);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses what 64 bits of nanoseconds cannot hold', () => {
    const out = { high: 0, low: 0 };
    expect(nanosToTicks(18_446_744_073, 709_551_615, out)).toBe(true);
    expect([out.high, out.low]).toEqual([0xffffffff, 0xffffffff]);
    expect(nanosToTicks(18_446_744_073, 709_551_616, out)).toBe(false);
    expect(nanosToTicks(-1, 0, out)).toBe(false);
    expect(nanosToTicks(18446744073204, 0, out)).toBe(false);
  });
});
