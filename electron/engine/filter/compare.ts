/**
 * The comparison of two run-time values for each relation and value type, chosen once when a filter
 * is compiled (not per frame). A constant with a CIDR prefix (`ip.addr == 10.0.0.0/8`) compares the
 * masked address, as Wireshark does for `==` and `!=`.
 */
import type { Constant, FType, Relation } from '../../../shared/filter/index.js';
import type { RuntimeValue } from './field-sink.js';
import { bytesContain, compareBytes, latin1 } from './runtime-values.js';

export type Compare = (a: RuntimeValue, b: RuntimeValue) => boolean;

function ordered(relation: Relation, diff: (a: RuntimeValue, b: RuntimeValue) => number): Compare {
  switch (relation) {
    case 'eq':
      return (a, b) => diff(a, b) === 0;
    case 'ne':
      return (a, b) => diff(a, b) !== 0;
    case 'gt':
      return (a, b) => diff(a, b) > 0;
    case 'ge':
      return (a, b) => diff(a, b) >= 0;
    case 'lt':
      return (a, b) => diff(a, b) < 0;
    default:
      return (a, b) => diff(a, b) <= 0;
  }
}

function numberDiff(a: RuntimeValue, b: RuntimeValue): number {
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

function bytesDiff(a: RuntimeValue, b: RuntimeValue): number {
  return compareBytes(a as Uint8Array, b as Uint8Array);
}

function stringDiff(a: RuntimeValue, b: RuntimeValue): number {
  const x = a as string;
  const y = b as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

function isBytesType(ftype: FType): boolean {
  return ftype === 'bytes' || ftype === 'ether' || ftype === 'protocol' || ftype === 'ipv6';
}

/** `a relation b` for values of `ftype` (both sides already converted to it by the checker). */
export function relationFor(relation: Relation, ftype: FType): Compare {
  if (relation === 'contains') {
    if (ftype === 'string') return (a, b) => (a as string).includes(b as string);
    return (a, b) => bytesContain(a as Uint8Array, b as Uint8Array);
  }
  if (ftype === 'string') return ordered(relation, stringDiff);
  if (isBytesType(ftype)) return ordered(relation, bytesDiff);
  return ordered(relation, numberDiff);
}

/** `matches`: text as is, bytes as ISO-8859-1 text. */
export function matcher(pattern: RegExp): (value: RuntimeValue) => boolean {
  return (value) =>
    typeof value === 'string'
      ? pattern.test(value)
      : value instanceof Uint8Array
        ? pattern.test(latin1(value))
        : false;
}

function prefixEqual(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const whole = bits >>> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (((a[whole] as number) ^ (b[whole] as number)) & mask) === 0;
}

/**
 * The comparison with a constant as a one-argument test, or null when the plain two-argument one
 * applies. Only network prefixes need it.
 */
export function prefixTest(relation: Relation, constant: Constant): ((a: RuntimeValue) => boolean) | null {
  if (relation !== 'eq' && relation !== 'ne') return null;
  const want = relation === 'eq';
  if (constant.kind === 'ipv4' && constant.bits < 32) {
    const mask = constant.bits === 0 ? 0 : (0xffffffff << (32 - constant.bits)) >>> 0;
    const net = (constant.value & mask) >>> 0;
    return (a) => (((a as number) & mask) >>> 0 === net) === want;
  }
  if (constant.kind === 'ipv6' && constant.bits < 128) {
    const bits = constant.bits;
    const net = constant.value;
    return (a) => (a instanceof Uint8Array && a.length === 16 && prefixEqual(a, net, bits)) === want;
  }
  return null;
}

/** The run-time value of a constant. */
export function constantValue(constant: Constant): RuntimeValue {
  return constant.value;
}
