/**
 * Handing a TCP stream to the protocol above it with PDU boundaries, as Wireshark's `desegment_tcp` does
 * with its default preferences. The upper dissector gets a segment's payload; when it needs more it says
 * where its unfinished PDU starts and how much is missing (`StreamInfo.desegment*`), and TCP buffers the
 * rest in a multi-segment PDU (see tcp-reassembly.ts). The frame whose bytes complete the PDU gets the
 * reassembled buffer dissected, with its Protocol and Info; the others say `[TCP segment of a reassembled
 * PDU]`. A segment can complete one PDU and start others: each is handed over in turn, the Info of the
 * first kept in front of the next (a column fence), the Protocol column no longer changed.
 *
 * Summary pass only: what happened is kept in a `FrameRecord` per frame for replay and details.
 */
import { FrameFlag } from '../../../shared/dissection.js';
import type { FrameContext } from './context.js';
import type { Dissector } from './registry.js';
import { DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN } from './stream-info.js';
import { addToMsp, dissectMsp, dissectSegment, SEGMENT_NOTE, type SegmentInput } from './tcp-pdu.js';
import { FrameRecord, REASSEMBLY_STATE, SegmentMark, type ReassemblyState } from './tcp-records.js';
import { MAX_PDU_BUFFER, Msp, seqLe, seqLt, type FlowReassembly } from './tcp-reassembly.js';

/** Wireshark's locals of `desegment_tcp`, for the segment being handled; reused. */
class Pass {
  st!: ReassemblyState;
  flow!: FlowReassembly;
  dissector!: Dissector;
  input!: SegmentInput;
  rec!: FrameRecord;
  nxtseq = 0;
  offset = 0;
  seq = 0;
  calledDissector = false;
  mustDesegment = false;
  desegOffset = 0;
  anotherPduFollows = 0;
  protocolLocked = false;
  protocol = '';
}

const pass = new Pass();

/** After a completed PDU was dissected: true when it asked for more (reopened, and the segment goes on). */
function reopened(ctx: FrameContext, msp: Msp, lastLen: number): boolean {
  const s = ctx.stream;
  if (s.desegmentLength === 0 || s.desegmentOffset > msp.datalen - lastLen) return false;
  pass.rec.pdus.pop();
  msp.reopen();
  if (s.desegmentLength === DESEGMENT_UNTIL_FIN) waitForFin(msp);
  else if (s.desegmentLength === DESEGMENT_ONE_MORE_SEGMENT) {
    msp.nxtpdu = (Math.max(pass.nxtseq >>> 0, msp.nxtpdu >>> 0) + 1) | 0;
    msp.entireSegment = true;
  } else if (seqLe(msp.nxtpdu, (pass.seq + lastLen) | 0)) {
    msp.nxtpdu = (pass.seq + lastLen + s.desegmentLength) | 0;
  } else msp.nxtpdu = (msp.nxtpdu + s.desegmentLength) | 0;
  markSegmentOf(msp, pass.offset, pass.offset + lastLen);
  pass.anotherPduFollows = 0;
  pass.offset += lastLen;
  pass.seq = (pass.seq + lastLen) | 0;
  return true;
}

/** Everything until FIN belongs to the PDU: segments go in without completing it, FIN completes it. */
function waitForFin(msp: Msp): void {
  pass.flow.untilFin = true;
  msp.untilFin = true;
  msp.entireSegment = false;
  msp.nxtpdu = (pass.nxtseq + 0x40000000) | 0;
}

function markSegmentOf(msp: Msp, start: number, end: number): void {
  pass.rec.partOf.push(msp);
  pass.rec.segmentDataStart = start;
  pass.rec.segmentDataEnd = end;
}

