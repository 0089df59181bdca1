/**
 * The syntax tree of a display filter, as the parser builds it and the printer writes it back.
 * Every node keeps its `[start, end)` span in the filter text so that the checker can point at the
 * exact characters an error is about (Wireshark underlines them: `tcp.port == 70000` → `^~~~~`).
 *
 * Words are not resolved here: whether `tcp` is a protocol or `GET` a literal depends on the field
 * registry, which the checker consults (`check.ts`); the parser stays pure syntax.
 */

export type Span = readonly [number, number];

/** Comparison operators by their Wireshark 4 names (`==` is any_eq, `!=` all_ne, `===` all_eq, `!==` any_ne). */
export type CompareOp = 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LogicalOp = 'and' | 'or' | 'xor';
export type ArithOp = 'bitand' | 'add' | 'sub' | 'mul' | 'div' | 'mod';
/** `any tcp.port == 80` / `all tcp.port == 80`: overrides the operator's own occurrence rule. */
export type Quantifier = 'any' | 'all';

/** One range of a slice or a layer: `[i:j]` start/length, `[i-j]` start/end, `[i]`, `[:j]`, `[i:]`. */
export type RangeSpec =
  | { readonly kind: 'length'; readonly start: number; readonly length: number }
  | { readonly kind: 'to'; readonly start: number; readonly end: number }
  | { readonly kind: 'index'; readonly start: number }
  | { readonly kind: 'from'; readonly start: number };

/** An unresolved name or literal: `tcp.port`, `80`, `10.0.0.0/24`, `aa:bb:cc`, `GET`. */
export interface WordNode {
  readonly kind: 'word';
  readonly text: string;
  /** `ip.src#2`: occurrences in the given protocol layers only. */
  readonly layers?: readonly RangeSpec[];
  readonly span: Span;
}

export interface StringNode {
  readonly kind: 'string';
  /** The decoded value (escapes applied; raw strings keep their backslashes). */
  readonly value: string;
  readonly span: Span;
}

/** `'a'`, `'\n'`, `'\x41'`: an integer written as a character. */
export interface CharNode {
  readonly kind: 'char';
  readonly value: number;
  readonly span: Span;
}

export interface SliceNode {
  readonly kind: 'slice';
  readonly target: ValueNode;
  readonly ranges: readonly RangeSpec[];
  readonly span: Span;
}

export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ValueNode[];
  readonly span: Span;
  readonly nameSpan: Span;
}

export interface ArithNode {
  readonly kind: 'arith';
  readonly op: ArithOp;
  readonly left: ValueNode;
  readonly right: ValueNode;
  readonly span: Span;
}

export interface NegateNode {
  readonly kind: 'negate';
  readonly operand: ValueNode;
  readonly span: Span;
}

export type ValueNode = WordNode | StringNode | CharNode | SliceNode | CallNode | ArithNode | NegateNode;

export interface LogicalNode {
  readonly kind: 'logical';
  readonly op: LogicalOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly span: Span;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: ExprNode;
  readonly span: Span;
}

export interface CompareNode {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly quantifier: Quantifier | null;
  readonly left: ValueNode;
  readonly right: ValueNode;
  readonly span: Span;
  readonly opSpan: Span;
}

export interface ContainsNode {
  readonly kind: 'contains' | 'matches';
  readonly quantifier: Quantifier | null;
  readonly left: ValueNode;
  readonly right: ValueNode;
  readonly span: Span;
  readonly opSpan: Span;
}

export interface SetElement {
  readonly low: ValueNode;
  /** `9000..9100`: an inclusive range. */
  readonly high: ValueNode | null;
}

export interface InNode {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly quantifier: Quantifier | null;
  readonly left: ValueNode;
  readonly elements: readonly SetElement[];
  readonly span: Span;
  readonly opSpan: Span;
}

/** A value used as a test: a field or protocol's existence, or a non-zero arithmetic result. */
export interface TestNode {
  readonly kind: 'test';
  readonly value: ValueNode;
  readonly span: Span;
}

export type ExprNode = LogicalNode | NotNode | CompareNode | ContainsNode | InNode | TestNode;

/** The symbol of each comparison as the printer writes it. */
export const COMPARE_SYMBOL: Readonly<Record<CompareOp, string>> = {
  any_eq: '==',
  all_ne: '!=',
  all_eq: '===',
  any_ne: '!==',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

export const ARITH_SYMBOL: Readonly<Record<ArithOp, string>> = {
  bitand: '&',
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
  mod: '%',
};
