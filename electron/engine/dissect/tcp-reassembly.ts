/**
 * TCP reassembly buffers, per direction (Wireshark's multi-segment PDUs, `tcp_multisegment_pdu` and the
 * fragment table behind it). A multi-segment PDU (MSP) covers sequence numbers `[seq, nxtpdu)`; segments
 * add their bytes at their offset in it, in any order; it is complete when every byte up to its end is
 * there. Overlapping bytes keep the first copy (Wireshark's default), retransmissions add nothing.
 *
 * Memory is bounded twice: an MSP keeps at most `MAX_PDU_BUFFER` bytes (beyond that bytes are counted
 * but not kept, and the PDU is handed over as if the capture had been cut there), and all MSPs of a lane
 * share `MAX_LANE_BUFFER` bytes: when that runs out the least recently touched buffer is dropped and its
 * PDU reported as lost. Sequence numbers are relative (unsigned 32-bit) and compared modulo 2^32.
 */

/** Bytes one PDU may keep (1 MiB): more is counted, not stored. */
export const MAX_PDU_BUFFER = 1 << 20;
/** Bytes all incomplete PDUs of a lane may keep together (32 MiB). */
export const MAX_LANE_BUFFER = 32 << 20;
/** PDUs remembered per direction, complete or not: older ones only matter to very late retransmissions. */
const MAX_MSPS = 16;

export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqLe = (a: number, b: number): boolean => ((a - b) | 0) <= 0;

/** A piece of a PDU for the detail path: where its bytes are in which frame. */
export interface PieceList {
  /** (frame, offset in the frame, offset in the PDU, length) quadruples. */
  readonly data: Int32Array;
  readonly count: number;
}

const NO_PIECES = new Int32Array(0);

export class Msp {
  /** Bytes kept so far (length = kept extent, at most MAX_PDU_BUFFER). */
  buffer: Uint8Array | null = new Uint8Array(0);
  /** Covered byte ranges relative to `seq`, as sorted, disjoint [start, end) pairs. */
  private coverage: number[] = [];
  /** Total length once the segment reaching `nxtpdu` arrived; -1 until then. */
  datalen = -1;
  reassembledIn = 0;
  lastFrame: number;
  /** The dissector asked for "one more segment": the next segment is taken whole. */
  entireSegment = false;
  /** The dissector asked for everything until FIN: the PDU ends with the segment that carries it. */
  untilFin = false;
  /** The lane budget ran out and this PDU's buffer was dropped. */
  lost = false;
  /** Pieces for the detail path, in arrival order (most PDUs have two or three). */
  private pieces: Int32Array = new Int32Array(8);
  pieceCount = 0;

  constructor(
    readonly seq: number,
    public nxtpdu: number,
    readonly firstFrame: number,
  ) {
    this.lastFrame = firstFrame;
  }

  get complete(): boolean {
    return (
      this.datalen >= 0 &&
      this.coverage.length === 2 &&
      this.coverage[0] === 0 &&
      this.coverage[1] === this.datalen
    );
  }

  /** Reopens a completed PDU that the dissector found too short (Wireshark's partial reassembly). */
  reopen(): void {
    this.datalen = -1;
    this.reassembledIn = 0;
  }

  /** Bytes covered from the start without a gap. */
  get contiguous(): number {
    return this.coverage[0] === 0 ? (this.coverage[1] ?? 0) : 0;
  }

  piecesView(): PieceList {
    return { data: this.pieces.slice(0, this.pieceCount * 4), count: this.pieceCount };
  }

  /** Covered ranges relative to `seq`: sorted, disjoint `[start, end)` pairs, flattened. */
  get covering(): readonly number[] {
    return this.coverage;
  }

  /** Marks `[offset, offset+length)` covered. */
  cover(offset: number, length: number): void {
    const out: number[] = [];
    let start = offset;
    let end = offset + length;
    let placed = false;
    for (let i = 0; i < this.coverage.length; i += 2) {
      const s = this.coverage[i] ?? 0;
      const e = this.coverage[i + 1] ?? 0;
      if (e < start) out.push(s, e);
      else if (s > end) {
        if (!placed) out.push(start, end);
        placed = true;
        out.push(s, e);
      } else {
        start = Math.min(start, s);
        end = Math.max(end, e);
      }
    }
    if (!placed) out.push(start, end);
    this.coverage = out;
  }

  /** Whether all of `[offset, offset+length)` is covered already. */
  covered(offset: number, length: number): boolean {
    const c = this.coverage;
    for (let i = 0; i < c.length; i += 2)
      if ((c[i] ?? 0) <= offset && (c[i + 1] ?? 0) >= offset + length) return true;
    return false;
  }

  notePiece(frame: number, frameOffset: number, pduOffset: number, length: number): void {
    if ((this.pieceCount + 1) * 4 > this.pieces.length) {
      const grown = new Int32Array(Math.max(8, this.pieces.length * 2));
      grown.set(this.pieces);
      this.pieces = grown;
    }
    this.pieces.set([frame, frameOffset, pduOffset, length], this.pieceCount * 4);
    this.pieceCount++;
  }

