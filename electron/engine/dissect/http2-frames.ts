/**
 * One HTTP/2 frame (RFC 9113 §4.1, §6): the 9-byte header, then the payload by type.
 *
 *   DATA           [Pad Length(8)] Data* Padding*                       flags: END_STREAM 0x1, PADDED 0x8
 *   HEADERS        [Pad Length(8)] [E(1) Stream Dependency(31) Weight(8)] Field Block Fragment* Padding*
 *                                           flags: END_STREAM 0x1, END_HEADERS 0x4, PADDED 0x8, PRIORITY 0x20
 *   PRIORITY       E(1) Stream Dependency(31) Weight(8)
 *   RST_STREAM     Error Code(32)                  SETTINGS      (Identifier(16) Value(32))*   ACK 0x1
 *   PUSH_PROMISE   [Pad Length(8)] R(1) Promised Stream ID(31) Field Block Fragment* Padding*
 *   PING           Opaque Data(64)   ACK 0x1       GOAWAY        R(1) Last-Stream-ID(31) Error Code(32) Debug*
 *   WINDOW_UPDATE  R(1) Window Size Increment(31)  CONTINUATION  Field Block Fragment*   END_HEADERS 0x4
 */
import { HTTP2, HTTP2_SETTINGS } from '../../../shared/fields/http2.js';
import type { FieldDef } from '../../../shared/fields/types.js';
import type { FrameContext } from './context.js';
import { frameName } from './http2.js';
import { dataFrame } from './http2-body.js';
import { headerBlock } from './http2-headers.js';
import type { Http2Connection } from './http2-state.js';
import { hexOf } from './tls-reader.js';
import type { MutableField } from './tree.js';

const F = HTTP2.fields;
export const FRAME_HEADER = 9;

export const Flag = { EndStream: 0x1, Ack: 0x1, EndHeaders: 0x4, Padded: 0x8, Priority: 0x20 } as const;

/** What the frame handlers need of the frame being read. */
export interface FrameView {
  conn: Http2Connection | null;
  type: number;
  flags: number;
  stream: number;
  /** The frame's header, payload start and end (`end` may stop short of the declared length when cut). */
  start: number;
  payload: number;
  end: number;
  /** The tree node of the frame ("Stream: HEADERS, Stream ID: 1, …"), on the detail path. */
  node: MutableField | null;
}

const view: FrameView = {
  conn: null,
  type: 0,
  flags: 0,
  stream: 0,
  start: 0,
  payload: 0,
  end: 0,
  node: null,
};

function header(ctx: FrameContext, v: FrameView, length: number, first: boolean): void {
  const t = ctx.tree;
  if (!t) return;
  t.begin(HTTP2.protocol, HTTP2.protocol.name, v.start, v.end, first);
  v.node = t.text(`Stream: ${frameName(v.type)}, Stream ID: ${v.stream}, Length ${length}`, v.start, v.end);
  t.open(v.node);
  t.add(F.length, v.start, v.start + 3, length);
  t.add(F.type, v.start + 3, v.start + 4, v.type);
  t.add(
    F.flags,
    v.start + 4,
    v.start + 5,
    v.flags,
    `Flags: 0x${v.flags.toString(16).padStart(2, '0')}${flagNames(v)}`,
  );
  t.add(F.reserved, v.start + 5, v.start + 9, ctx.u8(v.start + 5) >>> 7);
  t.add(F.streamId, v.start + 5, v.start + 9, v.stream);
}

function flagNames(v: FrameView): string {
  const names: string[] = [];
  if ((v.type === 0 || v.type === 1) && v.flags & Flag.EndStream) names.push('End Stream');
  if ((v.type === 1 || v.type === 5 || v.type === 9) && v.flags & Flag.EndHeaders) names.push('End Headers');
  if ((v.type === 0 || v.type === 1 || v.type === 5) && v.flags & Flag.Padded) names.push('Padded');
  if (v.type === 1 && v.flags & Flag.Priority) names.push('Priority');
  if ((v.type === 4 || v.type === 6) && v.flags & Flag.Ack) names.push('ACK');
  return names.length > 0 ? `, ${names.join(', ')}` : '';
}

/** The frame at `start`, cut at `end`. */
export function dissectFrame(
  ctx: FrameContext,
  conn: Http2Connection | null,
  start: number,
  end: number,
  first: boolean,
): void {
  const length = (ctx.u8(start) << 16) | ctx.u16(start + 1);
  const v = view;
  v.conn = conn;
  v.type = ctx.u8(start + 3);
  v.flags = ctx.u8(start + 4);
  v.stream = ctx.u32(start + 5) & 0x7fffffff;
  v.start = start;
  v.payload = start + FRAME_HEADER;
  v.end = end;
  v.node = null;
  ctx.appendSep(`${frameName(v.type)}[${v.stream}]`);
  header(ctx, v, length, first);
  payload(ctx, v);
  if (ctx.tree) ctx.tree.close();
}

