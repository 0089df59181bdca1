/**
 * TCP payload for protocols that read a byte stream: which dissector claims a stream (port first, the
 * lower one as Wireshark tries it, then heuristics, after which the claim holds for the conversation),
 * and, on replay and the detail path, what the summary pass recorded for the frame: its columns, and the
 * PDUs to dissect again, a reassembled one rebuilt from the frames its pieces came from.
 */
import { formatBytes } from '../../../shared/fields/format.js';
import { TCP } from '../../../shared/fields/tcp.js';
import type { FrameContext, LaneState } from './context.js';
import type { Dissector } from './registry.js';
import { REASSEMBLED_SOURCE, SEGMENT_NOTE } from './tcp-pdu.js';
import { REASSEMBLY_STATE, SegmentMark, type FrameRecord, type PduRecord } from './tcp-records.js';
import { MAX_PDU_BUFFER } from './tcp-reassembly.js';
import { PLAIN_PDU_BASE, plainPduBytes } from './tls-plaintext.js';

const F = TCP.fields;

/** The stream dissector for this payload, or null (then the payload goes the usual way). Summary pass. */
export function claimStream(
  ctx: FrameContext,
  stream: number,
  lowPort: number,
  highPort: number,
  offset: number,
  end: number,
): Dissector | null {
  const st = ctx.state(REASSEMBLY_STATE);
  const claimed = st.claim(stream);
  if (claimed) return claimed;
  const byPort = ctx.registry.lookup('tcp.port', lowPort) ?? ctx.registry.lookup('tcp.port', highPort);
  if (byPort) {
    if (!byPort.stream) return null;
    st.setClaim(stream, byPort);
    return byPort;
  }
  for (const candidate of ctx.registry.heuristics('tcp.port')) {
    if (candidate.stream && candidate.heuristic?.test(ctx, offset, end)) {
      st.setClaim(stream, candidate);
      return candidate;
    }
  }
  return null;
}

/** Whether the stream's upper protocol waits for FIN (a response delimited by the connection closing). */
export function waitsForFin(ctx: FrameContext, stream: number, direction: number): Dissector | null {
  const st = ctx.state(REASSEMBLY_STATE);
  const claimed = st.claim(stream);
  return claimed && st.flow(stream, direction).untilFin ? claimed : null;
}

/** What the summary pass recorded for this frame's payload, if it went through reassembly. */
export function recordedPayload(ctx: FrameContext): FrameRecord | undefined {
  return ctx.state(REASSEMBLY_STATE).recordOf(ctx.frameNumber);
}

/** Whether the summary pass marked this frame as a keep-alive of a claimed stream. */
export function recordedKeepAlive(ctx: FrameContext): boolean {
  const mark = ctx.state(REASSEMBLY_STATE).markOf(ctx.frameNumber);
  return mark === SegmentMark.KeepAliveData || mark === SegmentMark.KeepAliveOverlap;
}

/**
 * Replay and details of a segment in the middle of a PDU: TCP's own Info and the segment note; in the
 * tree, its bytes as segment data and where the PDU was reassembled. False when the frame is not one.
 */
export function replayMiddle(ctx: FrameContext, start: number, stop: number): boolean {
  const st = ctx.state(REASSEMBLY_STATE);
  if (st.markOf(ctx.frameNumber) !== SegmentMark.Middle) return false;
  const t = ctx.tree;
  const reassembledIn = st.pduOf(ctx.frameNumber)?.reassembledIn ?? 0;
  if (t && reassembledIn > 0) t.add(F.reassembledIn, start, start, reassembledIn);
  const n = stop - start;
  t?.add(F.segmentData, start, stop, null, `TCP segment data (${n} byte${n === 1 ? '' : 's'})`);
  ctx.protocol = 'TCP';
  ctx.appendInfo(` ${SEGMENT_NOTE}`);
  return true;
}