  /** Frees the buffer and pieces once dissected (the record of the frame that completed it has them). */
  release(): void {
    this.buffer = null;
    this.pieces = NO_PIECES;
    this.pieceCount = 0;
  }
}

/** The lane-wide budget of buffered bytes, and which PDUs hold buffers, least recently touched first. */
export class ReassemblyBudget {
  used = 0;
  private readonly holders = new Map<Msp, number>();

  constructor(readonly limit = MAX_LANE_BUFFER) {}

  /** Accounts `msp` (now holding `size` bytes) as the most recently touched; drops others if over budget. */
  touch(msp: Msp, size: number): void {
    const before = this.holders.get(msp) ?? 0;
    this.holders.delete(msp);
    this.holders.set(msp, size);
    this.used += size - before;
    for (const [victim, held] of this.holders) {
      if (this.used <= this.limit || victim === msp) break;
      this.drop(victim, held);
    }
  }

  forget(msp: Msp): void {
    const held = this.holders.get(msp);
    if (held === undefined) return;
    this.holders.delete(msp);
    this.used -= held;
  }

  private drop(msp: Msp, held: number): void {
    this.holders.delete(msp);
    this.used -= held;
    msp.lost = true;
    msp.release();
  }
}

/** Copies `data` into `msp` at `offset` (first copy wins), growing its buffer up to the cap. */
export function addFragment(
  budget: ReassemblyBudget,
  msp: Msp,
  offset: number,
  data: Uint8Array,
  more: boolean,
): void {
  if (!more && msp.datalen < 0) msp.datalen = offset + data.length;
  if (msp.covered(offset, data.length)) return;
  const kept = Math.min(data.length, MAX_PDU_BUFFER - offset);
  if (msp.buffer && kept > 0) {
    if (offset + kept > msp.buffer.length) {
      // The PDU's length is known when the dissector said how much it needs (a TLS record's 16 KiB):
      // one buffer of that size, not five doublings and their copies.
      const expected = msp.entireSegment || msp.untilFin ? 0 : (msp.nxtpdu - msp.seq) | 0;
      const size = Math.max(offset + kept, msp.buffer.length * 2, expected);
      const grown = new Uint8Array(Math.min(MAX_PDU_BUFFER, size));
      grown.set(msp.buffer);
      msp.buffer = grown;
    }
    writeUncovered(msp, msp.buffer, offset, data.subarray(0, kept));
    budget.touch(msp, msp.buffer.length);
  }
  msp.cover(offset, data.length);
}

/** Writes only the bytes not yet covered, so that an overlapping retransmission cannot replace data. */
function writeUncovered(msp: Msp, buffer: Uint8Array, offset: number, data: Uint8Array): void {
  const end = offset + data.length;
  const c = msp.covering;
  let p = offset;
  for (let i = 0; i < c.length && p < end; i += 2) {
    const s = c[i] ?? 0;
    const e = c[i + 1] ?? 0;
    if (e <= p) continue;
    if (s >= end) break;
    if (s > p) buffer.set(data.subarray(p - offset, s - offset), p);
    p = Math.max(p, e);
  }
  if (p < end) buffer.set(data.subarray(p - offset), p);
}

/** One direction's PDUs, ordered by their first sequence number. */
export class FlowReassembly {
  readonly msps: Msp[] = [];
  /** The dissector asked for everything until FIN (a response ended by the connection closing). */
  untilFin = false;

  /** The PDU starting exactly at `seq` (Wireshark's `wmem_tree_lookup32`). */
  at(seq: number): Msp | undefined {
    return this.msps.find((m) => m.seq === seq);
  }

  /** The last PDU starting at or before `seq` (`wmem_tree_lookup32_le`), compared as unsigned numbers. */
  atOrBefore(seq: number): Msp | undefined {
    let best: Msp | undefined;
    for (const m of this.msps)
      if (m.seq >>> 0 <= seq >>> 0 && (!best || m.seq >>> 0 > best.seq >>> 0)) best = m;
    return best;
  }

  add(budget: ReassemblyBudget, msp: Msp): Msp {
    const existing = this.msps.findIndex((m) => m.seq === msp.seq);
    if (existing >= 0) {
      const old = this.msps[existing];
      if (old) budget.forget(old);
      this.msps.splice(existing, 1);
    }
    this.msps.push(msp);
    this.msps.sort((a, b) => (a.seq >>> 0) - (b.seq >>> 0));
    while (this.msps.length > MAX_MSPS) {
      const oldest = this.msps.reduce((a, b) => (a.lastFrame <= b.lastFrame ? a : b));
      budget.forget(oldest);
      this.msps.splice(this.msps.indexOf(oldest), 1);
    }
    return msp;
  }
}