/** Starts a PDU at `pass.desegOffset` for what the dissector could not finish. */
function startMsp(ctx: FrameContext): void {
  const s = ctx.stream;
  const end = pass.input.end;
  const desegSeq = (pass.seq + (pass.desegOffset - pass.offset)) | 0;
  // Wireshark's bound: a PDU whose first part alone exceeds this is not reassembled.
  if ((pass.nxtseq - desegSeq) >>> 0 > MAX_PDU_BUFFER) return;
  const oneMore = s.desegmentLength === DESEGMENT_ONE_MORE_SEGMENT;
  const nxtpdu = oneMore ? (pass.nxtseq + 1) | 0 : (pass.nxtseq + s.desegmentLength) | 0;
  const msp = pass.flow.add(pass.st.budget, new Msp(desegSeq, nxtpdu, ctx.frameNumber));
  pass.st.notePdu(msp);
  msp.entireSegment = oneMore;
  if (s.desegmentLength === DESEGMENT_UNTIL_FIN) waitForFin(msp);
  addToMsp(ctx, pass.st, msp, pass.desegOffset, end - pass.desegOffset, 0, seqLt(pass.nxtseq, msp.nxtpdu));
  markSegmentOf(msp, pass.desegOffset, end);
}

/** The segment continues `msp`: its bytes go in; when they complete it, it is dissected. True to go again. */
function continueMsp(ctx: FrameContext, msp: Msp): boolean {
  const input = pass.input;
  msp.lastFrame = ctx.frameNumber;
  const remaining = input.end - pass.offset;
  // Taken whole: "one more segment", or the FIN that ends a PDU delimited by the connection closing.
  const whole = msp.entireSegment || (msp.untilFin && input.fin);
  const len = whole ? remaining : Math.min((msp.nxtpdu - pass.seq) | 0, remaining);
  const wasComplete = msp.reassembledIn !== 0;
  const more = !whole && seqLt(pass.nxtseq, msp.nxtpdu);
  addToMsp(ctx, pass.st, msp, pass.offset, len, (pass.seq - msp.seq) | 0, more);
  if (whole) {
    msp.entireSegment = false;
    msp.nxtpdu = pass.nxtseq;
  }
  if (seqLt(msp.nxtpdu, pass.nxtseq) && seqLe(pass.seq, msp.nxtpdu) && len > 0)
    pass.anotherPduFollows = (msp.nxtpdu - pass.seq) | 0;
  if (wasComplete || !msp.complete) {
    markSegmentOf(msp, pass.offset, pass.offset + len);
    return false;
  }
  msp.reassembledIn = ctx.frameNumber;
  pass.calledDissector = dissectMsp(ctx, pass.dissector, msp, pass.rec, input.fin);
  if (!pass.calledDissector) return false;
  if (reopened(ctx, msp, len)) return pass.offset < input.end;
  pass.st.budget.forget(msp);
  msp.release();
  const s = ctx.stream;
  if (s.desegmentLength !== 0) {
    pass.mustDesegment = true;
    pass.desegOffset = input.end - (msp.datalen - s.desegmentOffset);
  }
  return false;
}

/** What follows the handing over: a new PDU, the segment note, the next PDU in the segment. */
function finishRound(ctx: FrameContext): boolean {
  const s = ctx.stream;
  if (pass.mustDesegment) startMsp(ctx);
  // Only for the segment's first PDU: after one was dissected, Wireshark keeps its columns (tshark 4.0
  // shows `Certificate`, not `Certificate [TCP segment of a reassembled PDU]`, when the next record starts).
  if ((!pass.calledDissector || s.desegmentLength !== 0) && s.desegmentOffset === 0 && !pass.protocolLocked) {
    ctx.setProtocol('TCP');
    ctx.appendInfo(ctx.info.length > 0 ? ` ${SEGMENT_NOTE}` : SEGMENT_NOTE);
  }
  if (pass.anotherPduFollows <= 0) return false;
  ctx.fenceInfo();
  pass.protocolLocked = true;
  pass.protocol = ctx.protocol;
  pass.offset += pass.anotherPduFollows;
  pass.seq = (pass.seq + pass.anotherPduFollows) | 0;
  return true;
}

