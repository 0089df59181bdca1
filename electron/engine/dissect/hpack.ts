/**
 * HPACK header compression (RFC 7541), the decoding side: one decoder per direction of an HTTP/2
 * connection, with its dynamic table.
 *
 *   Indexed Header Field (§6.1)                  | 1 |        Index (7+)         |
 *   Literal with Incremental Indexing (§6.2.1)   | 0 | 1 |      Index (6+)       |  [name]  value
 *   Dynamic Table Size Update (§6.3)             | 0 | 0 | 1 |   Max size (5+)   |
 *   Literal Never Indexed (§6.2.3)               | 0 | 0 | 0 | 1 |  Index (4+)   |  [name]  value
 *   Literal without Indexing (§6.2.2)            | 0 | 0 | 0 | 0 |  Index (4+)   |  [name]  value
 *   (Index 0 in a literal: a new name follows as a string literal; see hpack-huffman.ts for strings.)
 *
 * The dynamic table is bounded by the size the encoder announces (at most `MAX_TABLE_SIZE` here) and each
 * header block by `MAX_HEADERS`; problems are values (`HpackError`), never exceptions.
 */
import { huffmanDecode } from './hpack-huffman.js';
import { STATIC_TABLE } from './hpack-static.js';

/** SETTINGS_HEADER_TABLE_SIZE's default (RFC 9113 §6.5.2): the table's size until an update says otherwise. */
export const DEFAULT_TABLE_SIZE = 4096;
/** Larger updates are refused (a decoder may advertise more, but nothing real needs it; memory bound). */
export const MAX_TABLE_SIZE = 1 << 20;
const MAX_HEADERS = 1024;

export const Representation = {
  Indexed: 'Indexed Header Field',
  Incremental: 'Literal Header Field with Incremental Indexing',
  WithoutIndexing: 'Literal Header Field without Indexing',
  NeverIndexed: 'Literal Header Field never Indexed',
  SizeUpdate: 'Dynamic Table Size Update',
} as const;
export type Representation = (typeof Representation)[keyof typeof Representation];

/** One representation of a block, positions relative to the block's first byte. */
export interface HpackField {
  representation: Representation;
  start: number;
  end: number;
  /** Index into the tables (0: the name is a literal); the new size for a size update. */
  index: number;
  name: string;
  value: string;
  /** Where a literal name and the value are (their length prefix first); -1 when not literals. */
  nameStart: number;
  valueStart: number;
  valueLength: number;
  nameLength: number;
}

export type HpackError = {
  readonly kind: 'truncated' | 'malformed';
  readonly message: string;
  readonly at: number;
};

/** An integer with an N-bit prefix (§5.1); `out[0]` the value, `out[1]` where it ends; false when cut or too big. */
function integer(bytes: Uint8Array, p: number, end: number, prefix: number, out: number[]): boolean {
  if (p >= end) return false;
  const mask = (1 << prefix) - 1;
  let value = (bytes[p] ?? 0) & mask;
  p++;
  if (value === mask) {
    for (let shift = 0; ; shift += 7) {
      if (p >= end || shift > 28) return false;
      const b = bytes[p++] ?? 0;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
    }
  }
  out[0] = value;
  out[1] = p;
  return true;
}

const latin1 = new TextDecoder('latin1');
const scratch = [0, 0];

/** A string literal (§5.2) at `p`: its text, and in `scratch[1]` where it ends; an error otherwise. */
function literal(bytes: Uint8Array, p: number, end: number): string | HpackError {
  if (!integer(bytes, p, end, 7, scratch)) return { kind: 'truncated', message: 'string length cut', at: p };
  const [length = 0, from = 0] = scratch;
  if (from + length > end) return { kind: 'truncated', message: `string of ${length} bytes cut`, at: p };
  scratch[1] = from + length;
  if (((bytes[p] ?? 0) & 0x80) === 0) return latin1.decode(bytes.subarray(from, from + length));
  const decoded = huffmanDecode(bytes, from, from + length);
  return decoded ? latin1.decode(decoded) : { kind: 'malformed', message: 'invalid Huffman code', at: p };
}

function isError(x: string | HpackField | HpackError): x is HpackError {
  return typeof x === 'object' && 'message' in x;
}

export class HpackDecoder {
  /** Newest first, as §2.3.3 indexes it after the static table. */
  private entries: [string, string][] = [];
  private size = 0;
  maxSize = DEFAULT_TABLE_SIZE;

  get tableSize(): number {
    return this.size;
  }

  get tableEntries(): readonly (readonly [string, string])[] {
    return this.entries;
  }

