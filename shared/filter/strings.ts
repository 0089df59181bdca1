/**
 * Quoted strings and character constants as Wireshark 4 reads them: C escapes (`\n \t \\ \" \xHH
 * \ooo \uXXXX \UXXXXXXXX`), raw strings `r"…"` that keep backslashes, and `'a'` for an integer. An
 * unknown escape is an error at the backslash (`\d is not a valid character escape sequence`).
 * The printer's `quote` writes a string back so that reading it again gives the same value.
 */
import { fail } from './errors.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '?': '?',
};

interface Escape {
  readonly value: string;
  readonly length: number;
}

function numericEscape(text: string, at: number): Escape | null {
  const rest = text.slice(at + 1);
  const octal = /^[0-7]{1,3}/.exec(rest);
  if (octal) {
    const code = parseInt(octal[0], 8);
    if (code > 0xff) fail(`\\${octal[0]} is larger than 255.`, at, at + 1 + octal[0].length);
    return { value: String.fromCharCode(code), length: 1 + octal[0].length };
  }
  const hex = /^x([0-9A-Fa-f]{1,2})/.exec(rest);
  if (hex) return { value: String.fromCharCode(parseInt(hex[1] as string, 16)), length: 1 + hex[0].length };
  const unicode = /^(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/.exec(rest);
  if (unicode) {
    const code = parseInt((unicode[1] ?? unicode[2]) as string, 16);
    if (code > 0x10ffff)
      fail(`\\${unicode[0]} is not a valid Unicode character.`, at, at + 1 + unicode[0].length);
    return { value: String.fromCodePoint(code), length: 1 + unicode[0].length };
  }
  return null;
}

/** The escape at `at` (a backslash); throws at an unknown or unfinished one. */
function escapeAt(text: string, at: number): Escape {
  const next = text[at + 1];
  if (next === undefined) fail('The final quote was missing from a quoted string.', at, text.length);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, length: 2 };
  const numeric = numericEscape(text, at);
  if (numeric) return numeric;
  return fail(`\\${next} is not a valid character escape sequence`, at, at + 2);
}

/** A string starting at `start` (its opening quote or `r"`); returns the value and the end offset. */
export function readString(text: string, start: number): { value: string; end: number } {
  const raw = text[start] !== '"';
  let i = raw ? start + 2 : start + 1;
  let value = '';
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      i++;
    } else if (raw) {
      // Raw strings: `\"` and `\\` do not end the string, and the backslash stays.
      value += text.slice(i, i + 2);
      i += 2;
    } else {
      const escape = escapeAt(text, i);
      value += escape.value;
      i += escape.length;
    }
  }
  return fail('The final quote was missing from a quoted string.', start, text.length);
}

/** `'a'` → 97, `'\n'` → 10, `'\x41'` → 65. */
export function readChar(text: string, start: number): { value: number; end: number } {
  const close = text.indexOf("'", text[start + 1] === '\\' ? start + 3 : start + 2);
  if (close < 0) fail('The final quote was missing from a character constant.', start, text.length);
  const body = text.slice(start + 1, close);
  let value: string;
  if (body.startsWith('\\')) {
    const escape = escapeAt(body, 0);
    if (escape.length !== body.length)
      fail(`${text.slice(start, close + 1)} is not a valid character constant.`, start, close + 1);
    value = escape.value;
  } else value = body;
  const code = value.codePointAt(0);
  if (code === undefined || [...value].length !== 1 || code > 0xff)
    fail(`${text.slice(start, close + 1)} is not a valid character constant.`, start, close + 1);
  return { value: code, end: close + 1 };
}

/** A string literal that reads back as `value`. */
export function quote(value: string): string {
  let out = '"';
  for (const c of value) {
    const code = c.codePointAt(0) as number;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** A character constant that reads back as `code` (0–255). */
export function quoteChar(code: number): string {
  const c = String.fromCharCode(code);
  if (c === "'" || c === '\\') return `'\\${c}'`;
  if (code < 0x20 || code >= 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

/** UTF-8 bytes of a string (shared code has no TextEncoder in its library types). */
export function utf8(value: string): Uint8Array {
  const out: number[] = [];
  for (const c of value) {
    const code = c.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
  }
  return Uint8Array.from(out);
}
