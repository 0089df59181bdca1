/**
 * The bytes pane laid out as Wireshark lays it out: an offset column, 16 bytes a line in hex (two
 * groups of 8), then the same bytes as ASCII. Pure, so that the windowing and the highlight can be
 * tested without a DOM; the pane renders only the lines in view, since a reassembled buffer or a
 * jumbo frame has thousands of lines.
 */

export const BYTES_PER_LINE = 16;
export const BYTES_PER_GROUP = 8;

export interface HexCell {
  readonly offset: number;
  readonly hex: string;
  readonly ascii: string;
  /** The last byte of a group of 8, followed by a wider gap. */
  readonly groupEnd: boolean;
}

export interface HexLine {
  readonly index: number;
  readonly offsetText: string;
  readonly cells: readonly HexCell[];
}

const HEX_DIGITS = '0123456789abcdef';
const HEX_BYTE: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15),
);

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * The bytes of a hex string (the contract carries frame bytes hex-encoded). Decoding stops at the
 * first character that is not a hex digit, and an odd final digit is dropped: showing the bytes that
 * did arrive beats showing none.
 */
export function bytesFromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(hex.charCodeAt(2 * i));
    const low = nibble(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return out.slice(0, i);
    out[i] = (high << 4) | low;
  }
  return out;
}

export function hexByte(byte: number): string {
  return HEX_BYTE[byte & 0xff] ?? '00';
}

/** Printable ASCII as itself, anything else as '.', as Wireshark and `xxd` do. */
export function asciiChar(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
}

/** Offset digits: 4, or 8 once a buffer outgrows 64 KiB (Wireshark's rule). */
export function offsetDigits(length: number): number {
  return length > 0xffff ? 8 : 4;
}

export function lineCount(length: number): number {
  return Math.ceil(length / BYTES_PER_LINE);
}

export function layoutLine(bytes: Uint8Array, index: number, digits = offsetDigits(bytes.length)): HexLine {
  const start = index * BYTES_PER_LINE;
  const end = Math.min(bytes.length, start + BYTES_PER_LINE);
  const cells: HexCell[] = [];
  for (let offset = start; offset < end; offset++) {
    const byte = bytes[offset] ?? 0;
    cells.push({
      offset,
      hex: hexByte(byte),
      ascii: asciiChar(byte),
      groupEnd: (offset - start) % BYTES_PER_GROUP === BYTES_PER_GROUP - 1,
    });
  }
  return { index, offsetText: start.toString(16).padStart(digits, '0'), cells };
}

/** Lines `[first, end)`, clamped to the buffer. */
export function layoutLines(bytes: Uint8Array, first: number, end: number): HexLine[] {
  const digits = offsetDigits(bytes.length);
  const lines: HexLine[] = [];
  for (let index = Math.max(0, first); index < Math.min(end, lineCount(bytes.length)); index++) {
    lines.push(layoutLine(bytes, index, digits));
  }
  return lines;
}

export function inRange(offset: number, range: readonly [number, number] | null): boolean {
  return range !== null && offset >= range[0] && offset < range[1];
}

/** The lines `[first, last]` that a byte range touches; null for an empty range. */
export function linesOfRange(range: readonly [number, number]): readonly [number, number] | null {
  if (range[1] <= range[0]) return null;
  return [Math.floor(range[0] / BYTES_PER_LINE), Math.floor((range[1] - 1) / BYTES_PER_LINE)];
}

/**
 * The part of a range on one line: a line that the range does not touch gets null, so that its
 * memoised render survives a change of selection elsewhere.
 */
export function rangeOnLine(
  range: readonly [number, number],
  index: number,
): readonly [number, number] | null {
  const from = Math.max(range[0], index * BYTES_PER_LINE);
  const to = Math.min(range[1], (index + 1) * BYTES_PER_LINE);
  return from < to ? [from, to] : null;
}

/**
 * The lines to render, `[first, end)`: those in the viewport plus `overscan` either side, so that a
 * small scroll shows lines already laid out.
 */
export function visibleLines(
  scrollTop: number,
  viewportHeight: number,
  lineHeight: number,
  count: number,
  overscan: number,
): readonly [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / lineHeight) + overscan);
  return [Math.min(first, end), end];
}

/**
 * Where to scroll so that a highlighted range shows, or null when some of it is in view already: a
 * click on a byte selects a field that contains that byte, and the view must not jump then.
 */
export function scrollTargetFor(
  range: readonly [number, number],
  scrollTop: number,
  viewportHeight: number,
  lineHeight: number,
): number | null {
  const lines = linesOfRange(range);
  if (!lines) return null;
  const top = lines[0] * lineHeight;
  const bottom = (lines[1] + 1) * lineHeight;
  if (bottom > scrollTop && top < scrollTop + viewportHeight) return null;
  // One line of context above, as the range usually continues a header that started before it.
  return Math.max(0, top - lineHeight);
}
