/**
 * HTTP/2 (RFC 9113) on a byte stream: the client's connection preface, then frames.
 *
 *   +-----------------------------------------------+
 *   |                 Length (24)                   |
 *   +---------------+---------------+---------------+
 *   |   Type (8)    |   Flags (8)   |
 *   +-+-------------+---------------+-------------------------------+
 *   |R|                 Stream Identifier (31)                      |
 *   +=+=============================================================+
 *   |                   Frame Payload (0...)                      ...
 *   +---------------------------------------------------------------+
 *
 * As Wireshark 4.0 reaches it on cleartext TCP: through HTTP/1.x (after `PRI * HTTP/2.0` or a
 * `101 Switching Protocols` to h2c; `frame.protocols` then reads `…:http:http2`), frames cut by a segment's
 * end asking TCP for the rest (its `tcp_dissect_pdus`). Decrypted TLS (issue 8) hands the plaintext stream
 * here the same way, through `dissectHttp2`. Info lists `TYPE[stream]` per frame, separated by commas, with
 * what the headers say (`HEADERS[1]: GET /index.html`, `HEADERS[1]: 200 OK`) and a body's media type when
 * its stream ends (`DATA[1] (text/plain)`). Each frame gets a tree of its own; the layer is in
 * `frame.protocols` once per call.
 */
import { HTTP2, HTTP2_FRAME_TYPES } from '../../../shared/fields/http2.js';
import type { FrameContext } from './context.js';
import { dissectFrame, FRAME_HEADER } from './http2-frames.js';
import { HTTP2_STATE, type Http2Connection } from './http2-state.js';
import type { Dissector } from './registry.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from './stream-info.js';

/** RFC 9113 §3.4: the client connection preface. */
export const HTTP2_PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';

/** `PRI * HTTP/2.0`: the preface's first line, enough to tell it from an HTTP/1.x request. */
const PREFACE_LINE = 14;

/** Whether `[p, end)` starts with the preface (when `partial`, its first line will do: the rest may follow). */
export function startsWithPreface(ctx: FrameContext, p: number, end: number, partial = false): boolean {
  const n = Math.min(HTTP2_PREFACE.length, Math.min(end, ctx.capturedEnd) - p);
  if (n < (partial ? PREFACE_LINE : HTTP2_PREFACE.length)) return false;
  for (let i = 0; i < n; i++) if (ctx.u8(p + i) !== HTTP2_PREFACE.charCodeAt(i)) return false;
  return true;
}

/** Asks TCP for `missing` more bytes from `p` (offsets count from the bytes TCP handed over). */
function needMore(ctx: FrameContext, p: number, missing: number): boolean {
  const s = ctx.stream;
  if (!s.canDesegment) return false;
  s.desegmentOffset = p - s.bufferStart;
  s.desegmentLength = missing;
  return true;
}

export function frameName(type: number): string {
  return HTTP2_FRAME_TYPES[type] ?? `Unknown type (${type})`;
}

function magic(ctx: FrameContext, p: number, first: boolean): void {
  ctx.appendSep('Magic');
  const t = ctx.tree;
  if (!t) return;
  t.begin(HTTP2.protocol, HTTP2.protocol.name, p, p + HTTP2_PREFACE.length, first);
  t.open(t.text('Stream: Magic', p, p + HTTP2_PREFACE.length));
  t.add(
    HTTP2.fields.magic,
    p,
    p + HTTP2_PREFACE.length,
    HTTP2_PREFACE,
    'Magic: PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n',
  );
  t.close();
}

/** The frames in `[offset, end)`; the bytes of an unfinished one are asked for. */
export function dissectHttp2(ctx: FrameContext, offset: number, end: number): void {
  const conn: Http2Connection | null = ctx.detail
    ? null
    : ctx.state(HTTP2_STATE).connection(ctx.stream.stream);
  ctx.setInfo('');
  let first = true;
  let p = offset;
  if (startsWithPreface(ctx, p, end, true)) {
    if (end - p < HTTP2_PREFACE.length && needMore(ctx, p, HTTP2_PREFACE.length - (end - p))) return;
    ctx.setProtocol(HTTP2.protocol.short);
    magic(ctx, p, first);
    first = false;
    p += HTTP2_PREFACE.length;
  }
  while (p < end && !ctx.stopped) {
    const remaining = end - p;
    if (remaining < FRAME_HEADER && needMore(ctx, p, DESEGMENT_ONE_MORE_SEGMENT)) return;
    if (!ctx.need('http2', p, FRAME_HEADER, end)) return;
    const total = FRAME_HEADER + ((ctx.u8(p) << 16) | ctx.u16(p + 1));
    if (remaining < total && needMore(ctx, p, total - remaining)) return;
    ctx.setProtocol(HTTP2.protocol.short);
    dissectFrame(ctx, conn, p, Math.min(p + total, end), first);
    first = false;
    ctx.fenceInfo();
    p += total;
  }
}

/** Reached from HTTP/1.x (see http.ts), and by id from decrypted TLS; never by port. */
export const http2Dissector: Dissector = {
  id: 'http2',
  bindings: [],
  dissect: dissectHttp2,
};
