/**
 * Compiles a checked filter's values into fill functions: `fill(frame, out)` puts the value's
 * occurrences for the frame into `out`. Every node owns its scratch arrays, made once at compile
 * time, so evaluating a frame allocates nothing for fields and constants (slices and string
 * functions make their results). Multi-occurrence rules follow Wireshark 4: a slice or function
 * applies to each occurrence; arithmetic to each pair; `count`, `max` and `min` give one value.
 */
import type { FType, RangeSpec, Value } from '../../../shared/filter/index.js';
import { resolveRange } from '../../../shared/filter/index.js';
import { constantValue } from './compare.js';
import type { RuntimeValue } from './field-sink.js';
import type { ReaderOf, SlotReader } from './readers.js';
import { asBytes, utf8Length, valueText } from './runtime-values.js';

export type Fill = (frame: number, out: RuntimeValue[]) => void;

/** Whether layer `layer` (1-based, of `total`) is one the ranges select (`#1` the outermost, `#[-1]` the innermost). */
function inLayers(layer: number, total: number, ranges: readonly RangeSpec[]): boolean {
  for (const range of ranges) {
    // Positions 1..total (0 is never a layer), so a 1-based range resolves like a slice of total + 1.
    const span = resolveRange(range, total + 1);
    if (span && layer >= Math.max(1, span[0]) && layer < span[1]) return true;
  }
  return false;
}

export function fieldFill(readers: readonly SlotReader[], layers: readonly RangeSpec[] | null): Fill {
  if (layers === null) {
    return (frame, out) => {
      out.length = 0;
      for (const r of readers) for (let k = 0, n = r.count(frame); k < n; k++) out.push(r.value(frame, k));
    };
  }
  return (frame, out) => {
    out.length = 0;
    let total = 0;
    for (const r of readers)
      for (let k = 0, n = r.count(frame); k < n; k++) total = Math.max(total, r.layer(frame, k));
    for (const r of readers)
      for (let k = 0, n = r.count(frame); k < n; k++)
        if (inLayers(r.layer(frame, k), total, layers)) out.push(r.value(frame, k));
  };
}

function sliceFill(target: Fill, ftype: FType, ranges: readonly RangeSpec[]): Fill {
  const scratch: RuntimeValue[] = [];
  return (frame, out) => {
    out.length = 0;
    target(frame, scratch);
    for (const value of scratch) {
      const bytes = asBytes(value, ftype);
      const parts: Uint8Array[] = [];
      for (const range of ranges) {
        const span = resolveRange(range, bytes.length);
        if (span === null) break;
        parts.push(bytes.subarray(span[0], span[1]));
      }
      if (parts.length !== ranges.length) continue;
      if (parts.length === 1) out.push(parts[0] as Uint8Array);
      else {
        const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) {
          joined.set(p, at);
          at += p.length;
        }
        out.push(joined);
      }
    }
  };
}

/** A per-occurrence function of one argument. */
function mapFill(arg: Fill, map: (value: RuntimeValue) => RuntimeValue): Fill {
  const scratch: RuntimeValue[] = [];
  return (frame, out) => {
    out.length = 0;
    arg(frame, scratch);
    for (const value of scratch) out.push(map(value));
  };
}

function lengthOf(value: RuntimeValue, ftype: FType): number {
  if (typeof value === 'string') return utf8Length(value);
  if (value instanceof Uint8Array) return value.length;
  return ftype === 'ipv4' ? 4 : 0;
}

/** `max(a, b…)` / `min(…)`: one value over every occurrence of every argument. */
function extremeFill(args: readonly Fill[], pick: (a: number, b: number) => number): Fill {
  const scratch: RuntimeValue[] = [];
  return (frame, out) => {
    out.length = 0;
    let best: number | null = null;
    for (const arg of args) {
      arg(frame, scratch);
      for (const v of scratch) best = best === null ? (v as number) : pick(best, v as number);
    }
    if (best !== null) out.push(best);
  };
}

function callFill(value: Value & { kind: 'call' }, args: readonly Fill[], readerOf: ReaderOf): Fill {
  const first = value.args[0] as Value;
  const arg = args[0] as Fill;
  switch (value.fn) {
    case 'len':
      return mapFill(arg, (v) => lengthOf(v, first.typing.ftype));
    case 'lower':
      return mapFill(arg, (v) => String(v).toLowerCase());
    case 'upper':
      return mapFill(arg, (v) => String(v).toUpperCase());
    case 'string':
      return mapFill(arg, (v) => valueText(v, first.typing.ftype));
    case 'abs':
      return mapFill(arg, (v) => Math.abs(v as number));
    case 'max':
      return extremeFill(args, Math.max);
    case 'min':
      return extremeFill(args, Math.min);
    case 'count': {
      const count =
        first.kind === 'field' ? countFill(readerOf(first.field, first.layers !== null), first.layers) : arg;
      return count;
    }
  }
}

function countFill(readers: readonly SlotReader[], layers: readonly RangeSpec[] | null): Fill {
  const all = fieldFill(readers, layers);
  const scratch: RuntimeValue[] = [];
  return (frame, out) => {
    out.length = 0;
    all(frame, scratch);
    // Wireshark: count() of an absent field has no value (`count(udp.port) == 0` matches nothing).
    if (scratch.length > 0) out.push(scratch.length);
  };
}

const ARITH: Readonly<Record<string, (a: number, b: number) => number>> = {
  bitand: (a, b) =>
    a >= 0 && b >= 0 && a <= 0xffffffff && b <= 0xffffffff
      ? (a & b) >>> 0
      : Number(BigInt(Math.trunc(a)) & BigInt(Math.trunc(b))),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  mod: (a, b) => a % b,
};

function arithFill(value: Value & { kind: 'arith' }, left: Fill, right: Fill): Fill {
  const op = ARITH[value.op] as (a: number, b: number) => number;
  const integer =
    value.typing.ftype === 'uint' || value.typing.ftype === 'int' || value.typing.ftype === 'bool';
  const a: RuntimeValue[] = [];
  const b: RuntimeValue[] = [];
  return (frame, out) => {
    out.length = 0;
    left(frame, a);
    right(frame, b);
    for (const x of a)
      for (const y of b) {
        const r = op(x as number, y as number);
        // Division by zero has no value in Wireshark (the expression fails for that frame).
        if (Number.isFinite(r)) out.push(integer ? Math.trunc(r) : r);
      }
  };
}

export function compileValue(value: Value, readerOf: ReaderOf): Fill {
  switch (value.kind) {
    case 'field':
      return fieldFill(readerOf(value.field, value.layers !== null), value.layers);
    case 'const': {
      const constant = constantValue(value.constant);
      return (_frame, out) => {
        out.length = 0;
        out.push(constant);
      };
    }
    case 'slice':
      return sliceFill(compileValue(value.target, readerOf), value.target.typing.ftype, value.ranges);
    case 'call':
      return callFill(
        value,
        value.args.map((arg) => compileValue(arg, readerOf)),
        readerOf,
      );
    case 'arith':
      return arithFill(value, compileValue(value.left, readerOf), compileValue(value.right, readerOf));
    case 'negate':
      return mapFill(compileValue(value.operand, readerOf), (v) => -(v as number));
  }
}
