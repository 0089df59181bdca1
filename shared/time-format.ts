/**
 * The Time column's formats, exact to the nanosecond: timestamps are seconds plus nanoseconds, and
 * differences are taken in integers (a double cannot hold today's epoch in nanoseconds).
 */

export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

export type TimeFormat = 'absolute' | 'relative' | 'delta';

/** `a - b` as sign and magnitude: -0.25 s is { negative, seconds: 0, nanos: 250000000 }. */
export function difference(a: Instant, b: Instant): { negative: boolean; seconds: number; nanos: number } {
  let seconds = a.seconds - b.seconds;
  let nanos = a.nanos - b.nanos;
  if (nanos < 0) {
    nanos += 1e9;
    seconds -= 1;
  }
  if (seconds >= 0) return { negative: false, seconds, nanos };
  return { negative: true, seconds: -seconds - (nanos > 0 ? 1 : 0), nanos: nanos > 0 ? 1e9 - nanos : 0 };
}

/** Seconds with `decimals` digits (6 for microsecond captures, 9 for nanosecond ones), truncated as tshark does. */
export function formatSeconds(a: Instant, b: Instant, decimals: number): string {
  const { negative, seconds, nanos } = difference(a, b);
  const fraction = String(nanos).padStart(9, '0').slice(0, decimals);
  return `${negative ? '-' : ''}${seconds}${decimals > 0 ? '.' : ''}${fraction}`;
}

/**
 * Wireshark's "Date and Time of Day": `2024-05-01 13:45:07.123456` in the viewer's time zone
 * (`utc` for tests and for comparing captures from machines in different zones).
 */
export function formatAbsolute(t: Instant, decimals: number, utc = false): string {
  const date = new Date(t.seconds * 1000);
  const parts = utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ]
    : [
        date.getFullYear(),
        date.getMonth() + 1,
        date.getDate(),
        date.getHours(),
        date.getMinutes(),
        date.getSeconds(),
      ];
  const [year, month, day, hours, minutes, seconds] = parts.map((n) => String(n).padStart(2, '0'));
  const fraction = String(t.nanos).padStart(9, '0').slice(0, decimals);
  return `${year}-${month}-${day} ${hours}:${minutes}:${seconds}${decimals > 0 ? '.' : ''}${fraction}`;
}
