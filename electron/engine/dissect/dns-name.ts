/**
 * DNS names (RFC 1035 §3.1, §4.1.4): length-prefixed labels ending in a zero byte, or in a pointer
 * (two bytes, top bits 11) to a name earlier in the message. Pointers are what makes names dangerous:
 * one can point at itself or form a cycle, so, as Wireshark does, every byte visited is counted and a
 * name that has visited more bytes than the message holds is declared a loop (never a hang).
 *
 *   +--+--+--+--+--+--+--+--+      +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   | 0  0|   LENGTH (1-63) | ...  | 1  1|         OFFSET from the message start       |
 *   +--+--+--+--+--+--+--+--+      +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *
 * Text follows Wireshark's: labels joined with `.` unescaped, UTF-8 shown as such, control bytes as
 * `\ooo`; `<Root>` for the empty name; `<Name too long>` past 255 bytes.
 */

/** Why a name could not be read in full; `truncated`/`malformed` are exceptions that end the message. */
export type NameProblem = 'loop' | 'truncated' | 'malformed' | 'extended-label' | null;

export interface DnsName {
  text: string;
  /** Where the name ends at its own position (after the terminating zero or the first pointer). */
  end: number;
  /** Bytes of the name as written out (Wireshark's "Name Length"). */
  length: number;
  labels: number;
  problem: NameProblem;
}

/** The view a name is read from: the DNS message is `[start, reportedEnd)`; bytes exist below `capturedEnd`. */
export interface NameSource {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly capturedEnd: number;
  readonly reportedEnd: number;
}

const MAX_NAME = 255;
const raw = new Uint8Array(MAX_NAME + 64);
const decoder = new TextDecoder('utf-8');
const ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/** Printable ASCII as a string, in slices (a spread of a whole long line would overflow the stack). */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 4096) {
    const slice = bytes.subarray(i, Math.min(end, i + 4096));
    out += String.fromCharCode.apply(null, slice as unknown as number[]);
  }
  return out;
}

/** Wireshark's `format_text` of `[start, end)`: UTF-8 as is, control characters escaped. */
export function formatText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let printable = true;
  for (let i = start; i < end && printable; i++) {
    const b = bytes[i] ?? 0;
    printable = b >= 0x20 && b <= 0x7e;
  }
  if (printable) return ascii(bytes, start, end);
  let out = '';
  for (const ch of decoder.decode(bytes.subarray(start, end))) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && code !== 0x7f) out += ch;
    else out += ESCAPES[code] ?? `\\${code.toString(8).padStart(3, '0')}`;
  }
  return out;
}

function fail(name: DnsName, problem: NameProblem, at: number, first: number): DnsName {
  name.problem = problem;
  if (name.end < 0) name.end = at;
  name.length = Math.max(name.length, name.end - first);
  if (problem === 'loop') {
    // Wireshark counts the replacement text: its length, and one label.
    name.text = '<Name contains a pointer that loops>';
    name.length = name.text.length;
    name.labels = 1;
  }
  return name;
}

/** Reads the name at `offset`. Never throws: a bad name is a value with a `problem`. */
export function readName(src: NameSource, offset: number): DnsName {
  const name: DnsName = { text: '', end: -1, length: 0, labels: 0, problem: null };
  const limit = Math.min(src.capturedEnd, src.reportedEnd);
  const size = src.reportedEnd - src.start;
  let at = offset;
  let visited = 0;
  let used = 0;
  let tooLong = false;
  for (;;) {
    if (at >= limit) return fail(name, at >= src.reportedEnd ? 'malformed' : 'truncated', at, offset);
    const len = src.bytes[at] ?? 0;
    at++;
    visited++;
    if (len === 0) break;
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (at >= limit) return fail(name, at >= src.reportedEnd ? 'malformed' : 'truncated', at, offset);
      const target = src.start + (((len & 0x3f) << 8) | (src.bytes[at] ?? 0));
      at++;
      visited++;
      if (name.end < 0) name.end = at;
      if (visited >= size) return fail(name, 'loop', at, offset);
      at = target;
      continue;
    }
    // 0x80 is reserved: Wireshark throws. 0x40 is an extended label (RFC 6891 deprecated them).
    if (kind === 0x80) return fail(name, 'malformed', at, offset);
    if (kind !== 0) {
      fail(name, 'extended-label', at, offset);
      name.text = '<Unknown extended label>';
      name.length = name.text.length;
      return name;
    }
    if (at + len > limit)
      return fail(name, at + len > src.reportedEnd ? 'malformed' : 'truncated', at, offset);
    if (used > 0 && used < raw.length) raw[used++] = 0x2e;
    for (let i = 0; i < len; i++) {
      if (used < raw.length) raw[used++] = src.bytes[at + i] ?? 0;
      else tooLong = true;
    }
    name.labels++;
    at += len;
    visited += len;
  }
  if (name.end < 0) name.end = at;
  if (tooLong || used > MAX_NAME) {
    name.text = '<Name too long>';
    name.length = name.text.length;
  } else {
    name.text = used === 0 ? '<Root>' : formatText(raw, 0, used);
    name.length = used;
    // Wireshark counts the dots of the text, so a `.` inside a label counts as a separator too.
    name.labels = used === 0 ? 0 : countDots(raw, used) + 1;
  }
  return name;
}

function countDots(bytes: Uint8Array, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) if (bytes[i] === 0x2e) n++;
  return n;
}
