/**
 * Capture timestamps, exactly. pcapng stores a 64-bit tick count per packet at a per-interface rate
 * (`if_tsresol`: 10^-n or 2^-n seconds) plus a per-interface offset in seconds (`if_tsoffset`),
 * draft-ietf-opsawg-pcapng §4.2. Nanosecond tick counts of today's dates (~1.7e18) exceed 2^53, so
 * plain `Number` arithmetic would round them. The hot path divides the two 32-bit halves by the
 * rate in 16-bit digits (every intermediate stays below 2^53); BigInt is kept for rates that do not
 * divide or multiply a nanosecond evenly (base-2 `if_tsresol`), which are rare.
 */
import { formatSeconds } from '../../../shared/time-format.js';

const TWO16 = 65_536;
const TWO32 = 4_294_967_296;
const NANOS = 1_000_000_000;
/** Rates up to 2^37 ticks/s keep `remainder * 2^16 + digit` below 2^53 in the long division. */
const FAST_RATE_LIMIT = 2 ** 37;

/** "1465939067.790511000": seconds since the epoch with nine decimals, as tshark's frame.time_epoch. */
export function formatEpoch(seconds: number, nanos: number): string {
  // The epoch is an instant like any other: its difference from 0 keeps the exact sign-and-magnitude text.
  return formatSeconds({ seconds, nanos }, EPOCH, 9);
}

const EPOCH = { seconds: 0, nanos: 0 };

/** Ticks per second for an `if_tsresol` byte: 10^-n, or 2^-n when the top bit is set. */
export function ticksPerSecondOf(tsresol: number): bigint {
  const exponent = BigInt(tsresol & 0x7f);
  return tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
}

/**
 * Converts one interface's tick counts to seconds and nanoseconds. The result lands in `seconds`
 * and `nanos` instead of a returned pair so that a million packets allocate nothing.
 */
export class TickScale {
  seconds = 0;
  nanos = 0;
  readonly ticksPerSecond: number;
  private readonly rate: bigint;
  private readonly fast: boolean;
  /** Nanoseconds per tick when the rate divides 1e9 (µs: 1000), else 0. */
  private readonly nanosPerTick: number;
  /** Ticks per nanosecond when 1e9 divides the rate (ps: 1000), else 0. */
  private readonly ticksPerNano: number;

  constructor(
    rate: bigint,
    private readonly offsetSeconds = 0,
  ) {
    this.rate = rate;
    this.ticksPerSecond = Number(rate);
    const r = this.ticksPerSecond;
    this.nanosPerTick = r <= NANOS && NANOS % r === 0 ? NANOS / r : 0;
    this.ticksPerNano = r > NANOS && r % NANOS === 0 ? r / NANOS : 0;
    this.fast = r <= FAST_RATE_LIMIT && (this.nanosPerTick > 0 || this.ticksPerNano > 0);
  }

  /** Sets `seconds`/`nanos` from the tick count `high * 2^32 + low`. */
  convert(high: number, low: number): void {
    if (!this.fast) return this.convertBig(high, low);
    const rate = this.ticksPerSecond;
    let quotient: number;
    let remainder: number;
    if (high < 0x100000) {
      // Below 2^52: one division, corrected by one if the float quotient rounded across an integer.
      const ticks = high * TWO32 + low;
      quotient = Math.floor(ticks / rate);
      remainder = ticks - quotient * rate;
    } else {
      const q1 = Math.floor(high / rate);
      remainder = high - q1 * rate;
      let t = remainder * TWO16 + (low >>> 16);
      let q2 = Math.floor(t / rate);
      remainder = t - q2 * rate;
      if (remainder < 0) {
        q2 -= 1;
        remainder += rate;
      } else if (remainder >= rate) {
        q2 += 1;
        remainder -= rate;
      }
      t = remainder * TWO16 + (low & 0xffff);
      quotient = Math.floor(t / rate);
      remainder = t - quotient * rate;
      quotient += q1 * TWO32 + q2 * TWO16;
    }
    if (remainder < 0) {
      quotient -= 1;
      remainder += rate;
    } else if (remainder >= rate) {
      quotient += 1;
      remainder -= rate;
    }
    this.seconds = quotient + this.offsetSeconds;
    this.nanos =
      this.nanosPerTick > 0 ? remainder * this.nanosPerTick : Math.floor(remainder / this.ticksPerNano);
  }

  private convertBig(high: number, low: number): void {
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    this.seconds = Number(ticks / this.rate) + this.offsetSeconds;
    this.nanos = Number(((ticks % this.rate) * 1_000_000_000n) / this.rate);
  }
}

/** The largest whole second whose nanosecond tick count still fits in 64 bits. */
const MAX_NANO_SECONDS = 18_446_744_073;
const MAX_NANOS_AT_MAX_SECONDS = 709_551_615;

/**
 * Splits `seconds * 1e9 + nanos` into 32-bit halves (`out.high`, `out.low`) exactly, without BigInt.
 * Returns false when the count is negative or does not fit in 64 bits.
 */
export function nanosToTicks(seconds: number, nanos: number, out: { high: number; low: number }): boolean {
  if (!(seconds >= 0) || seconds > MAX_NANO_SECONDS) return false;
  if (seconds === MAX_NANO_SECONDS && nanos > MAX_NANOS_AT_MAX_SECONDS) return false;
  // seconds = b * 2^16 + a, so ticks = (b * 1e9) * 2^16 + (a * 1e9 + nanos), each term below 2^53.
  const b = Math.floor(seconds / TWO16);
  const small = (seconds - b * TWO16) * NANOS + nanos;
  const big = b * NANOS;
  const bigHigh = Math.floor(big / TWO16);
  let low = (big - bigHigh * TWO16) * TWO16 + (small % TWO32);
  let high = bigHigh + Math.floor(small / TWO32);
  if (low >= TWO32) {
    low -= TWO32;
    high += 1;
  }
  out.high = high;
  out.low = low;
  return true;
}

/** A 64-bit unsigned counter as a Number (exact below 2^53, which any real counter is). */
export function uint64(view: DataView, offset: number, littleEndian: boolean): number {
  const first = view.getUint32(offset, littleEndian);
  const second = view.getUint32(offset + 4, littleEndian);
  return littleEndian ? second * TWO32 + first : first * TWO32 + second;
}

/** A 64-bit signed value as a Number (`if_tsoffset`). */
export function int64(view: DataView, offset: number, littleEndian: boolean): number {
  return Number(view.getBigInt64(offset, littleEndian));
}
