/**
 * Writes a syntax tree back as filter text, in one canonical spelling: symbols for operators
 * (`==`, `&&`, `!`), strings re-quoted, and only the parentheses (tests) and braces (arithmetic)
 * that precedence needs. `parseFilter(printFilter(ast))` gives `ast` again (spans aside): the
 * property tests in printer.test.ts check that, and the filter bar shows this as the normal form.
 */
import {
  ARITH_SYMBOL,
  COMPARE_SYMBOL,
  type ArithOp,
  type ExprNode,
  type RangeSpec,
  type ValueNode,
} from './ast.js';
import { printRange } from './ranges.js';
import { quote, quoteChar } from './strings.js';

const LOGICAL_LEVEL = { or: 1, xor: 2, and: 3 } as const;
const LOGICAL_SYMBOL = { or: '||', xor: '^^', and: '&&' } as const;
const ARITH_LEVEL: Readonly<Record<ArithOp, number>> = { bitand: 1, add: 2, sub: 2, mul: 3, div: 3, mod: 3 };
/** Tests that bind tightest: relations, negations. */
const ATOM_LEVEL = 4;

function exprLevel(node: ExprNode): number {
  return node.kind === 'logical' ? LOGICAL_LEVEL[node.op] : ATOM_LEVEL;
}

/** Parenthesised when it binds looser than its place needs (`strict`: the right operand of a left-associative op). */
function wrapExpr(node: ExprNode, level: number, strict: boolean): string {
  const inner = printExpr(node);
  const own = exprLevel(node);
  return own < level || (strict && own === level) ? `(${inner})` : inner;
}

function printExpr(node: ExprNode): string {
  switch (node.kind) {
    case 'logical': {
      const level = LOGICAL_LEVEL[node.op];
      return `${wrapExpr(node.left, level, false)} ${LOGICAL_SYMBOL[node.op]} ${wrapExpr(node.right, level, true)}`;
    }
    case 'not':
      // `!a == b` already means `!(a == b)`; the parentheses are for the reader.
      return node.operand.kind === 'test' || node.operand.kind === 'not'
        ? `!${printExpr(node.operand)}`
        : `!(${printExpr(node.operand)})`;
    case 'compare':
      return `${prefix(node.quantifier)}${printValue(node.left)} ${COMPARE_SYMBOL[node.op]} ${printValue(node.right)}`;
    case 'contains':
    case 'matches':
      return `${prefix(node.quantifier)}${printValue(node.left)} ${node.kind} ${printValue(node.right)}`;
    case 'in': {
      const elements = node.elements.map(({ low, high }) =>
        high ? `${printValue(low)}..${printValue(high)}` : printValue(low),
      );
      const op = node.negated ? 'not in' : 'in';
      return `${prefix(node.quantifier)}${printValue(node.left)} ${op} {${elements.join(', ')}}`;
    }
    case 'test':
      return printValue(node.value);
  }
}

function prefix(quantifier: 'any' | 'all' | null): string {
  return quantifier ? `${quantifier} ` : '';
}

function valueLevel(node: ValueNode): number {
  return node.kind === 'arith' ? ARITH_LEVEL[node.op] : ATOM_LEVEL;
}

function wrapValue(node: ValueNode, level: number, strict: boolean): string {
  const inner = printValue(node);
  const own = valueLevel(node);
  return own < level || (strict && own === level) ? `{${inner}}` : inner;
}

export function printValue(node: ValueNode): string {
  switch (node.kind) {
    case 'word':
      return node.layers ? `${node.text}#${printLayers(node.layers)}` : node.text;
    case 'string':
      return quote(node.value);
    case 'char':
      return quoteChar(node.value);
    case 'slice': {
      const target = node.target.kind === 'arith' || node.target.kind === 'negate';
      const text = printValue(node.target);
      return `${target ? `{${text}}` : text}[${node.ranges.map(printRange).join(',')}]`;
    }
    case 'call':
      return `${node.name}(${node.args.map(printValue).join(', ')})`;
    case 'arith': {
      const level = ARITH_LEVEL[node.op];
      return `${wrapValue(node.left, level, false)} ${ARITH_SYMBOL[node.op]} ${wrapValue(node.right, level, true)}`;
    }
    case 'negate':
      return `-${wrapValue(node.operand, ATOM_LEVEL, false)}`;
  }
}

function printLayers(layers: readonly RangeSpec[]): string {
  const only = layers[0];
  return layers.length === 1 && only?.kind === 'index' && only.start >= 0
    ? String(only.start)
    : `[${layers.map(printRange).join(',')}]`;
}

/** The canonical text of a filter; `null` (the empty filter) prints as the empty string. */
export function printFilter(node: ExprNode | null): string {
  return node === null ? '' : printExpr(node);
}
