/**
 * The display-filter scanner (Wireshark's `scanner.l`, the 4.x token set). Words are kept whole and
 * unresolved: a word runs over letters, digits and `_ : / . -` (not starting with `-` or `/`, never
 * containing `..`), so `10.0.0.0/24`, `aa:bb:cc`, `fe80::1` and `tcp.flags.syn` are one token each
 * and the checker decides what they are. A slice `[…]` or a layer `#…` is scanned as one token.
 */
import type { ArithOp, CompareOp } from './ast.js';
import { fail, unexpected } from './errors.js';
import { readChar, readString } from './strings.js';

export interface Part {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'char'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: 'cmp'; readonly op: CompareOp; readonly start: number; readonly end: number }
  | { readonly kind: 'arith'; readonly op: ArithOp; readonly start: number; readonly end: number }
  | {
      readonly kind: 'slice' | 'layer';
      readonly parts: readonly Part[];
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: SimpleKind; readonly start: number; readonly end: number };

export type SimpleKind =
  | 'and'
  | 'or'
  | 'xor'
  | 'not'
  | 'in'
  | 'contains'
  | 'matches'
  | 'any'
  | 'all'
  | '('
  | ')'
  | '{'
  | '}'
  | ','
  | '..'
  | 'eof';

const KEYWORDS: Readonly<Record<string, SimpleKind | { cmp: CompareOp } | { arith: ArithOp }>> = {
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
  in: 'in',
  contains: 'contains',
  matches: 'matches',
  any: 'any',
  all: 'all',
  eq: { cmp: 'any_eq' },
  any_eq: { cmp: 'any_eq' },
  ne: { cmp: 'all_ne' },
  all_ne: { cmp: 'all_ne' },
  all_eq: { cmp: 'all_eq' },
  any_ne: { cmp: 'any_ne' },
  gt: { cmp: 'gt' },
  ge: { cmp: 'ge' },
  lt: { cmp: 'lt' },
  le: { cmp: 'le' },
  bitand: { arith: 'bitand' },
  bitwise_and: { arith: 'bitand' },
};

/** Symbols, longest first so that `===` wins over `==` and `&&` over `&`. */
const SYMBOLS: readonly (readonly [string, SimpleKind | { cmp: CompareOp } | { arith: ArithOp }])[] = [
  ['===', { cmp: 'all_eq' }],
  ['!==', { cmp: 'any_ne' }],
  ['==', { cmp: 'any_eq' }],
  ['!=', { cmp: 'all_ne' }],
  ['>=', { cmp: 'ge' }],
  ['<=', { cmp: 'le' }],
  ['&&', 'and'],
  ['||', 'or'],
  ['^^', 'xor'],
  ['..', '..'],
  ['>', { cmp: 'gt' }],
  ['<', { cmp: 'lt' }],
  ['!', 'not'],
  ['~', 'matches'],
  ['&', { arith: 'bitand' }],
  ['+', { arith: 'add' }],
  ['-', { arith: 'sub' }],
  ['*', { arith: 'mul' }],
  ['/', { arith: 'div' }],
  ['%', { arith: 'mod' }],
  ['(', '('],
  [')', ')'],
  ['{', '{'],
  ['}', '}'],
  [',', ','],
];

const WORD_START = /[A-Za-z0-9_:]/;
const WORD_PART = /[A-Za-z0-9_:/.-]/;

function token(
  kind: SimpleKind | { cmp: CompareOp } | { arith: ArithOp },
  start: number,
  end: number,
): Token {
  if (typeof kind === 'string') return { kind, start, end };
  if ('cmp' in kind) return { kind: 'cmp', op: kind.cmp, start, end };
  return { kind: 'arith', op: kind.arith, start, end };
}

/** The end of the word starting at `start` (a `..` ends it: `80..90` is three tokens). */
function wordEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && WORD_PART.test(text[i] as string)) {
    if (text[i] === '.' && text[i + 1] === '.') break;
    i++;
  }
  return i;
}

/** `[0:3,5]`: the parts between the brackets, split on commas, each with its own span. */
function bracketParts(text: string, open: number): { parts: Part[]; end: number } {
  const close = text.indexOf(']', open + 1);
  if (close < 0) fail('The right bracket was missing from a slice.', text.length, text.length);
  const parts: Part[] = [];
  let from = open + 1;
  for (const piece of text.slice(open + 1, close).split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    parts.push({ text: trimmed, start: from + lead, end: from + lead + trimmed.length });
    from += piece.length + 1;
  }
  return { parts, end: close + 1 };
}

function layerToken(text: string, start: number): Token {
  const next = text[start + 1];
  if (next === undefined) fail('The layer number or range was missing.', start + 1, start + 1);
  if (next === '[') {
    const { parts, end } = bracketParts(text, start + 1);
    return { kind: 'layer', parts, start, end };
  }
  if (!/[0-9]/.test(next)) fail(`Expected digit or "[", not "${next}"`, start + 1, start + 2);
  let end = start + 1;
  while (end < text.length && /[0-9]/.test(text[end] as string)) end++;
  return { kind: 'layer', parts: [{ text: text.slice(start + 1, end), start: start + 1, end }], start, end };
}

function nextToken(text: string, i: number): Token {
  const c = text[i] as string;
  if (c === '"' || ((c === 'r' || c === 'R') && text[i + 1] === '"')) {
    const { value, end } = readString(text, i);
    return { kind: 'string', value, start: i, end };
  }
  if (c === "'") {
    const { value, end } = readChar(text, i);
    return { kind: 'char', value, start: i, end };
  }
  if (c === '[') {
    const { parts, end } = bracketParts(text, i);
    return { kind: 'slice', parts, start: i, end };
  }
  if (c === '#') return layerToken(text, i);
  if (WORD_START.test(c)) {
    const end = wordEnd(text, i);
    const word = text.slice(i, end);
    const keyword = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    return keyword ? token(keyword, i, end) : { kind: 'word', text: word, start: i, end };
  }
  for (const [symbol, kind] of SYMBOLS)
    if (text.startsWith(symbol, i)) return token(kind, i, i + symbol.length);
  return unexpected(c, i, i + 1);
}

/** The whole filter as tokens, ending with `eof`; throws a FilterError at the first bad character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const t = nextToken(text, i);
    tokens.push(t);
    i = t.end;
  }
  tokens.push({ kind: 'eof', start: text.length, end: text.length });
  return tokens;
}

/** The text of a token as written (for messages such as `"443" was unexpected in this context.`). */
export function tokenText(source: string, t: Token): string {
  return source.slice(t.start, t.end);
}