function payload(ctx: FrameContext, v: FrameView): void {
  switch (v.type) {
    case 0:
      return dataFrame(ctx, v);
    case 1:
    case 5:
    case 9:
      return headerBlock(ctx, v);
    case 2:
      priority(ctx, v.payload, v.end);
      return;
    case 3:
      return errorCode(ctx, v.payload, v.end, F.rstError);
    case 4:
      return settings(ctx, v);
    case 6:
      if (ctx.need('http2', v.payload, 8, v.end))
        ctx.tree?.add(
          v.flags & Flag.Ack ? F.pong : F.ping,
          v.payload,
          v.payload + 8,
          hexOf(ctx, v.payload, v.payload + 8),
        );
      return;
    case 7:
      return goaway(ctx, v);
    case 8:
      if (ctx.need('http2', v.payload, 4, v.end))
        ctx.tree?.add(F.windowIncrement, v.payload, v.payload + 4, ctx.u32(v.payload) & 0x7fffffff);
      return;
    default:
      if (v.end > v.payload) ctx.tree?.add(F.unknown, v.payload, v.end, hexOf(ctx, v.payload, v.end));
  }
}

/** The priority fields at `p` (in PRIORITY, and HEADERS with the PRIORITY flag); false when cut. */
export function priority(ctx: FrameContext, p: number, end: number): boolean {
  if (!ctx.need('http2', p, 5, end)) return false;
  const t = ctx.tree;
  if (!t) return true;
  const word = ctx.u32(p);
  t.add(F.exclusive, p, p + 4, word >>> 31 === 1);
  t.add(F.dependency, p, p + 4, word & 0x7fffffff);
  t.add(F.weight, p + 4, p + 5, ctx.u8(p + 4));
  t.add(F.weightReal, p + 4, p + 5, ctx.u8(p + 4) + 1);
  return true;
}

function errorCode(ctx: FrameContext, p: number, end: number, def: typeof F.rstError): void {
  if (ctx.need('http2', p, 4, end)) ctx.tree?.add(def, p, p + 4, ctx.u32(p));
}

function settings(ctx: FrameContext, v: FrameView): void {
  const t = ctx.tree;
  for (let p = v.payload; p + 6 <= v.end; p += 6) {
    if (!ctx.need('http2', p, 6, v.end)) return;
    const id = ctx.u16(p);
    const value = ctx.u32(p + 2);
    if (!t) continue;
    const known = HTTP2_SETTINGS[id];
    t.open(t.add(F.settings, p, p + 6, null, `Settings - ${known?.[0] ?? 'Unknown'} : ${value}`));
    t.add(F.settingsId, p, p + 2, id);
    const def = known
      ? (HTTP2.fields as Readonly<Record<string, FieldDef>>)[`setting:${known[1]}`]
      : undefined;
    t.add(def ?? F.settingsValue, p + 2, p + 6, value);
    t.close();
  }
}

function goaway(ctx: FrameContext, v: FrameView): void {
  if (!ctx.need('http2', v.payload, 8, v.end)) return;
  const t = ctx.tree;
  if (!t) return;
  t.add(F.goawayLastStream, v.payload, v.payload + 4, ctx.u32(v.payload) & 0x7fffffff);
  t.add(F.goawayError, v.payload + 4, v.payload + 8, ctx.u32(v.payload + 4));
  if (v.end > v.payload + 8) t.add(F.goawayData, v.payload + 8, v.end, hexOf(ctx, v.payload + 8, v.end));
}

/** `[start, end)` of a frame's payload less its padding (PADDED: a length byte first, padding last). */
export function unpadded(ctx: FrameContext, v: FrameView): { start: number; end: number } | null {
  if ((v.flags & Flag.Padded) === 0) return { start: v.payload, end: v.end };
  if (!ctx.need('http2', v.payload, 1, v.end)) return null;
  const pad = ctx.u8(v.payload);
  ctx.tree?.add(F.padLength, v.payload, v.payload + 1, pad);
  const end = v.end - pad;
  if (end < v.payload + 1) {
    ctx.problem(
      'malformed',
      'http2',
      `padding of ${pad} bytes is longer than the frame`,
      v.payload,
      v.payload + 1,
    );
    return null;
  }
  if (pad > 0) ctx.tree?.add(F.padding, end, v.end, hexOf(ctx, end, v.end));
  return { start: v.payload + 1, end };
}
