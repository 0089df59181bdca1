/**
 * Decrypted application data handed to the protocol inside TLS: HTTP/2 when ALPN chose `h2`, HTTP/1.x when
 * it chose `http/1.1` or the server's port is an HTTP-over-TLS port; otherwise it stays Application Data.
 * Like TCP below it, the bytes a dissector could not finish wait for the next record of that side
 * (tls-plain-stream.ts); a record that only fed an unfinished PDU says `[TLS segment of a reassembled PDU]`.
 *
 * On the detail path (and when the summary pass dissects a record again) the recorded calls are replayed:
 * their bytes are rebuilt by decrypting the records they came from, so no plaintext is kept.
 */
import type { FrameContext, LaneState } from './context.js';
import type { Dissector } from './registry.js';
import { decryptRecord, type SessionDecryption } from './tls-decrypt.js';
import { PlainMark, type PlainStream } from './tls-plain-stream.js';
import { DESEGMENT_UNTIL_FIN } from './stream-info.js';
import { MAX_INDEXED_RECORDS, TLS_STATE, type TlsSession, type TlsSide } from './tls-session.js';
import { pduBytesOf, type CurrentFrame } from './tcp-upper.js';
import type { TlsCall } from './tls-call.js';

export const SEGMENT_NOTE = '[TLS segment of a reassembled PDU]';
export const DECRYPTED_SOURCE = 'Decrypted TLS';
const REASSEMBLED_SOURCE = 'Reassembled TLS';

/**
 * PDU numbers of decrypted calls, above any TCP hands out: protocols above key what they record by
 * (frame, pdu, offset) and read bodies back with `pduBytesOf`, which sends these here.
 */
export const PLAIN_PDU_BASE = 1 << 24;

export function plainPduIndex(side: TlsSide, record: number): number {
  return PLAIN_PDU_BASE + side * MAX_INDEXED_RECORDS + record;
}

/**
 * The protocol inside (summary pass, until one is found): what ALPN chose; else the server's port
 * (Wireshark's `http.tls.port`); else the heuristics Wireshark runs on TLS payload (`http_tls`, `http2_tls`):
 * the HTTP/2 preface, an HTTP/1.x request or status line.
 */
function chooseUpper(ctx: FrameContext, session: TlsSession, plain: Uint8Array): string | null {
  const alpn = session.alpn;
  if (alpn === 'h2' || alpn?.startsWith('h2-')) return 'http2';
  if (alpn === 'http/1.1' || alpn === 'http/1.0') return 'http';
  const s = ctx.stream;
  if (alpn === null && (HTTP_TLS_PORTS.has(s.srcPort) || HTTP_TLS_PORTS.has(s.dstPort))) return 'http';
  const head = new TextDecoder('latin1').decode(plain.subarray(0, 24));
  if (head.startsWith('PRI * HTTP/2.0')) return 'http2';
  if (
    /^(HTTP\/1\.[01] \d{3}|[A-Z]{3,10} \S+ HTTP\/1\.[01]\r?\n?)/.test(head) ||
    /^[A-Z]{3,10} \/\S* HTTP\/1/.test(head)
  )
    return 'http';
  return null;
}

/** Ports Wireshark 4.0 gives HTTP inside TLS (`http.tls.port`). */
const HTTP_TLS_PORTS = new Set([443]);

/** The decrypted application data of record `index` (its plaintext is the current source). */
export function decryptedApplicationData(
  ctx: FrameContext,
  call: TlsCall,
  session: TlsSession,
  d: SessionDecryption,
  index: number,
  plain: Uint8Array,
): void {
  if (d.upper === null && !ctx.detail) d.upper = chooseUpper(ctx, session, plain);
  const upper = d.upper ? (ctx.registry.dissector(d.upper) ?? null) : null;
  if (!upper) return;
  const stream = d.plain[call.side];
  if (!ctx.detail && index >= stream.fed) feed(ctx, call, stream, upper, index, plain);
  else replay(ctx, call, session, d, upper, index, plain);
}

