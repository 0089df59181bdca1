/**
 * The semantic check: a syntax tree against the field registry, giving a `Test` to evaluate or the
 * first error with its exact position, plus warnings (deprecated names). This is what the filter
 * bar runs on every keystroke (in the renderer, without asking the engine) and what the engine runs
 * before it filters, so both agree on what is valid.
 */
import {
  COMPARE_SYMBOL,
  type CompareNode,
  type ContainsNode,
  type ExprNode,
  type InNode,
  type ValueNode,
} from './ast.js';
import { fail, FilterError, type FilterProblem } from './errors.js';
import { looksLikeName, neither, ValueChecker } from './check-values.js';
import { typeName } from './fields.js';
import { parseFilter } from './parser.js';
import { printFilter, printValue } from './printer.js';
import type { Relation, SetRange, Test, Value } from './program.js';
import { compatible, relationAllowed } from './typing.js';

export interface CheckResult {
  /** False when the filter has an error; an empty filter is valid and shows every frame. */
  readonly ok: boolean;
  readonly error: FilterProblem | null;
  readonly warnings: readonly FilterProblem[];
  /** The canonical spelling (see printer.ts), or the text as given when it does not parse. */
  readonly normalized: string;
  /** Null for the empty filter (and on error). */
  readonly test: Test | null;
}

const MODES: Readonly<Record<CompareNode['op'], { relation: Relation; mode: 'any' | 'all' }>> = {
  any_eq: { relation: 'eq', mode: 'any' },
  all_ne: { relation: 'ne', mode: 'all' },
  all_eq: { relation: 'eq', mode: 'all' },
  any_ne: { relation: 'ne', mode: 'any' },
  gt: { relation: 'gt', mode: 'any' },
  ge: { relation: 'ge', mode: 'any' },
  lt: { relation: 'lt', mode: 'any' },
  le: { relation: 'le', mode: 'any' },
};

class Checker extends ValueChecker {
  test(node: ExprNode): Test {
    switch (node.kind) {
      case 'logical':
        return { kind: node.op, left: this.test(node.left), right: this.test(node.right) };
      case 'not':
        return { kind: 'not', operand: this.test(node.operand) };
      case 'test':
        return this.bare(node.value);
      case 'compare':
      case 'contains':
      case 'matches':
        return this.relation(node);
      case 'in':
        return this.membership(node);
    }
  }

  /** A value standing alone: a field's existence, or a non-zero value. */
  private bare(value: ValueNode): Test {
    if (value.kind === 'word') {
      const resolved = this.resolve(value);
      if (!resolved) {
        if (value.layers) fail(`${value.text} is not a valid field`, value.span[0], value.span[1]);
        return neither(value.text, value.span);
      }
      return { kind: 'exists', field: resolved.field, layers: value.layers ?? null };
    }
    if (value.kind === 'string') return neither(value.value, value.span);
    if (value.kind === 'char') return neither(printValue(value), value.span);
    return { kind: 'truthy', value: this.typed(value, null) };
  }

  /** The left side of a relation must have a type of its own; a literal there is Wireshark's error. */
  private leftSide(node: ValueNode, symbol: string): Value {
    if (this.isLiteral(node)) {
      if (node.kind === 'word' && looksLikeName(node.text) && /[a-z]/i.test(node.text[0] ?? ''))
        neither(node.text, node.span);
      fail(
        `Left side of "${symbol}" expression must be a field or function, not ${printValue(node)}.`,
        node.span[0],
        node.span[1],
      );
    }
    return this.typed(node, null);
  }

  private operand(node: ValueNode, left: Value): Value {
    if (this.isLiteral(node)) return this.literal(node, left.typing);
    const right = this.typed(node, left.typing);
    if (!compatible(left.typing, right.typing)) {
      const [start, end] = node.span;
      fail(`${describe(left)} and ${printValue(node)} are not of compatible types.`, start, end);
    }
    return right;
  }

  private relation(node: CompareNode | ContainsNode): Test {
    const symbol = node.kind === 'compare' ? COMPARE_SYMBOL[node.op] : node.kind;
    const { relation, mode } =
      node.kind === 'compare' ? MODES[node.op] : { relation: node.kind, mode: 'any' as const };
    const left = this.leftSide(node.left, symbol);
    if (!relationAllowed(relation, left.typing.ftype)) {
      const [start, end] = node.left.span;
      fail(
        `${printValue(node.left)} (type=${typeName(left.typing.type)}) cannot participate in ${symbol} comparison.`,
        start,
        end,
      );
    }
    const finalMode = node.quantifier ?? mode;
    if (relation === 'matches') {
      const pattern = this.pattern(node.right);
      return { kind: 'compare', relation, mode: finalMode, left, right: left, pattern };
    }
    const stringish =
      relation === 'contains' && left.typing.ftype === 'ether'
        ? { ...left, typing: { ...left.typing, ftype: 'bytes' as const } }
        : left;
    return { kind: 'compare', relation, mode: finalMode, left, right: this.operand(node.right, stringish) };
  }

  /** `matches "(?i)foo"`: Wireshark 4 matches case-insensitively unless the pattern says `(?-i)`. */
  private pattern(node: ValueNode): RegExp {
    const source = node.kind === 'string' ? node.value : node.kind === 'word' ? node.text : null;
    if (source === null) return fail('A regular expression must be a string.', node.span[0], node.span[1]);
    let body = source;
    let flags = 'i';
    if (body.startsWith('(?i)')) body = body.slice(4);
    else if (body.startsWith('(?-i)')) {
      body = body.slice(5);
      flags = '';
    }
    try {
      return new RegExp(body, flags);
    } catch (error) {
      const reason =
        error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
      return fail(`"${source}" is not a valid regular expression: ${reason}`, node.span[0], node.span[1]);
    }
  }

  private membership(node: InNode): Test {
    const left = this.leftSide(node.left, 'in');
    if (!relationAllowed('eq', left.typing.ftype)) {
      const [start, end] = node.left.span;
      fail(
        `${printValue(node.left)} (type=${typeName(left.typing.type)}) cannot participate in in comparison.`,
        start,
        end,
      );
    }
    const elements: SetRange[] = node.elements.map(({ low, high }) => ({
      low: this.operand(low, left),
      high: high ? this.operand(high, left) : null,
    }));
    const test: Test = { kind: 'in', mode: node.quantifier ?? 'any', left, elements };
    return node.negated ? { kind: 'not', operand: test } : test;
  }
}

function describe(value: Value): string {
  return value.kind === 'field' ? value.field.name : typeName(value.typing.type);
}

/** Checks a filter; never throws. */
export function checkFilter(text: string): CheckResult {
  const checker = new Checker();
  try {
    const ast = parseFilter(text);
    const test = ast ? checker.test(ast) : null;
    return { ok: true, error: null, warnings: checker.warnings, normalized: printFilter(ast), test };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    return { ok: false, error: error.toProblem(), warnings: checker.warnings, normalized: text, test: null };
  }
}