/**
 * Replay and details of a `Direct` segment: its one PDU dissected again with the state the summary pass
 * left (its columns are what that dissection gives). False when the frame is not one.
 */
export function replayDirect(ctx: FrameContext, stream: number, start: number, stop: number): boolean {
  const st = ctx.state(REASSEMBLY_STATE);
  const direct = st.directOf(ctx.frameNumber);
  const dissector = st.claim(stream);
  if (!direct || !dissector) return false;
  const n = stop - start;
  ctx.tree?.add(F.payload, start, stop, null, `TCP payload (${n} byte${n === 1 ? '' : 's'})`);
  const s = ctx.stream;
  s.canDesegment = false;
  s.pduIndex = 0;
  s.pduState = direct.state;
  s.endOfStream = false;
  ctx.registry.call(ctx, dissector, start, stop);
  return true;
}

/** Replay and details: the recorded columns, and on the detail path the layers of each PDU. */
export function replayPayload(ctx: FrameContext, rec: FrameRecord, start: number, stop: number): void {
  if (ctx.tree) detailPayload(ctx, rec, start, stop);
  ctx.protocol = rec.protocol;
  ctx.info = rec.info;
  ctx.flags |= rec.flags;
}

/** The frame being dissected (its own bytes are at hand), for reading PDUs back. */
export interface CurrentFrame {
  readonly number: number;
  readonly data: Uint8Array;
}

/** A frame's bytes: the current one's own, an earlier one read back (from the spool), or undefined. */
function frameBytesOf(lane: LaneState, current: CurrentFrame | null, frame: number): Uint8Array | undefined {
  return current && frame === current.number ? current.data : (lane.frameBytes?.(frame) ?? undefined);
}

/**
 * The bytes of the `index`th PDU the summary pass recorded for `frame` (a segment's own bytes, or a PDU
 * rebuilt from its pieces); null when there is no such PDU or a frame cannot be read back. Protocols above
 * (HTTP/2 bodies; TLS records, for decryption) read bytes of earlier frames with it.
 */
export function pduBytesOf(
  lane: LaneState,
  frame: number,
  index: number,
  current: CurrentFrame | null = null,
): Uint8Array | null {
  if (index >= PLAIN_PDU_BASE) return plainPduBytes(lane, frame, index, current);
  const st = lane.get(REASSEMBLY_STATE);
  const direct = st.directOf(frame);
  if (direct)
    return index === 0
      ? (frameBytesOf(lane, current, frame)?.subarray(direct.start, direct.end) ?? null)
      : null;
  const pdu = st.recordOf(frame)?.pdus[index];
  if (!pdu) return null;
  if (pdu.pieces) return rebuild(lane, current, pdu);
  return frameBytesOf(lane, current, frame)?.subarray(pdu.start, pdu.end) ?? null;
}

/** `pduBytesOf` from within a dissection. */
export function pduBytes(ctx: FrameContext, frame: number, index: number): Uint8Array | null {
  return pduBytesOf(ctx.lane, frame, index, { number: ctx.frameNumber, data: ctx.frameData });
}

/** A PDU's bytes, rebuilt from its pieces; null when a frame cannot be read back. */
function rebuild(lane: LaneState, current: CurrentFrame | null, pdu: PduRecord): Uint8Array | null {
  const pieces = pdu.pieces;
  if (!pieces) return null;
  const out = new Uint8Array(Math.min(pdu.length, MAX_PDU_BUFFER));
  // Last piece first, so that where pieces overlap the first copy is what remains (as it was reassembled).
  for (let i = pieces.count - 1; i >= 0; i--) {
    const [frame = 0, frameOffset = 0, pduOffset = 0, length = 0] = pieces.data.subarray(4 * i, 4 * i + 4);
    if (pduOffset >= out.length) continue;
    const bytes = frameBytesOf(lane, current, frame);
    if (!bytes) return null;
    const take = Math.min(length, out.length - pduOffset, bytes.length - frameOffset);
    if (take > 0) out.set(bytes.subarray(frameOffset, frameOffset + take), pduOffset);
  }
  return out;
}