/** The StreamInfo fields a call changes, put back afterwards (TCP reads TLS's own request from them). */
function withStream(ctx: FrameContext, body: () => void): void {
  const saved = ctx.stream.saveCall();
  try {
    body();
  } finally {
    ctx.stream.restoreCall(saved);
  }
}

function setUpCall(
  ctx: FrameContext,
  side: TlsSide,
  index: number,
  canDesegment: boolean,
  state: number,
): void {
  const s = ctx.stream;
  s.canDesegment = canDesegment;
  s.seq = -1;
  s.bufferStart = 0;
  s.pduIndex = plainPduIndex(side, index);
  s.pduState = state;
  s.desegmentOffset = 0;
  s.desegmentLength = 0;
  s.endOfStream = false;
  s.leaveAsPayload = false;
}

/** Summary pass: pending bytes and this record's go to the protocol above; what it leaves waits. */
function feed(
  ctx: FrameContext,
  call: TlsCall,
  stream: PlainStream,
  upper: Dissector,
  index: number,
  plain: Uint8Array,
): void {
  stream.fed = index + 1;
  if (stream.stillShort(plain)) {
    stream.wait(index, plain);
    stream.mark(index, PlainMark.Segment);
    segmentNote(ctx);
    return;
  }
  const { bytes, pieces } = stream.join(index, plain);
  let consumed = bytes.length;
  let missing = 0;
  let state = 0;
  const protocol = ctx.protocol;
  withStream(ctx, () => {
    setUpCall(ctx, call.side, index, true, 0);
    const saved = bytes === plain ? null : ctx.enterSource(bytes, bytes.length, REASSEMBLED_SOURCE);
    const took = ctx.registry.call(ctx, upper, 0, bytes.length);
    if (saved) ctx.leaveSource(saved);
    const s = ctx.stream;
    if (took && s.desegmentLength !== 0) {
      consumed = Math.max(0, Math.min(s.desegmentOffset, bytes.length));
      // A count, not one of the DESEGMENT_* requests (more of unknown length, until FIN).
      if (s.desegmentLength < DESEGMENT_UNTIL_FIN) missing = s.desegmentLength;
    }
    state = s.pduState;
  });
  stream.keep(bytes, pieces, consumed, missing);
  if (consumed === 0) {
    stream.mark(index, PlainMark.Segment);
    ctx.protocol = protocol;
    segmentNote(ctx);
  } else if (consumed === bytes.length && bytes === plain && state === 0) {
    stream.mark(index, PlainMark.Whole);
  } else {
    stream.mark(index, PlainMark.Recorded);
    stream.calls.set(index, { pieces: slicePiecesTo(pieces, consumed), length: consumed, state });
  }
}

function slicePiecesTo(pieces: readonly number[], length: number): number[] {
  const out: number[] = [];
  let at = 0;
  for (let i = 0; i + 2 < pieces.length && at < length; i += 3) {
    const start = pieces[i + 1] ?? 0;
    const end = Math.min(pieces[i + 2] ?? 0, start + length - at);
    out.push(pieces[i] ?? 0, start, end);
    at += end - start;
  }
  return out;
}

function segmentNote(ctx: FrameContext): void {
  ctx.setInfo(SEGMENT_NOTE);
  ctx.fenceInfo();
  ctx.protocolLocked = true;
}

