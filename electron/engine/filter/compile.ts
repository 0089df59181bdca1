/**
 * A checked filter (`Test`) compiled to a predicate over frame indices. The common shapes are
 * compiled to loops over the readers with no intermediate arrays (`tcp.port == 443`, `tcp`,
 * `ip.addr == 10.0.0.0/8`, `tcp.port in {…}`); anything else fills scratch arrays. Occurrence
 * rules: mode `any` is true when some pair of values satisfies the relation, mode `all` when every
 * pair does and there is at least one; an absent field makes any comparison false (Wireshark 4).
 */
import type { Relation, RangeSpec, SetRange, Test, Value } from '../../../shared/filter/index.js';
import { type Compare, constantValue, matcher, prefixTest, relationFor } from './compare.js';
import { compileValue, fieldFill, type Fill } from './compile-values.js';
import type { RuntimeValue } from './field-sink.js';
import type { ReaderOf, SlotReader } from './readers.js';
import { isTruthy } from './runtime-values.js';

export type Predicate = (frame: number) => boolean;

/** A test of one value against the right side, fixed at compile time when that side is a constant. */
type Unary = (value: RuntimeValue) => boolean;

function existsTest(readers: readonly SlotReader[], layers: readonly RangeSpec[] | null): Predicate {
  if (layers === null) {
    if (readers.length === 1) {
      const only = readers[0] as SlotReader;
      return (frame) => only.count(frame) > 0;
    }
    return (frame) => readers.some((r) => r.count(frame) > 0);
  }
  const fill = fieldFill(readers, layers);
  const scratch: RuntimeValue[] = [];
  return (frame) => {
    fill(frame, scratch);
    return scratch.length > 0;
  };
}

/** A field (no layers) against a one-argument test, straight from its readers. */
function directTest(readers: readonly SlotReader[], mode: 'any' | 'all', test: Unary): Predicate {
  if (mode === 'any') {
    return (frame) => {
      for (const r of readers)
        for (let k = 0, n = r.count(frame); k < n; k++) if (test(r.value(frame, k))) return true;
      return false;
    };
  }
  return (frame) => {
    let seen = false;
    for (const r of readers)
      for (let k = 0, n = r.count(frame); k < n; k++) {
        if (!test(r.value(frame, k))) return false;
        seen = true;
      }
    return seen;
  };
}

/** Any side through scratch arrays. */
function filledTest(left: Fill, right: Fill, mode: 'any' | 'all', compare: Compare): Predicate {
  const a: RuntimeValue[] = [];
  const b: RuntimeValue[] = [];
  return (frame) => {
    left(frame, a);
    if (a.length === 0) return false;
    right(frame, b);
    if (b.length === 0) return false;
    for (const x of a)
      for (const y of b) {
        const ok = compare(x, y);
        if (mode === 'any' && ok) return true;
        if (mode === 'all' && !ok) return false;
      }
    return mode === 'all';
  };
}

function unaryFor(relation: Relation, left: Value, right: Value, pattern: RegExp | undefined): Unary | null {
  if (relation === 'matches' && pattern) return matcher(pattern);
  if (right.kind !== 'const') return null;
  const prefix = prefixTest(relation, right.constant);
  if (prefix) return prefix;
  const compare = relationFor(relation, left.typing.ftype);
  const constant = constantValue(right.constant);
  return (value) => compare(value, constant);
}

function compareTest(test: Test & { kind: 'compare' }, readerOf: ReaderOf): Predicate {
  const { relation, mode, left, right, pattern } = test;
  const unary = unaryFor(relation, left, right, pattern);
  if (unary) {
    if (left.kind === 'field' && left.layers === null)
      return directTest(readerOf(left.field, false), mode, unary);
    return filledTest(compileValue(left, readerOf), CONSTANT_PLACEHOLDER, mode, (x) => unary(x));
  }
  return filledTest(
    compileValue(left, readerOf),
    compileValue(right, readerOf),
    mode,
    relationFor(relation, left.typing.ftype),
  );
}

/** Stands for a right side folded into the comparison: one value so that pairs exist. */
const CONSTANT_PLACEHOLDER: Fill = (_frame, out) => {
  out.length = 0;
  out.push(null);
};

type Element = (frame: number, value: RuntimeValue) => boolean;

/** One element of a set: constants folded into the test; fields read per frame. */
function elementTest(e: SetRange, ftype: Value['typing']['ftype'], readerOf: ReaderOf): Element {
  const eq = relationFor('eq', ftype);
  const ge = relationFor('ge', ftype);
  const le = relationFor('le', ftype);
  if (e.low.kind === 'const' && (e.high === null || e.high.kind === 'const')) {
    const low = constantValue(e.low.constant);
    if (e.high === null) {
      const prefix = prefixTest('eq', e.low.constant);
      return prefix ? (_frame, v) => prefix(v) : (_frame, v) => eq(v, low);
    }
    const high = constantValue(e.high.constant);
    return (_frame, v) => ge(v, low) && le(v, high);
  }
  const low = compileValue(e.low, readerOf);
  const high = e.high ? compileValue(e.high, readerOf) : null;
  const lows: RuntimeValue[] = [];
  const highs: RuntimeValue[] = [];
  return (frame, v) => {
    low(frame, lows);
    if (!high) return lows.some((l) => eq(v, l));
    high(frame, highs);
    return lows.some((l) => ge(v, l)) && highs.some((h) => le(v, h));
  };
}

/** `x in {a, b..c}`: true when a value of x (any, or all with `all`) is in the set. */
function membershipTest(test: Test & { kind: 'in' }, readerOf: ReaderOf): Predicate {
  const elements = test.elements.map((e) => elementTest(e, test.left.typing.ftype, readerOf));
  const left = compileValue(test.left, readerOf);
  const values: RuntimeValue[] = [];
  const member = (frame: number, v: RuntimeValue): boolean => {
    for (const element of elements) if (element(frame, v)) return true;
    return false;
  };
  return (frame) => {
    left(frame, values);
    if (values.length === 0) return false;
    for (const v of values) {
      const inSet = member(frame, v);
      if (test.mode === 'any' && inSet) return true;
      if (test.mode === 'all' && !inSet) return false;
    }
    return test.mode === 'all';
  };
}

export function compileTest(test: Test, readerOf: ReaderOf): Predicate {
  switch (test.kind) {
    case 'and': {
      const [l, r] = [compileTest(test.left, readerOf), compileTest(test.right, readerOf)];
      return (frame) => l(frame) && r(frame);
    }
    case 'or': {
      const [l, r] = [compileTest(test.left, readerOf), compileTest(test.right, readerOf)];
      return (frame) => l(frame) || r(frame);
    }
    case 'xor': {
      const [l, r] = [compileTest(test.left, readerOf), compileTest(test.right, readerOf)];
      return (frame) => l(frame) !== r(frame);
    }
    case 'not': {
      const operand = compileTest(test.operand, readerOf);
      return (frame) => !operand(frame);
    }
    case 'exists':
      return existsTest(readerOf(test.field, test.layers !== null), test.layers);
    case 'truthy': {
      const fill = compileValue(test.value, readerOf);
      const scratch: RuntimeValue[] = [];
      return (frame) => {
        fill(frame, scratch);
        return scratch.some(isTruthy);
      };
    }
    case 'compare':
      return compareTest(test, readerOf);
    case 'in':
      return membershipTest(test, readerOf);
  }
}
