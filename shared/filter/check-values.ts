/**
 * Typing of values inside a filter: a word becomes a field when the registry knows it and a literal
 * otherwise (converted to the type of what it is compared with); slices, functions and arithmetic get
 * the types Wireshark gives them. Errors point at the value they are about.
 */
import type { CallNode, RangeSpec, ValueNode, WordNode } from './ast.js';
import { convertChar, convertString, convertWord } from './convert.js';
import { fail } from './errors.js';
import { resolveName, typeName, type Resolved } from './fields.js';
import { printValue } from './printer.js';
import type { FunctionName, Typing, Value } from './program.js';
import {
  arithmeticTyping,
  BYTES,
  compatible,
  isInteger,
  isNumeric,
  isSliceable,
  STRING,
  UINT32,
} from './typing.js';

export interface Warning {
  readonly position: number;
  readonly length: number;
  readonly message: string;
}

/** A bare name that looks like a field (`htpp`, `http.hots`): what "neither a field nor a protocol" is about. */
export function looksLikeName(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/.test(text);
}

export function neither(text: string, span: readonly [number, number]): never {
  return fail(`"${text}" is neither a field nor a protocol name.`, span[0], span[1]);
}

export class ValueChecker {
  readonly warnings: Warning[] = [];

  /** The field a word names, noting a deprecated name; undefined for a literal. */
  resolve(word: WordNode): Resolved | undefined {
    const resolved = resolveName(word.text);
    if (resolved?.deprecated) {
      this.warnings.push({
        position: word.span[0],
        length: word.span[1] - word.span[0],
        message: `"${word.text}" is deprecated; use "${resolved.deprecated}" instead.`,
      });
    }
    return resolved;
  }

  /** True for a literal: a word that is no field, a string, a character, or a negated literal. */
  isLiteral(node: ValueNode): boolean {
    if (node.kind === 'word') return !node.layers && resolveName(node.text) === undefined;
    if (node.kind === 'negate') return this.isLiteral(node.operand);
    return node.kind === 'string' || node.kind === 'char';
  }

  /** A literal converted to `typing`. */
  literal(node: ValueNode, typing: Typing): Value {
    const where = node.span;
    switch (node.kind) {
      case 'word':
        return { kind: 'const', constant: convertWord(node.text, typing, where), typing };
      case 'string':
        return { kind: 'const', constant: convertString(node.value, typing, where), typing };
      case 'char':
        return { kind: 'const', constant: convertChar(node.value, typing, where), typing };
      case 'negate':
        return this.negativeLiteral(node.operand, typing, where);
      default:
        return this.typed(node, typing);
    }
  }

  private negativeLiteral(operand: ValueNode, typing: Typing, where: readonly [number, number]): Value {
    if (!isNumeric(typing.ftype)) fail(`${typeName(typing.type)} cannot be negative.`, ...where);
    if (operand.kind === 'word')
      return { kind: 'const', constant: convertWord(operand.text, typing, where, true), typing };
    const inner = this.literal(operand, typing);
    if (inner.kind !== 'const' || inner.constant.kind !== 'number')
      return fail('A constant cannot be negated here.', ...where);
    return { kind: 'const', constant: { kind: 'number', value: -inner.constant.value }, typing };
  }

  /** A value with a type of its own (field, slice, function, arithmetic); `anchor` types its literal parts. */
  typed(node: ValueNode, anchor: Typing | null): Value {
    switch (node.kind) {
      case 'word':
        return this.word(node, anchor);
      case 'string':
      case 'char':
        if (anchor) return this.literal(node, anchor);
        return neither(node.kind === 'string' ? node.value : String.fromCharCode(node.value), node.span);
      case 'slice':
        return this.slice(node.target, node.ranges);
      case 'call':
        return this.call(node, anchor);
      case 'negate': {
        if (anchor && this.isLiteral(node)) return this.literal(node, anchor);
        const operand = this.typed(node.operand, anchor);
        this.numeric(node.operand, operand);
        return { kind: 'negate', operand, typing: operand.typing };
      }
      case 'arith':
        return this.arith(node, anchor);
    }
  }

  private word(node: WordNode, anchor: Typing | null): Value {
    const resolved = this.resolve(node);
    if (resolved) {
      const { field } = resolved;
      return {
        kind: 'field',
        field,
        layers: node.layers ?? null,
        typing: { ftype: field.ftype, type: field.type, field },
      };
    }
    if (node.layers) fail(`${node.text} is not a valid field`, node.span[0], node.span[1]);
    if (anchor) return this.literal(node, anchor);
    return neither(node.text, node.span);
  }

  private slice(target: ValueNode, ranges: readonly RangeSpec[]): Value {
    const value = this.typed(target, null);
    if (!isSliceable(value.typing.ftype))
      fail(
        `"${printValue(target)}" is a ${typeName(value.typing.type)} and cannot be sliced into a sequence of bytes.`,
        target.span[0],
        target.span[1],
      );
    return { kind: 'slice', target: value, ranges, typing: BYTES };
  }