/** Detail path (or a record dissected again): the call the summary pass made for the record, if any. */
function replay(
  ctx: FrameContext,
  call: TlsCall,
  session: TlsSession,
  d: SessionDecryption,
  upper: Dissector,
  index: number,
  plain: Uint8Array,
): void {
  const stream = d.plain[call.side];
  const mark = stream.markOf(index);
  if (mark === PlainMark.Segment) {
    ctx.tree?.text(`${SEGMENT_NOTE}`, 0, plain.length);
    segmentNote(ctx);
    return;
  }
  if (mark === PlainMark.None) return;
  const recorded = mark === PlainMark.Recorded ? stream.calls.get(index) : undefined;
  const current = { number: ctx.frameNumber, data: ctx.frameData };
  const bytes = recorded
    ? rebuild(ctx.lane, session, d, call.side, recorded.pieces, recorded.length, index, plain, current)
    : plain;
  withStream(ctx, () => {
    setUpCall(ctx, call.side, index, false, recorded?.state ?? 0);
    if (!bytes) {
      ctx.tree?.text('[Decrypted PDU: its earlier records cannot be read back]', 0, 0);
      return;
    }
    const name = `${REASSEMBLED_SOURCE} (${bytes.length} bytes)`;
    const own = bytes === plain;
    if (!own) ctx.tree?.addSource(name, bytes);
    const saved = own ? null : ctx.enterSource(bytes, bytes.length, name);
    ctx.registry.call(ctx, upper, 0, bytes.length);
    if (saved) ctx.leaveSource(saved);
  });
}

/** A call's bytes from its pieces, each record decrypted again (the current one's plaintext is at hand). */
function rebuild(
  lane: LaneState,
  session: TlsSession,
  d: SessionDecryption,
  side: TlsSide,
  pieces: readonly number[],
  length: number,
  currentRecord: number,
  currentPlain: Uint8Array | null,
  current: CurrentFrame | null,
): Uint8Array | null {
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i + 2 < pieces.length; i += 3) {
    const record = pieces[i] ?? 0;
    const start = pieces[i + 1] ?? 0;
    const end = pieces[i + 2] ?? 0;
    const plain =
      record === currentRecord && currentPlain
        ? currentPlain
        : recordPlaintext(lane, session, d, side, record, current);
    if (!plain || end > plain.length) return null;
    out.set(plain.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

/** Record `index` of a side decrypted again, read back from the frame that carried it. */
function recordPlaintext(
  lane: LaneState,
  session: TlsSession,
  d: SessionDecryption,
  side: TlsSide,
  index: number,
  current: CurrentFrame | null,
): Uint8Array | null {
  const records = session.records(side);
  if (index >= records.count) return null;
  const ref = records.get(index);
  const pdu = pduBytesOf(lane, ref.frame, ref.pdu, current);
  if (!pdu || ref.offset + 5 + ref.length > pdu.length) return null;
  const version = ((pdu[ref.offset + 1] ?? 0) << 8) | (pdu[ref.offset + 2] ?? 0);
  const fragment = pdu.subarray(ref.offset + 5, ref.offset + 5 + ref.length);
  return decryptRecord(d, side, index, ref.contentType, version, fragment, false, ref.frame)?.bytes ?? null;
}

/**
 * The bytes of a decrypted call (`pduBytesOf` for PDU numbers from `plainPduIndex`): HTTP/2 reads a body's
 * fragments back with it. Null when it cannot be rebuilt.
 */
export function plainPduBytes(
  lane: LaneState,
  frame: number,
  pdu: number,
  current: CurrentFrame | null,
): Uint8Array | null {
  const n = pdu - PLAIN_PDU_BASE;
  const side: TlsSide = n >= MAX_INDEXED_RECORDS ? 1 : 0;
  const index = n - side * MAX_INDEXED_RECORDS;
  for (const session of lane.get(TLS_STATE).byStream.values()) {
    const d = session.decryption;
    if (!d || frame < session.firstFrame || frame > session.lastFrame) continue;
    const records = session.records(side);
    if (index >= records.count || records.get(index).frame !== frame) continue;
    const stream = d.plain[side];
    const mark = stream.markOf(index);
    if (mark === PlainMark.Whole) return recordPlaintext(lane, session, d, side, index, current);
    const recorded = stream.calls.get(index);
    if (mark === PlainMark.Recorded && recorded)
      return rebuild(lane, session, d, side, recorded.pieces, recorded.length, -1, null, current);
    return null;
  }
  return null;
}
