/**
 * One side's decrypted application data as the byte stream the protocol above reads (Wireshark's TLS
 * desegmentation, `tls.desegment_ssl_application_data`): an HTTP/2 frame or an HTTP message may span
 * records, so bytes the dissector could not finish wait for the next record. What each record's call did is
 * kept for the detail path, which decrypts the records again rather than keeping plaintext:
 *
 *   marks[record]  None: no call (no protocol above) · Whole: the record's plaintext, all consumed, in one
 *                  call with no state · Recorded: see `calls` · Segment: all of it waited for more
 *   calls[record]  the pieces the call read (record, start, end triples) and the state it left
 */
export const PlainMark = { None: 0, Whole: 1, Recorded: 2, Segment: 3 } as const;
export type PlainMark = (typeof PlainMark)[keyof typeof PlainMark];

/** A call of the protocol above on bytes from one or more records. */
export interface PlainCall {
  /** (record index, start, end) per piece, in stream order. */
  readonly pieces: readonly number[];
  readonly length: number;
  /** What the dissector left in `StreamInfo.pduState`. */
  readonly state: number;
}

/** Bytes waiting for the rest of a PDU: beyond this the stream gives up on it (as TCP's PDU bound). */
export const MAX_PENDING = 1 << 20;

export class PlainStream {
  private marks = new Uint8Array(0);
  readonly calls = new Map<number, PlainCall>();
  /** Bytes waiting for the rest of their PDU, as they came (joined once, when the PDU can be complete). */
  private pending: Uint8Array[] = [];
  pendingLength = 0;
  /** (record, start, end) triples of the pending bytes. */
  pendingPieces: number[] = [];
  /**
   * How many bytes the protocol above needs before calling it again is worth it (it said how many were
   * missing); 0 when it asked for "more" without saying how much. Without this a 256 KiB body would be
   * joined and parsed again at every one of its records.
   */
  needed = 0;
  /** Records handed to the protocol above so far: one dissected again on the summary pass is not fed twice. */
  fed = 0;

  mark(record: number, mark: PlainMark): void {
    if (record >= this.marks.length) {
      const grown = new Uint8Array(Math.max(64, 2 * this.marks.length, record + 1));
      grown.set(this.marks);
      this.marks = grown;
    }
    this.marks[record] = mark;
  }

  markOf(record: number): PlainMark {
    return (this.marks[record] ?? PlainMark.None) as PlainMark;
  }

  /** Whether this record's plaintext still leaves the waiting PDU short of what it needs. */
  stillShort(plain: Uint8Array): boolean {
    return this.needed > 0 && this.pendingLength + plain.length < this.needed;
  }

  /** Adds a record's plaintext to the waiting bytes without calling the protocol above. */
  wait(record: number, plain: Uint8Array): void {
    if (this.pendingLength + plain.length > MAX_PENDING) {
      this.drop();
      return;
    }
    this.pending.push(plain);
    this.pendingLength += plain.length;
    this.pendingPieces.push(record, 0, plain.length);
  }

  /** The bytes of a call: pending bytes then this record's plaintext, with their pieces. */
  join(record: number, plain: Uint8Array): { bytes: Uint8Array; pieces: number[] } {
    const pieces = [...this.pendingPieces, record, 0, plain.length];
    if (this.pendingLength === 0) return { bytes: plain, pieces };
    const bytes = new Uint8Array(this.pendingLength + plain.length);
    let at = 0;
    for (const chunk of this.pending) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    bytes.set(plain, at);
    return { bytes, pieces };
  }

  /**
   * Keeps `bytes[from…]` for the next record (nothing when it grew past the bound); `missing` is what the
   * protocol above said it still needs (0 when it did not say).
   */
  keep(bytes: Uint8Array, pieces: readonly number[], from: number, missing: number): void {
    if (from >= bytes.length || bytes.length - from > MAX_PENDING) {
      this.drop();
      return;
    }
    const rest = bytes.subarray(from);
    this.pending = [rest];
    this.pendingLength = rest.length;
    this.pendingPieces = slicePieces(pieces, from, bytes.length);
    this.needed = missing > 0 ? rest.length + missing : 0;
  }

  private drop(): void {
    this.pending = [];
    this.pendingLength = 0;
    this.pendingPieces = [];
    this.needed = 0;
  }
}

/** The pieces covering `[from, to)` of the bytes they make up. */
export function slicePieces(pieces: readonly number[], from: number, to: number): number[] {
  const out: number[] = [];
  let at = 0;
  for (let i = 0; i + 2 < pieces.length; i += 3) {
    const record = pieces[i] ?? 0;
    const start = pieces[i + 1] ?? 0;
    const end = pieces[i + 2] ?? 0;
    const lo = Math.max(from, at);
    const hi = Math.min(to, at + end - start);
    if (hi > lo) out.push(record, start + lo - at, start + hi - at);
    at += end - start;
  }
  return out;
}