  private numeric(node: ValueNode, value: Value): void {
    if (!isNumeric(value.typing.ftype))
      fail(
        `${printValue(node)} (type=${typeName(value.typing.type)}) cannot participate in arithmetic.`,
        node.span[0],
        node.span[1],
      );
  }

  private arith(node: ValueNode & { kind: 'arith' }, anchor: Typing | null): Value {
    const leftLiteral = this.isLiteral(node.left);
    const rightLiteral = this.isLiteral(node.right);
    if (leftLiteral && rightLiteral && !anchor)
      fail('Constant arithmetic expression on the LHS is invalid.', node.span[0], node.span[1]);
    const left = leftLiteral ? null : this.typed(node.left, anchor);
    const right = rightLiteral ? null : this.typed(node.right, left?.typing ?? anchor);
    const base = (left ?? right)?.typing ?? (anchor as Typing);
    const l = left ?? this.literal(node.left, base);
    const r = right ?? this.literal(node.right, base);
    this.numeric(node.left, l);
    this.numeric(node.right, r);
    if (node.op === 'bitand' && !(isInteger(l.typing.ftype) && isInteger(r.typing.ftype)))
      fail(`${printValue(node)} needs integers on both sides of "&".`, node.span[0], node.span[1]);
    return { kind: 'arith', op: node.op, left: l, right: r, typing: arithmeticTyping(l.typing, r.typing) };
  }

  private call(node: CallNode, anchor: Typing | null): Value {
    const fn = FUNCTIONS[node.name];
    if (!fn) return fail(`Function '${node.name}' does not exist`, node.nameSpan[0], node.nameSpan[1]);
    if (node.args.length < fn.min)
      fail(
        `Function ${node.name} needs at least ${fn.min} argument${fn.min === 1 ? '' : 's'}.`,
        node.span[0],
        node.span[1],
      );
    if (node.args.length > fn.max)
      fail(
        `Function ${node.name} can only accept ${fn.max} argument${fn.max === 1 ? '' : 's'}.`,
        node.span[0],
        node.span[1],
      );
    const typedArgs = node.args.map((arg) => (this.isLiteral(arg) ? null : this.typed(arg, anchor)));
    const first = typedArgs.find((a) => a !== null)?.typing ?? anchor;
    if (!first)
      return fail(`Function ${node.name} needs a field as its argument.`, node.span[0], node.span[1]);
    const args = node.args.map((arg, i) => typedArgs[i] ?? this.literal(arg, first));
    args.forEach((arg, i) => fn.check(node.args[i] as ValueNode, arg, node.name));
    const typing = fn.result(args[0] as Value);
    return { kind: 'call', fn: node.name as FunctionName, args, typing };
  }
}

interface FunctionDef {
  readonly min: number;
  readonly max: number;
  check(node: ValueNode, arg: Value, name: string): void;
  result(first: Value): Typing;
}

const argFail = (node: ValueNode, message: string): never => fail(message, node.span[0], node.span[1]);

const FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  len: {
    min: 1,
    max: 1,
    check: (node, arg) => {
      if (!isSliceable(arg.typing.ftype))
        argFail(node, `${printValue(node)} (type=${typeName(arg.typing.type)}) has no length.`);
    },
    result: () => UINT32,
  },
  count: {
    min: 1,
    max: 1,
    check: (node, arg) => {
      if (arg.kind !== 'field') argFail(node, 'Only fields can be used as parameter for count()');
    },
    result: () => UINT32,
  },
  lower: { min: 1, max: 1, check: stringArg, result: () => STRING },
  upper: { min: 1, max: 1, check: stringArg, result: () => STRING },
  string: {
    min: 1,
    max: 1,
    check: (node, arg) => {
      if (arg.kind !== 'field' || arg.typing.ftype === 'none' || arg.typing.ftype === 'protocol')
        argFail(node, 'Only fields with a value can be used as parameter for string()');
    },
    result: () => STRING,
  },
  max: { min: 1, max: 32, check: numericArg, result: (first) => ({ ...first.typing, field: null }) },
  min: { min: 1, max: 32, check: numericArg, result: (first) => ({ ...first.typing, field: null }) },
  abs: { min: 1, max: 1, check: numericArg, result: (first) => ({ ...first.typing, field: null }) },
};

function stringArg(node: ValueNode, arg: Value, name: string): void {
  if (arg.typing.ftype !== 'string')
    argFail(node, `Only string type fields can be used as parameter for ${name}()`);
}

function numericArg(node: ValueNode, arg: Value, name: string): void {
  if (!isNumeric(arg.typing.ftype))
    argFail(node, `Only number type fields can be used as parameter for ${name}()`);
}

export { compatible };
