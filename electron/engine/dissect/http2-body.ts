/**
 * DATA frames (RFC 9113 §6.1) and the body they carry: Wireshark 4.0 puts a stream's DATA together until
 * END_STREAM (`http2.reassemble_body`), then hands the body to the dissector of its media type, which adds
 * ` (text/html)` to Info and its layer to the tree (`…:http2:data-text-lines`).
 *
 * The summary pass keeps where each fragment is (frame, TCP PDU, offset, length) and the body's first bytes
 * (enough for the media dissectors' signature checks), not the body; the detail path reads the fragments
 * back (tcp-upper.ts `pduBytes`) and decodes a compressed body as HTTP/1 does.
 */
import { HTTP2 } from '../../../shared/fields/http2.js';
import type { FrameContext } from './context.js';
import { decodeContent } from './http-body.js';
import { mediaHandler } from './http-media.js';
import { addMediaLayer } from './http-tree.js';
import { Flag, unpadded, type FrameView } from './http2-frames.js';
import { BodyParts, HTTP2_STATE, recordKey, type BodyRecord } from './http2-state.js';
import { pduBytes } from './tcp-upper.js';
import { hexOf } from './tls-reader.js';

const F = HTTP2.fields;

export function dataFrame(ctx: FrameContext, v: FrameView): void {
  const part = unpadded(ctx, v);
  if (!part) return;
  const { start, end } = part;
  if (end > start) ctx.tree?.add(F.data, start, end, hexOf(ctx, start, end));
  const ended = (v.flags & Flag.EndStream) !== 0;
  const key = recordKey(ctx.frameNumber, ctx.stream.pduIndex, v.start);
  const state = ctx.state(HTTP2_STATE);
  let record: BodyRecord | null = null;
  if (v.conn) {
    record = collect(ctx, v, start, end, ended);
    if (record) state.keep(state.bodies, key, record);
  } else if (ended) record = state.bodies.get(key) ?? null;
  if (!record || record.length === 0 || record.contentType === '') return;
  ctx.appendInfo(mediaHandler(record.contentType, record.head).info(record.contentType, record.head));
  if (ctx.tree) addBody(ctx, record, start);
}

function side(ctx: FrameContext): 0 | 1 {
  return ctx.stream.direction === 0 ? 0 : 1;
}

/** Summary pass: the fragment goes into the stream's body; at END_STREAM the body's record. */
function collect(
  ctx: FrameContext,
  v: FrameView,
  start: number,
  end: number,
  ended: boolean,
): BodyRecord | null {
  const conn = v.conn;
  if (!conn) return null;
  const stream = conn.stream(v.stream);
  const s = side(ctx);
  const parts = (stream.body[s] ??= new BodyParts());
  const bytes = ctx.bytes.subarray(start, Math.min(end, ctx.capturedEnd));
  // Where the fragment is in its TCP PDU (what `pduBytes` gives back), not in the current buffer.
  if (bytes.length > 0)
    parts.add(ctx.frameNumber, ctx.stream.pduIndex, start - ctx.stream.bufferStart, bytes);
  if (!ended) return null;
  stream.body[s] = null;
  return {
    fragments: parts.fragments,
    length: parts.length,
    head: parts.head,
    contentType: stream.contentType[s],
    contentEncoding: stream.contentEncoding[s],
  };
}

/** The body's bytes from its fragments; null when one cannot be read back. */
function rebuildBody(ctx: FrameContext, record: BodyRecord): Uint8Array | null {
  const out = new Uint8Array(record.length);
  let at = 0;
  for (let i = 0; i < record.fragments.length; i += 4) {
    const [frame = 0, pdu = 0, offset = 0, length = 0] = record.fragments.slice(i, i + 4);
    const bytes = pduBytes(ctx, frame, pdu);
    if (!bytes || offset + length > bytes.length) return null;
    out.set(bytes.subarray(offset, offset + length), at);
    at += length;
  }
  return out.subarray(0, at);
}

function addBody(ctx: FrameContext, record: BodyRecord, start: number): void {
  const t = ctx.tree;
  if (!t) return;
  const count = record.fragments.length / 4;
  if (count > 1) {
    const list: string[] = [];
    for (let i = 0; i < record.fragments.length; i += 4)
      list.push(`#${record.fragments[i]}(${record.fragments[i + 3]})`);
    t.open(
      t.add(
        F.bodyFragments,
        start,
        start,
        null,
        `${count} Body fragments (${record.length} bytes): ${list.join(', ')}`,
      ),
    );
    t.add(F.bodyFragmentCount, start, start, count);
    t.add(F.bodyLength, start, start, record.length);
    t.close();
  }
  let body = rebuildBody(ctx, record);
  if (!body) {
    t.text(`[Body of ${record.length} bytes: its fragments cannot be read back]`, start, start);
    return;
  }
  const coding = record.contentEncoding;
  if (coding !== '' && coding !== 'identity') body = decodeContent(coding, body) ?? body;
  const name = `Reassembled body (${body.length} bytes)`;
  t.addSource(name, body);
  t.setSource(name, body.length);
  addMediaLayer(t, record.contentType, '', body, 0);
  t.setSource(ctx.sourceName, ctx.capturedEnd);
}
