/**
 * IP fragment reassembly for IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5), as Wireshark does it with its
 * default preferences (`ip.defragment`, `ipv6.defragment`): fragments are kept by (addresses, protocol,
 * identification) until every byte from 0 to the end of the fragment without "more fragments" is there;
 * the frame whose fragment completes the datagram dissects it, as a byte source of its own
 * (`Reassembled IPv4`); the other fragments' payload stays data with `[Reassembled IPv4 in frame: N]`.
 * Overlaps keep the first copy; a completed datagram leaves the table, so a later fragment with the same
 * identification starts a new one.
 *
 *   fragment:  | IP header | payload [offset, offset + length) |   MF=1 … MF=1, MF=0 (the tail)
 *   datagram:  [0 ─────────────── total ──────────────────────)   total = tail offset + tail length
 *
 * Memory is bounded: a datagram is at most 65535 bytes, at most `MAX_PENDING` are open per lane and they
 * share `MAX_PENDING_BYTES`; past that the least recently touched is dropped (its fragments stay data).
 * The summary pass records, per fragment frame, where its datagram was reassembled, and for the frame that
 * completed it the pieces (to rebuild it from the spool on the detail path) and the columns its upper
 * layers gave (for replay).
 */
import { stateKey, type FrameContext, type StateKey } from './context.js';

/** A datagram's largest size (the 16-bit length fields; jumbograms are not fragmented). */
export const MAX_DATAGRAM = 0xffff;
const MAX_PENDING = 256;
const MAX_PENDING_BYTES = 8 << 20;

class Datagram {
  buffer = new Uint8Array(0);
  /** Covered `[start, end)` pairs, sorted and disjoint. */
  coverage: number[] = [];
  /** The datagram's length, once the fragment without "more fragments" arrived; -1 until then. */
  total = -1;
  /** (frame, offset in the frame, offset in the datagram, length) quadruples, in arrival order. */
  readonly pieces: number[] = [];

  /** Adds `data` at `offset`, keeping bytes already there; returns how many bytes the buffer grew. */
  add(offset: number, data: Uint8Array, more: boolean): number {
    if (!more && this.total < 0) this.total = offset + data.length;
    const end = Math.min(offset + data.length, MAX_DATAGRAM);
    let grown = 0;
    if (end > this.buffer.length) {
      const bigger = new Uint8Array(end);
      bigger.set(this.buffer);
      grown = end - this.buffer.length;
      this.buffer = bigger;
    }
    // Write the gaps only: the first copy of an overlapping byte wins.
    let p = offset;
    for (let i = 0; i < this.coverage.length && p < end; i += 2) {
      const s = this.coverage[i] ?? 0;
      const e = this.coverage[i + 1] ?? 0;
      if (e <= p) continue;
      if (s >= end) break;
      if (s > p) this.buffer.set(data.subarray(p - offset, s - offset), p);
      p = Math.max(p, e);
    }
    if (p < end) this.buffer.set(data.subarray(p - offset, end - offset), p);
    this.cover(offset, end);
    return grown;
  }

  private cover(start: number, end: number): void {
    const out: number[] = [];
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

  get complete(): boolean {
    return this.total >= 0 && this.coverage[0] === 0 && (this.coverage[1] ?? 0) >= this.total;
  }
}

/** What the summary pass keeps for the frame that completed a datagram. */
export interface CompletedDatagram {
  readonly pieces: Int32Array;
  readonly length: number;
  protocol: string;
  info: string;
  streamId: number;
  flags: number;
}

class DefragState {
  readonly pending = new Map<string, Datagram>();
  bytes = 0;
  /** Fragment frame → the frame its datagram was reassembled in. */
  readonly reassembledIn = new Map<number, number>();
  readonly completed = new Map<number, CompletedDatagram>();

  touch(key: string, datagram: Datagram, grown: number): void {
    this.pending.delete(key);
    this.pending.set(key, datagram);
    this.bytes += grown;
    for (const [victim, held] of this.pending) {
      if ((this.pending.size <= MAX_PENDING && this.bytes <= MAX_PENDING_BYTES) || held === datagram) break;
      this.forget(victim, held);
    }
  }

  forget(key: string, datagram: Datagram): void {
    this.pending.delete(key);
    this.bytes -= datagram.buffer.length;
  }
}

export const DEFRAG_STATE: StateKey<DefragState> = stateKey('ip.defrag', () => new DefragState());

/** One fragment as the IP layer read it. */
export interface Fragment {
  /** Identifies the datagram: version, addresses, protocol, identification. */
  readonly key: string;
  /** Payload in the frame, `[start, end)`. */
  readonly start: number;
  readonly end: number;
  /** Byte offset of the payload in the datagram. */
  readonly offset: number;
  readonly more: boolean;
}

/**
 * Summary pass: adds the fragment; returns the datagram when this fragment completes it, else null. A
 * fragment not wholly captured is not added (Wireshark requires its bytes to exist).
 */
export function addFragment(
  ctx: FrameContext,
  f: Fragment,
): { bytes: Uint8Array; pieces: Int32Array } | null {
  if (f.end > ctx.capturedEnd || f.offset + (f.end - f.start) > MAX_DATAGRAM) return null;
  const st = ctx.state(DEFRAG_STATE);
  let datagram = st.pending.get(f.key);
  if (!datagram) datagram = new Datagram();
  const grown = datagram.add(f.offset, ctx.bytes.subarray(f.start, f.end), f.more);
  datagram.pieces.push(ctx.frameNumber, f.start, f.offset, f.end - f.start);
  if (!datagram.complete) {
    st.touch(f.key, datagram, grown);
    return null;
  }
  st.forget(f.key, datagram);
  st.bytes += grown;
  const pieces = Int32Array.from(datagram.pieces);
  for (let i = 0; i < pieces.length; i += 4) {
    const frame = pieces[i] ?? 0;
    if (frame !== ctx.frameNumber) st.reassembledIn.set(frame, ctx.frameNumber);
  }
  return { bytes: datagram.buffer.subarray(0, datagram.total), pieces };
}

/** Detail path: the datagram of a frame that completed one, rebuilt from the spool; null if it cannot be. */
export function rebuildDatagram(ctx: FrameContext, done: CompletedDatagram): Uint8Array | null {
  const out = new Uint8Array(done.length);
  const load = ctx.lane.frameBytes;
  const p = done.pieces;
  // Last piece first, so that where pieces overlap the first copy is what remains.
  for (let i = p.length - 4; i >= 0; i -= 4) {
    const [frame = 0, at = 0, offset = 0, length = 0] = p.subarray(i, i + 4);
    const bytes = frame === ctx.frameNumber ? ctx.bytes : load?.(frame);
    if (!bytes) return null;
    const take = Math.min(length, out.length - offset, bytes.length - at);
    if (take > 0) out.set(bytes.subarray(at, at + take), offset);
  }
  return out;
}