/** `[2 Reassembled TCP Segments (1234 bytes): #17(688), #18(546)]` and its lines. */
function addSegmentsTree(ctx: FrameContext, pdu: PduRecord, bytes: Uint8Array | null): void {
  const t = ctx.tree;
  const pieces = pdu.pieces;
  if (!t || !pieces) return;
  const parts: string[] = [];
  for (let i = 0; i < pieces.count; i++) parts.push(`#${pieces.data[4 * i]}(${pieces.data[4 * i + 3]})`);
  const title = `[${pieces.count} Reassembled TCP Segments (${pdu.length} bytes): ${parts.join(', ')}]`;
  t.open(t.add(F.segments, 0, 0, null, title));
  for (let i = 0; i < pieces.count; i++) {
    const [frame = 0, , pduOffset = 0, length = 0] = pieces.data.subarray(4 * i, 4 * i + 4);
    const line = `[Frame: ${frame}, payload: ${pduOffset}-${pduOffset + length - 1} (${length} byte${length === 1 ? '' : 's'})]`;
    t.add(F.segment, 0, 0, frame, line);
  }
  t.add(F.segmentCount, 0, 0, pieces.count);
  t.add(F.reassembledLength, 0, 0, pdu.length);
  if (bytes)
    t.add(F.reassembledData, 0, 0, formatBytes(bytes), `[Reassembled TCP Data: ${formatBytes(bytes)}]`);
  t.close();
}

/** TCP's own lines about the payload, then each recorded PDU dissected again. */
function detailPayload(ctx: FrameContext, rec: FrameRecord, start: number, stop: number): void {
  const t = ctx.tree;
  if (!t) return;
  for (const msp of rec.partOf)
    if (msp.reassembledIn > 0) t.add(F.reassembledIn, start, start, msp.reassembledIn);
  if (rec.segmentDataStart >= 0) {
    const n = rec.segmentDataEnd - rec.segmentDataStart;
    t.add(
      F.segmentData,
      rec.segmentDataStart,
      rec.segmentDataEnd,
      null,
      `TCP segment data (${n} byte${n === 1 ? '' : 's'})`,
    );
  } else if (stop > start) {
    t.add(F.payload, start, stop, null, `TCP payload (${stop - start} byte${stop - start === 1 ? '' : 's'})`);
  }
  const current = { number: ctx.frameNumber, data: ctx.frameData };
  const buffers = rec.pdus.map((pdu) => (pdu.pieces ? rebuild(ctx.lane, current, pdu) : null));
  rec.pdus.forEach((pdu, i) => addSegmentsTree(ctx, pdu, buffers[i] ?? null));
  rec.pdus.forEach((pdu, i) => dissectRecorded(ctx, pdu, buffers[i] ?? null, i));
}

function dissectRecorded(ctx: FrameContext, pdu: PduRecord, bytes: Uint8Array | null, index: number): void {
  const s = ctx.stream;
  s.canDesegment = false;
  s.pduIndex = index;
  s.pduState = pdu.state;
  s.endOfStream = pdu.endOfStream;
  if (!pdu.pieces) {
    ctx.registry.call(ctx, pdu.dissector, pdu.start, pdu.end);
    return;
  }
  if (!bytes) {
    ctx.tree?.text(
      `[Reassembled PDU of ${pdu.length} bytes: its earlier segments cannot be read back]`,
      0,
      0,
    );
    return;
  }
  const name = `${REASSEMBLED_SOURCE} (${pdu.length} bytes)${index > 0 ? ` #${index + 1}` : ''}`;
  ctx.tree?.addSource(name, bytes);
  const saved = ctx.enterSource(bytes, pdu.length, name);
  ctx.registry.call(ctx, pdu.dissector, 0, pdu.length);
  ctx.leaveSource(saved);
}
