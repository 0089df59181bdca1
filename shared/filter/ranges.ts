/**
 * Slice and layer ranges (Wireshark's `drange`): `i:j` (start, length), `i-j` (start, end inclusive),
 * `i` (one), `:j` (the first j), `i:` (from i on). Starts may be negative (from the end).
 */
import type { RangeSpec } from './ast.js';
import { fail } from './errors.js';
import type { Part } from './lexer.js';

function integer(text: string, part: Part, offset: number): number {
  if (!/^-?[0-9]+$/.test(text))
    fail(`"${text}" is not a valid number.`, part.start + offset, part.start + offset + text.length);
  return Number(text);
}

export function parseRange(part: Part): RangeSpec {
  const text = part.text;
  if (text.length === 0) fail('A range is empty.', part.start, part.end);
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const left = text.slice(0, colon);
    const right = text.slice(colon + 1);
    if (right === '') return { kind: 'from', start: integer(left, part, 0) };
    const start = left === '' ? 0 : integer(left, part, 0);
    const length = integer(right, part, colon + 1);
    if (length <= 0) fail(`Range length ${length} is not positive.`, part.start + colon + 1, part.end);
    return { kind: 'length', start, length };
  }
  // `i-j`: the dash after the first character (the first may be a minus sign).
  const dash = text.indexOf('-', 1);
  if (dash > 0) {
    return {
      kind: 'to',
      start: integer(text.slice(0, dash), part, 0),
      end: integer(text.slice(dash + 1), part, dash + 1),
    };
  }
  return { kind: 'index', start: integer(text, part, 0) };
}

export function printRange(range: RangeSpec): string {
  switch (range.kind) {
    case 'length':
      return `${range.start}:${range.length}`;
    case 'to':
      return `${range.start}-${range.end}`;
    case 'index':
      return String(range.start);
    case 'from':
      return `${range.start}:`;
  }
}

/**
 * The `[start, end)` byte offsets a range selects in a value of `length` bytes, or null when it
 * does not fit (Wireshark then has no value: the comparison is false).
 */
export function resolveRange(range: RangeSpec, length: number): readonly [number, number] | null {
  const at = (i: number) => (i < 0 ? length + i : i);
  const start = at(range.start);
  let end: number;
  switch (range.kind) {
    case 'length':
      end = start + range.length;
      break;
    case 'to':
      end = at(range.end) + 1;
      break;
    case 'index':
      end = start + 1;
      break;
    case 'from':
      end = length;
      break;
  }
  if (start < 0 || start >= length || end > length || end <= start) return null;
  return [start, end];
}
