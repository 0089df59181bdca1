/**
 * The output side of pcapng (draft-ietf-opsawg-pcapng §3.1, §3.5): little-endian blocks laid out in
 * one reusable buffer that goes to a sink at ~1 MiB. A block is reserved whole (`begin`), filled in
 * place through `view`, and closed by `finish`, which writes opt_endofopt and the trailing length:
 *
 *   | Block Type | Block Total Length | body … | options … | opt_endofopt | Block Total Length |
 */

const FLUSH_SIZE = 1024 * 1024;
const TWO32 = 4_294_967_296;
const utf8 = new TextEncoder();

/** An option about to be written: its code and its encoded value. */
export type EncodedOption = readonly [code: number, value: Uint8Array];

export class BlockBuffer {
  bytes = new Uint8Array(FLUSH_SIZE);
  view = new DataView(this.bytes.buffer);
  private pos = 0;
  private flushed = 0;

  /** The sink sees a view of the reused buffer: it must consume it (fs.writeSync) or copy it. */
  constructor(private readonly sink: (chunk: Uint8Array) => void) {}

  /** Bytes produced so far, buffered or not: the output offset of the next block. */
  get offset(): number {
    return this.flushed + this.pos;
  }

  /** The output offset of position `at` in the buffer. Read it before `finish`, which may flush. */
  absolute(at: number): number {
    return this.flushed + at;
  }

  /** Reserves a block of `body` bytes plus its 12-byte frame; returns where it starts in `bytes`. */
  begin(type: number, body: number): number {
    const total = 12 + body;
    if (this.pos + total > this.bytes.length) {
      this.flush();
      if (total > this.bytes.length) {
        this.bytes = new Uint8Array(total);
        this.view = new DataView(this.bytes.buffer);
      }
    }
    const at = this.pos;
    this.view.setUint32(at, type, true);
    this.view.setUint32(at + 4, total, true);
    this.pos = at + total;
    return at;
  }

  /** `begin` for a block of `fixed` body bytes whose options are all in `opts`. */
  beginWith(type: number, fixed: number, opts: readonly EncodedOption[]): number {
    return this.begin(type, fixed + optionsSize(opts));
  }

  /** Writes each option's TLV from `pos`; returns where the next one goes. */
  putOptions(pos: number, opts: readonly EncodedOption[]): number {
    for (const [code, value] of opts) {
      this.view.setUint16(pos, code, true);
      this.view.setUint16(pos + 2, value.length, true);
      this.putPadded(pos + 4, value);
      pos += 4 + pad4(value.length);
    }
    return pos;
  }

  /** Ends the block started at `at`: opt_endofopt if it has options, then the trailing length. */
  finish(at: number, pos: number, hasOptions: boolean): void {
    if (hasOptions) {
      this.view.setUint32(pos, 0, true);
      pos += 4;
    }
    this.view.setUint32(pos, pos + 4 - at, true);
    if (this.pos >= FLUSH_SIZE) this.flush();
  }

  /** Copies `data` and zeroes its padding (the buffer is reused, so padding is not already zero). */
  putPadded(at: number, data: Uint8Array): void {
    const length = data.length;
    const bytes = this.bytes;
    // A loop beats TypedArray.set's call overhead for the small packets that dominate captures.
    if (length <= 32) for (let i = 0; i < length; i++) bytes[at + i] = data[i] as number;
    else bytes.set(data, at);
    for (let i = length; i < pad4(length); i++) bytes[at + i] = 0;
  }

  flush(): void {
    if (this.pos === 0) return;
    const length = this.pos;
    this.pos = 0;
    this.flushed += length;
    this.sink(this.bytes.subarray(0, length));
  }
}

export function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Bytes the options take, opt_endofopt included (none when there are no options). */
export function optionsSize(opts: readonly EncodedOption[]): number {
  if (opts.length === 0) return 0;
  let size = 4;
  for (const [, value] of opts) size += 4 + pad4(value.length);
  return size;
}

/** Encodes string options, leaving out absent ones; an option value has a 16-bit length. */
export function stringOptions(list: readonly (readonly [number, string | undefined])[]): EncodedOption[] {
  return list.flatMap(([code, text]) => (text === undefined ? [] : [option(code, utf8.encode(text))]));
}

export function option(code: number, value: Uint8Array): EncodedOption {
  if (value.length > 0xffff) {
    throw new RangeError(`pcapng option ${code} is ${value.length} bytes; the limit is 65535`);
  }
  return [code, value];
}

export function uint64Bytes(n: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, n % TWO32, true);
  view.setUint32(4, Math.floor(n / TWO32), true);
  return bytes;
}

export function int64Bytes(n: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(n), true);
  return bytes;
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}
