/**
 * print∘parse: any syntax tree the parser can produce prints to text that parses back to the same
 * tree (spans aside), and printing is idempotent on real filters. Trees are generated at random
 * (fast-check) over every node kind, operator, quantifier, range form, string escape and character.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArithOp, CompareOp, ExprNode, RangeSpec, SetElement, ValueNode } from './ast.js';
import { parseFilter } from './parser.js';
import { printFilter } from './printer.js';

const SPAN = [0, 0] as const;

/** The tree without positions, for comparing trees parsed from different texts. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (k !== 'span' && k !== 'opSpan' && k !== 'nameSpan') out[k] = strip(v);
    return out;
  }
  return value;
}

const small = fc.integer({ min: -20, max: 20 });
const range: fc.Arbitrary<RangeSpec> = fc.oneof(
  fc.record({ kind: fc.constant('length' as const), start: small, length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('to' as const), start: small, end: small }),
  fc.record({ kind: fc.constant('index' as const), start: small }),
  fc.record({ kind: fc.constant('from' as const), start: small }),
);
const ranges = fc.array(range, { minLength: 1, maxLength: 3 });

const WORDS = [
  'tcp.port',
  'ip.addr',
  'http.host',
  'frame.len',
  '80',
  '0x1f',
  '10.0.0.0/24',
  'aa:bb:cc',
  'fe80::1',
  'GET',
  'eth.src',
  'x_1',
  '1.5',
];
const word: fc.Arbitrary<ValueNode> = fc.record(
  {
    kind: fc.constant('word' as const),
    text: fc.constantFrom(...WORDS),
    layers: ranges,
    span: fc.constant(SPAN),
  },
  { requiredKeys: ['kind', 'text', 'span'] },
);
const string: fc.Arbitrary<ValueNode> = fc.record({
  kind: fc.constant('string' as const),
  value: fc.string({ maxLength: 12, unit: 'binary' }),
  span: fc.constant(SPAN),
});
const char: fc.Arbitrary<ValueNode> = fc.record({
  kind: fc.constant('char' as const),
  value: fc.integer({ min: 0, max: 255 }),
  span: fc.constant(SPAN),
});

const { value, entity } = fc.letrec<{ value: ValueNode; entity: ValueNode }>((tie) => ({
  entity: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    string,
    char,
    fc.record({
      kind: fc.constant('call' as const),
      name: fc.constantFrom('len', 'count', 'lower', 'max'),
      args: fc.array(tie('value'), { maxLength: 3 }),
      span: fc.constant(SPAN),
      nameSpan: fc.constant(SPAN),
    }),
    fc.record({
      kind: fc.constant('slice' as const),
      target: tie('entity'),
      ranges,
      span: fc.constant(SPAN),
    }),
  ),
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('entity'),
    fc.record({
      kind: fc.constant('arith' as const),
      op: fc.constantFrom<ArithOp>('bitand', 'add', 'sub', 'mul', 'div', 'mod'),
      left: tie('value'),
      right: tie('value'),
      span: fc.constant(SPAN),
    }),
    fc.record({ kind: fc.constant('negate' as const), operand: tie('value'), span: fc.constant(SPAN) }),
    fc.record({ kind: fc.constant('slice' as const), target: tie('value'), ranges, span: fc.constant(SPAN) }),
  ),
}));

/** Set elements are entities, optionally negated (Wireshark's set grammar). */
const setEntity: fc.Arbitrary<ValueNode> = fc.oneof(
  entity,
  fc.record({ kind: fc.constant('negate' as const), operand: entity, span: fc.constant(SPAN) }),
);
const element: fc.Arbitrary<SetElement> = fc.record({
  low: setEntity,
  high: fc.option(setEntity, { nil: null }),
});
const quantifier = fc.constantFrom(null, 'any' as const, 'all' as const);

const { expr } = fc.letrec<{ expr: ExprNode }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('test' as const), value, span: fc.constant(SPAN) }),
    fc.record({
      kind: fc.constant('compare' as const),
      op: fc.constantFrom<CompareOp>('any_eq', 'all_ne', 'all_eq', 'any_ne', 'gt', 'ge', 'lt', 'le'),
      quantifier,
      left: value,
      right: value,
      span: fc.constant(SPAN),
      opSpan: fc.constant(SPAN),
    }),
    fc.record({
      kind: fc.constantFrom('contains' as const, 'matches' as const),
      quantifier,
      left: value,
      right: value,
      span: fc.constant(SPAN),
      opSpan: fc.constant(SPAN),
    }),
    fc.record({
      kind: fc.constant('in' as const),
      negated: fc.boolean(),
      quantifier,
      left: value,
      elements: fc.array(element, { minLength: 1, maxLength: 3 }),
      span: fc.constant(SPAN),
      opSpan: fc.constant(SPAN),
    }),
    fc.record({
      kind: fc.constant('logical' as const),
      op: fc.constantFrom('and' as const, 'or' as const, 'xor' as const),
      left: tie('expr'),
      right: tie('expr'),
      span: fc.constant(SPAN),
    }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('expr'), span: fc.constant(SPAN) }),
  ),
}));

/** A generated tree in the form the parser gives: a single non-negative layer index reads back as itself. */
describe('print∘parse', () => {
  it('round-trips every tree', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text = printFilter(ast);
        expect(strip(parseFilter(text)), text).toEqual(strip(ast));
      }),
      { numRuns: 2000 },
    );
  });

  it('prints idempotently', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const once = printFilter(ast);
        expect(printFilter(parseFilter(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('normalises real filters', () => {
    expect(printFilter(parseFilter('tcp.port eq 443 and not (tcp.analysis.retransmission)'))).toBe(
      'tcp.port == 443 && !tcp.analysis.retransmission',
    );
    expect(printFilter(parseFilter('http && !(http.user_agent contains "ELB-HealthChecker")'))).toBe(
      'http && !(http.user_agent contains "ELB-HealthChecker")',
    );
  });
});