  /** Index 1..61: the static table; then the dynamic table, newest first. */
  entry(index: number): readonly [string, string] | undefined {
    if (index <= 0) return undefined;
    if (index <= STATIC_TABLE.length) return STATIC_TABLE[index - 1];
    return this.entries[index - STATIC_TABLE.length - 1];
  }

  private evict(room: number): void {
    while (this.entries.length > 0 && this.size + room > this.maxSize) {
      const [name, value] = this.entries.pop() ?? ['', ''];
      this.size -= name.length + value.length + 32;
    }
  }

  /** §4.4: an entry larger than the table empties it and is not added. */
  private insert(name: string, value: string): void {
    const size = name.length + value.length + 32;
    this.evict(size);
    if (size > this.maxSize) return;
    this.entries.unshift([name, value]);
    this.size += size;
  }

  private resize(size: number): void {
    this.maxSize = size;
    this.evict(0);
  }

  /**
   * Decodes the block `[start, end)` of `bytes` into `fields` (appended), updating the table as it goes;
   * null, or the first error (the fields before it are kept, the table as far as it got).
   */
  decode(bytes: Uint8Array, start: number, end: number, fields: HpackField[]): HpackError | null {
    for (let p = start; p < end;) {
      if (fields.length >= MAX_HEADERS)
        return { kind: 'malformed', message: 'too many header fields', at: p };
      const field = this.representation(bytes, p, end, start);
      // A representation cut short is reported where it starts: a streaming caller resumes from there.
      if (isError(field)) return field.kind === 'truncated' ? { ...field, at: p } : field;
      fields.push(field);
      p = start + field.end;
    }
    return null;
  }

  private representation(bytes: Uint8Array, p: number, end: number, base: number): HpackField | HpackError {
    const first = bytes[p] ?? 0;
    if (first & 0x80) return this.indexed(bytes, p, end, base);
    if ((first & 0xe0) === 0x20) return this.sizeUpdate(bytes, p, end, base);
    const representation =
      first & 0x40
        ? Representation.Incremental
        : first & 0x10
          ? Representation.NeverIndexed
          : Representation.WithoutIndexing;
    const field = this.literalField(bytes, p, end, base, representation, first & 0x40 ? 6 : 4);
    if (!isError(field) && representation === Representation.Incremental)
      this.insert(field.name, field.value);
    return field;
  }

  private indexed(bytes: Uint8Array, p: number, end: number, base: number): HpackField | HpackError {
    if (!integer(bytes, p, end, 7, scratch)) return { kind: 'truncated', message: 'index cut', at: p };
    const [index = 0, next = 0] = scratch;
    const entry = this.entry(index);
    if (!entry) return { kind: 'malformed', message: `index ${index} is not in the table`, at: p };
    return field(Representation.Indexed, p - base, next - base, index, entry[0], entry[1]);
  }

  private sizeUpdate(bytes: Uint8Array, p: number, end: number, base: number): HpackField | HpackError {
    if (!integer(bytes, p, end, 5, scratch)) return { kind: 'truncated', message: 'table size cut', at: p };
    const [size = 0, next = 0] = scratch;
    if (size > MAX_TABLE_SIZE)
      return { kind: 'malformed', message: `table size ${size} is too large`, at: p };
    this.resize(size);
    return field(Representation.SizeUpdate, p - base, next - base, size, '', '');
  }

  private literalField(
    bytes: Uint8Array,
    p: number,
    end: number,
    base: number,
    representation: Representation,
    prefix: number,
  ): HpackField | HpackError {
    if (!integer(bytes, p, end, prefix, scratch)) return { kind: 'truncated', message: 'index cut', at: p };
    const [index = 0, afterIndex = 0] = scratch;
    let name = this.entry(index)?.[0];
    let at = afterIndex;
    if (index === 0) {
      const text = literal(bytes, at, end);
      if (isError(text)) return text;
      name = text;
      at = scratch[1] ?? 0;
    } else if (name === undefined)
      return { kind: 'malformed', message: `index ${index} is not in the table`, at: p };
    const value = literal(bytes, at, end);
    if (isError(value)) return value;
    const out = field(representation, p - base, (scratch[1] ?? 0) - base, index, name ?? '', value);
    out.nameStart = index === 0 ? afterIndex - base : -1;
    out.nameLength = index === 0 ? at - afterIndex : 0;
    out.valueStart = at - base;
    out.valueLength = (scratch[1] ?? 0) - at;
    return out;
  }
}

function field(
  representation: Representation,
  start: number,
  end: number,
  index: number,
  name: string,
  value: string,
): HpackField {
  return {
    representation,
    start,
    end,
    index,
    name,
    value,
    nameStart: -1,
    valueStart: -1,
    valueLength: 0,
    nameLength: 0,
  };
}
