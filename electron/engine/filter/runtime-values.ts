/**
 * Values as filters hold them at run time: numbers (integers, booleans 0/1, times in seconds,
 * IPv4 addresses as 32-bit integers), strings, and bytes (MAC and IPv6 addresses, byte fields,
 * protocols, slices). Comparison helpers for bytes and the conversions slices and functions need.
 */
import type { FType } from '../../../shared/filter/index.js';
import { utf8 } from '../../../shared/filter/strings.js';
import type { RuntimeValue } from './field-sink.js';

const EMPTY = new Uint8Array(0);

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function bytesContain(hay: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const first = needle[0] as number;
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Bytes read as ISO-8859-1 text: what `matches` sees of a byte field, as PCRE does of raw bytes. */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192)
    out += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  return out;
}

/** The bytes of a value, for slices and `len()`: IPv4 as its four octets, strings in UTF-8. */
export function asBytes(value: RuntimeValue, ftype: FType): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' && ftype === 'ipv4')
    return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  return EMPTY;
}

function hexPairs(bytes: Uint8Array, separator: string): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

function ipv6Text(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2)
    groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  const text = groups.join(':');
  // The longest run of zero groups becomes `::` (RFC 5952).
  const runs = [...`:${text}:`.matchAll(/(:0)+:/g)].sort((x, y) => y[0].length - x[0].length);
  const best = runs[0];
  if (!best || best[0].length < 5) return text;
  const padded = `:${text}:`;
  const at = best.index ?? 0;
  const joined = `${padded.slice(0, at)}::${padded.slice(at + best[0].length)}`;
  return joined.replace(/^:(?!:)/, '').replace(/(?<!:):$/, '');
}

/** `string(field)`: a value as Wireshark writes it in a filter. */
export function valueText(value: RuntimeValue, ftype: FType): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) {
    if (ftype === 'ipv6') return ipv6Text(value);
    return hexPairs(value, ':');
  }
  if (ftype === 'ipv4')
    return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
  return String(value);
}

export function isTruthy(value: RuntimeValue): boolean {
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return value !== null && value.length > 0;
}

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
