/**
 * A checked filter: every name resolved against the field registry, every literal converted to the
 * type it is compared with, every operator checked against the types it applies to. Evaluators
 * (the engine's compiled predicates, the colouring rules) run this, never the raw syntax tree.
 *
 * Occurrence rules are explicit (`mode`): Wireshark 4 reads `==` as "any occurrence equals",
 * `!=` as "all differ", `===` as "all equal", `!==` as "any differs"; `any`/`all` override; a
 * comparison is false when its field is absent, whatever the mode (tshark: `udp.port != 53` shows
 * no TCP frame).
 */
import type { ArithOp, RangeSpec } from './ast.js';
import type { FilterField, FType } from './fields.js';
import type { FieldType } from '../fields/index.js';

export type Constant =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  /** An IPv4 address and its prefix length (32: the address itself). */
  | { readonly kind: 'ipv4'; readonly value: number; readonly bits: number }
  | { readonly kind: 'ipv6'; readonly value: Uint8Array; readonly bits: number };

export type FunctionName = 'len' | 'count' | 'lower' | 'upper' | 'string' | 'max' | 'min' | 'abs';

/** What a value is, for conversions and messages (`Unsigned integer (2 bytes)`). */
export interface Typing {
  readonly ftype: FType;
  readonly type: FieldType | 'protocol';
  /** The field, when the value is one: its value strings and width matter for literals. */
  readonly field: FilterField | null;
}

export type Value =
  | {
      readonly kind: 'field';
      readonly field: FilterField;
      readonly layers: readonly RangeSpec[] | null;
      readonly typing: Typing;
    }
  | { readonly kind: 'const'; readonly constant: Constant; readonly typing: Typing }
  | {
      readonly kind: 'slice';
      readonly target: Value;
      readonly ranges: readonly RangeSpec[];
      readonly typing: Typing;
    }
  | {
      readonly kind: 'call';
      readonly fn: FunctionName;
      readonly args: readonly Value[];
      readonly typing: Typing;
    }
  | {
      readonly kind: 'arith';
      readonly op: ArithOp;
      readonly left: Value;
      readonly right: Value;
      readonly typing: Typing;
    }
  | { readonly kind: 'negate'; readonly operand: Value; readonly typing: Typing };

export type Relation = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'matches';

export interface SetRange {
  readonly low: Value;
  readonly high: Value | null;
}

export type Test =
  | { readonly kind: 'and' | 'or' | 'xor'; readonly left: Test; readonly right: Test }
  | { readonly kind: 'not'; readonly operand: Test }
  | { readonly kind: 'exists'; readonly field: FilterField; readonly layers: readonly RangeSpec[] | null }
  /** A non-field value as a test: true when it has a value that is not zero (or not empty). */
  | { readonly kind: 'truthy'; readonly value: Value }
  | {
      readonly kind: 'compare';
      readonly relation: Relation;
      readonly mode: 'any' | 'all';
      readonly left: Value;
      readonly right: Value;
      /** `matches`: the compiled pattern. */
      readonly pattern?: RegExp;
    }
  | {
      readonly kind: 'in';
      readonly mode: 'any' | 'all';
      readonly left: Value;
      readonly elements: readonly SetRange[];
    };

/** Every field a test reads (aliases expanded to the ids the dissectors emit), for targeted extraction. */
export function fieldsOf(test: Test | null): Set<FilterField> {
  const out = new Set<FilterField>();
  const value = (v: Value): void => {
    if (v.kind === 'field') out.add(v.field);
    else if (v.kind === 'slice') value(v.target);
    else if (v.kind === 'call') v.args.forEach(value);
    else if (v.kind === 'arith') {
      value(v.left);
      value(v.right);
    } else if (v.kind === 'negate') value(v.operand);
  };
  const walk = (t: Test): void => {
    switch (t.kind) {
      case 'and':
      case 'or':
      case 'xor':
        walk(t.left);
        walk(t.right);
        break;
      case 'not':
        walk(t.operand);
        break;
      case 'exists':
        out.add(t.field);
        break;
      case 'truthy':
        value(t.value);
        break;
      case 'compare':
        value(t.left);
        value(t.right);
        break;
      case 'in':
        value(t.left);
        for (const e of t.elements) {
          value(e.low);
          if (e.high) value(e.high);
        }
    }
  };
  if (test) walk(test);
  return out;
}
