/**
 * One call of the protocol above TCP, as `desegment_tcp` makes it: on a segment's own bytes, or on a
 * completed multi-segment PDU's buffer (read as a byte source of its own). Each call is recorded, with
 * where its bytes are, so that the detail path can make it again.
 */
import type { FrameContext } from './context.js';
import type { Dissector } from './registry.js';
import {
  DATA_DISSECTOR,
  SegmentMark,
  PAYLOAD_ONLY,
  REASSEMBLY_STATE,
  type FrameRecord,
  type ReassemblyState,
} from './tcp-records.js';
import { addFragment, MAX_PDU_BUFFER, seqLe, seqLt, type Msp } from './tcp-reassembly.js';

export const SEGMENT_NOTE = '[TCP segment of a reassembled PDU]';
export const REASSEMBLED_SOURCE = 'Reassembled TCP';
const OVERLAP_ERROR = '[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]';

/** The segment TCP hands over: payload `[offset, end)` of the frame, `seq` its relative sequence number. */
export interface SegmentInput {
  stream: number;
  direction: number;
  offset: number;
  end: number;
  seq: number;
  fin: boolean;
}

/** Calls `dissector` on `[offset, end)` of the current source; returns the dissector that took the bytes. */
function call(
  ctx: FrameContext,
  dissector: Dissector,
  offset: number,
  end: number,
  fin: boolean,
  seq: number,
  rec: FrameRecord,
): Dissector {
  const s = ctx.stream;
  s.canDesegment = true;
  s.seq = seq;
  s.bufferStart = offset;
  s.pduIndex = rec.pdus.length;
  s.desegmentOffset = 0;
  s.desegmentLength = 0;
  s.endOfStream = fin;
  s.pduState = 0;
  s.leaveAsPayload = false;
  let handler = dissector;
  if (!ctx.registry.call(ctx, dissector, offset, end)) {
    // Declined (HTTP after a protocol switch): data, as when no dissector is registered, or left as payload.
    handler = s.leaveAsPayload ? PAYLOAD_ONLY : DATA_DISSECTOR;
    s.desegmentLength = 0;
    handler.dissect(ctx, offset, end);
  }
  s.canDesegment = false;
  s.seq = -1;
  return handler;
}

/** The bytes the last call consumed (all of them unless it asked for more). */
function consumed(ctx: FrameContext, offset: number, end: number): number {
  return ctx.stream.desegmentLength !== 0 ? ctx.stream.desegmentOffset : end - offset;
}

/** Hands the segment's `[offset, end)` (starting at relative sequence `seq`) over directly; records the call. */
export function dissectSegment(
  ctx: FrameContext,
  dissector: Dissector,
  offset: number,
  end: number,
  fin: boolean,
  seq: number,
  rec: FrameRecord,
): void {
  const handler = call(ctx, dissector, offset, end, fin, seq, rec);
  const length = consumed(ctx, offset, end);
  if (length <= 0 && !handler.keepsLayer) return;
  const state = ctx.stream.pduState;
  rec.pdus.push({
    dissector: handler,
    start: offset,
    end: offset + length,
    pieces: null,
    length,
    state,
    endOfStream: fin,
  });
}

/** Dissects a completed PDU from its buffer; false when the buffer was dropped to stay within budget. */
export function dissectMsp(
  ctx: FrameContext,
  dissector: Dissector,
  msp: Msp,
  rec: FrameRecord,
  fin: boolean,
): boolean {
  const total = msp.datalen;
  if (msp.lost || !msp.buffer) {
    rec.lost = true;
    ctx.problem('malformed', 'tcp', 'reassembly buffer dropped: the lane reassembly budget was exhausted');
    return false;
  }
  const kept = msp.buffer.subarray(0, Math.min(total, MAX_PDU_BUFFER));
  const saved = ctx.enterSource(kept, total, REASSEMBLED_SOURCE);
  const handler = call(ctx, dissector, 0, total, fin, msp.seq, rec);
  ctx.leaveSource(saved);
  if (total > MAX_PDU_BUFFER)
    ctx.problem(
      'truncated',
      'tcp',
      `reassembled PDU of ${total} bytes: only the first ${MAX_PDU_BUFFER} are kept`,
    );
  const length = consumed(ctx, 0, total);
  const state = ctx.stream.pduState;
  rec.pdus.push({
    dissector: handler,
    start: 0,
    end: 0,
    pieces: msp.piecesView(),
    length,
    state,
    endOfStream: fin,
  });
  return true;
}

/** The segment's bytes `[from, from+length)` go into `msp` at `pduOffset`. */
export function addToMsp(
  ctx: FrameContext,
  st: ReassemblyState,
  msp: Msp,
  from: number,
  length: number,
  pduOffset: number,
  more: boolean,
): void {
  const bytes = ctx.bytes.subarray(from, Math.min(from + length, ctx.capturedEnd));
  addFragment(st.budget, msp, pduOffset, bytes, more);
  msp.notePiece(ctx.frameNumber, from, pduOffset, length);
}

/**
 * A keep-alive's byte (RFC 9293 §3.8.4: garbage, re-sending the last byte) is not handed to the protocol
 * above: inside a PDU already reassembled it conflicts with the byte kept there, else it is data. On
 * replay and details the recorded outcome is shown again.
 */
export function keepAlive(
  ctx: FrameContext,
  stream: number,
  direction: number,
  seq: number,
  start: number,
  end: number,
): void {
  const st = ctx.state(REASSEMBLY_STATE);
  let mark = st.markOf(ctx.frameNumber);
  if (!ctx.detail) {
    const msp = st.flow(stream, direction).atOrBefore((seq - 1) | 0);
    const inPdu = msp && seqLe(msp.seq, seq) && seqLt(seq, msp.nxtpdu);
    mark = inPdu ? SegmentMark.KeepAliveOverlap : SegmentMark.KeepAliveData;
    st.mark(ctx.frameNumber, mark);
  }
  if (mark === SegmentMark.KeepAliveOverlap) ctx.appendInfo(OVERLAP_ERROR);
  else ctx.data(start, end);
}
