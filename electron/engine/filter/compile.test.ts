/**
 * The compiled predicates' occurrence rules, on frames given as plain field values (no capture):
 * `==` any, `!=` all and false when absent, `===`/`!==`, `any`/`all`, sets and ranges, prefixes,
 * layers, slices, functions, arithmetic — Wireshark 4's semantics as tshark 4.0.17 shows them.
 */
import { describe, expect, it } from 'vitest';
import { checkFilter, type FilterField } from '../../../shared/filter/index.js';
import { compileTest } from './compile.js';
import type { RuntimeValue } from './field-sink.js';
import { makePlan } from './plan.js';
import type { SlotReader } from './readers.js';

type Frame = Record<string, readonly RuntimeValue[] | readonly (readonly [RuntimeValue, number])[]>;

/** Evaluates `filter` on one frame whose fields are listed by id (values, or [value, layer] pairs). */
function matches(filter: string, frame: Frame): boolean {
  const { test, error } = checkFilter(filter);
  if (error) throw new Error(error.message);
  const plan = makePlan(test);
  const reader = (id: string): SlotReader => {
    const list: (readonly [RuntimeValue, number])[] = (frame[id] ?? []).map((v) =>
      Array.isArray(v) ? (v as readonly [RuntimeValue, number]) : ([v as RuntimeValue, 1] as const),
    );
    return {
      count: () => list.length,
      value: (_f, k) => list[k]?.[0] ?? null,
      layer: (_f, k) => list[k]?.[1] ?? 0,
    };
  };
  if (!test) throw new Error('empty filter');
  const predicate = compileTest(test, (field: FilterField, layered: boolean) =>
    plan.slotsOf(field, layered).map((slot) => reader(slot.id)),
  );
  return predicate(0);
}

const ip = (text: string) => text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const TCP = { 'tcp.srcport': [3372], 'tcp.dstport': [80] };

describe('compiled filters', () => {
  it('follow Wireshark 4 occurrence rules', () => {
    expect(matches('tcp.port == 80', TCP)).toBe(true);
    expect(matches('tcp.port != 80', TCP)).toBe(false);
    expect(matches('tcp.port !== 80', TCP)).toBe(true);
    expect(matches('tcp.port === 80', TCP)).toBe(false);
    expect(matches('all tcp.port > 79', TCP)).toBe(true);
    expect(matches('any tcp.port != 80', TCP)).toBe(true);
    // An absent field makes every comparison false, `!=` included (tshark: `udp.port != 53` on TCP).
    expect(matches('udp.port != 53', TCP)).toBe(false);
    expect(matches('!(udp.port == 53)', TCP)).toBe(true);
  });

  it('test existence, sets, ranges and prefixes', () => {
    expect(matches('tcp', { tcp: [new Uint8Array(20)] })).toBe(true);
    expect(matches('tcp', {})).toBe(false);
    expect(matches('tcp.port in {443, 8000..8100}', { 'tcp.srcport': [8080] })).toBe(true);
    expect(matches('tcp.port not in {443, 8000..8100}', { 'tcp.srcport': [8080] })).toBe(false);
    const addr = { 'ip.src': [ip('10.20.0.7')], 'ip.dst': [ip('192.168.1.1')] };
    expect(matches('ip.addr == 10.20.0.0/24', addr)).toBe(true);
    expect(matches('ip.dst == 10.20.0.0/24', addr)).toBe(false);
    expect(matches('ip.addr != 10.20.0.0/24', addr)).toBe(false);
  });

  it('select occurrences by layer', () => {
    const frame = {
      'ip.src': [
        [ip('10.0.0.1'), 1],
        [ip('10.0.0.2'), 2],
      ] as const,
    };
    expect(matches('ip.src#1 == 10.0.0.1', frame)).toBe(true);
    expect(matches('ip.src#2 == 10.0.0.1', frame)).toBe(false);
    expect(matches('ip.src#[-1] == 10.0.0.2', frame)).toBe(true);
    expect(matches('ip.src#[1-2] == 10.0.0.2', frame)).toBe(true);
  });

  it('slice, measure, convert and compute', () => {
    const eth = { 'eth.src': [Uint8Array.of(0, 0x1a, 0x2b, 3, 4, 5)], 'http.host': ['Example.COM'] };
    expect(matches('eth.src[0:3] == 00:1a:2b', eth)).toBe(true);
    expect(matches('eth.src[-1] == 05', eth)).toBe(true);
    expect(matches('eth.src[10:2] == 00:00', eth)).toBe(false);
    expect(matches('len(http.host) == 11 && lower(http.host) == "example.com"', eth)).toBe(true);
    expect(matches('http.host matches "example"', eth)).toBe(true);
    expect(matches('http.host matches "(?-i)example"', eth)).toBe(false);
    expect(matches('count(tcp.port) == 2 && max(tcp.srcport, tcp.dstport) == 3372', TCP)).toBe(true);
    expect(matches('count(udp.port) == 0', TCP)).toBe(false);
    expect(matches('tcp.srcport + tcp.dstport == 3452 && tcp.srcport % 2 == 0', TCP)).toBe(true);
    expect(matches('tcp.flags & 0x02', { 'tcp.flags': [0x12] })).toBe(true);
    expect(matches('tcp.flags & 0x04', { 'tcp.flags': [0x12] })).toBe(false);
    expect(matches('string(tcp.srcport) == "3372"', TCP)).toBe(true);
  });

  it('combine with and, or, xor, not', () => {
    expect(matches('tcp.port == 80 ^^ tcp.port == 3372', TCP)).toBe(false);
    expect(matches('tcp.port == 80 ^^ udp', TCP)).toBe(true);
    expect(matches('udp || tcp.port == 80 && !(tcp.port == 22)', TCP)).toBe(true);
  });
});