/** One round of `desegment_tcp`'s loop; true to go again (another PDU follows in this segment). */
function round(ctx: FrameContext): boolean {
  const s = ctx.stream;
  pass.calledDissector = false;
  pass.mustDesegment = false;
  pass.anotherPduFollows = 0;
  pass.desegOffset = pass.offset;
  s.desegmentOffset = 0;
  s.desegmentLength = 0;
  const known = pass.flow.at(pass.seq);
  if (known && seqLe(pass.nxtseq, known.nxtpdu) && known.lastFrame !== ctx.frameNumber) {
    // Bytes of a PDU already seen: a retransmission adds nothing and is not dissected again.
    if (known.firstFrame === ctx.frameNumber) ctx.setInfo(SEGMENT_NOTE);
    return false;
  }
  const msp = pass.flow.atOrBefore((pass.seq - 1) | 0);
  if (msp && seqLe(msp.seq, pass.seq) && seqLt(pass.seq, msp.nxtpdu)) {
    if (continueMsp(ctx, msp)) return true;
  } else {
    dissectSegment(ctx, pass.dissector, pass.offset, pass.input.end, pass.input.fin, pass.seq, pass.rec);
    pass.calledDissector = true;
    if (s.desegmentLength !== 0) {
      pass.mustDesegment = true;
      pass.desegOffset = pass.offset + s.desegmentOffset;
    }
  }
  return finishRound(ctx);
}

/**
 * Reassembles and dissects one segment's payload for `dissector` (summary pass); records the outcome.
 * The Protocol column is held once a first PDU has set it, as Wireshark makes it read-only then.
 */
export function desegment(ctx: FrameContext, dissector: Dissector, input: SegmentInput): void {
  const st = ctx.state(REASSEMBLY_STATE);
  pass.st = st;
  pass.flow = st.flow(input.stream, input.direction);
  pass.dissector = dissector;
  pass.input = input;
  pass.rec = new FrameRecord();
  pass.nxtseq = (input.seq + (input.end - input.offset)) | 0;
  pass.offset = input.offset;
  pass.seq = input.seq;
  pass.protocolLocked = false;
  const entryInfo = ctx.info;
  ctx.stream.stream = input.stream;
  ctx.stream.direction = input.direction;
  // Each round consumes bytes or ends; the bound only guards against a dissector bug.
  for (let rounds = 0; rounds < 4096 && !ctx.stopped; rounds++) {
    const again = round(ctx);
    if (pass.protocolLocked) ctx.protocol = pass.protocol;
    if (!again) break;
  }
  keep(ctx, entryInfo);
}

/**
 * One PDU, the whole payload, handed over as it came, complete and without problems: replay can dissect it
 * again from its state alone (the same bytes, the same `pduState`, the same columns).
 */
function isDirect(ctx: FrameContext, rec: FrameRecord): boolean {
  const pdu = rec.pdus[0];
  return (
    pdu !== undefined &&
    rec.pdus.length === 1 &&
    rec.partOf.length === 0 &&
    rec.segmentDataStart < 0 &&
    !rec.lost &&
    pdu.pieces === null &&
    pdu.start === pass.input.offset &&
    pdu.end === pass.input.end &&
    !pdu.endOfStream &&
    pdu.dissector === pass.dissector &&
    (ctx.flags & (FrameFlag.Malformed | FrameFlag.Truncated)) === 0
  );
}

/** The outcome, as a one-byte mark when it is a plain middle segment or a direct PDU, else as a record. */
function keep(ctx: FrameContext, entryInfo: string): void {
  const rec = pass.rec;
  const msp = rec.partOf[0];
  const middle =
    msp !== undefined &&
    rec.partOf.length === 1 &&
    rec.pdus.length === 0 &&
    ctx.protocol === 'TCP' &&
    rec.segmentDataStart === pass.input.offset &&
    rec.segmentDataEnd === pass.input.end &&
    ctx.info === `${entryInfo} ${SEGMENT_NOTE}`;
  if (middle) {
    pass.st.mark(ctx.frameNumber, SegmentMark.Middle, msp);
    return;
  }
  if (isDirect(ctx, rec)) {
    const pdu = rec.pdus[0];
    pass.st.markDirect(ctx.frameNumber, {
      start: pass.input.offset,
      end: pass.input.end,
      state: pdu?.state ?? 0,
    });
    return;
  }
  rec.protocol = ctx.protocol;
  rec.info = ctx.info;
  rec.flags = ctx.flags & (FrameFlag.Malformed | FrameFlag.Truncated);
  pass.st.record(ctx.frameNumber, rec);
}
