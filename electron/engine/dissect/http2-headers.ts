/**
 * Field blocks of HEADERS, PUSH_PROMISE and CONTINUATION frames (RFC 9113 §4.3, §6.2, §6.6, §6.10): put
 * together when they span frames, decoded with the sending side's HPACK state (hpack.ts) on the summary
 * pass, which records the decoded fields for the detail path. Info gets what Wireshark adds:
 * `: 200 OK` for a `:status`, `: GET /path` for `:method` and `:path`; the stream keeps its content type and
 * coding for its DATA.
 */
import { HTTP2, HTTP2_HEADER_FIELDS } from '../../../shared/fields/http2.js';
import { HTTP_STATUS } from '../../../shared/fields/http.js';
import type { FrameContext } from './context.js';
import { Flag, priority, unpadded, type FrameView } from './http2-frames.js';
import { HTTP2_STATE, MAX_BLOCK, recordKey, type BlockRecord, type Http2Connection } from './http2-state.js';
import { Representation, type HpackField } from './hpack.js';
import { hexOf } from './tls-reader.js';

const F = HTTP2.fields;

/** A HEADERS, PUSH_PROMISE or CONTINUATION frame's payload. */
export function headerBlock(ctx: FrameContext, v: FrameView): void {
  const part = unpadded(ctx, v);
  if (!part) return;
  let start = part.start;
  if (v.type === 1 && v.flags & Flag.Priority) {
    if (!priority(ctx, start, part.end)) return;
    start += 5;
  }
  if (v.type === 5) {
    if (!ctx.need('http2', start, 4, part.end)) return;
    ctx.tree?.add(F.promisedStream, start, start + 4, ctx.u32(start) & 0x7fffffff);
    start += 4;
  }
  const def = v.type === 1 ? F.headerBlock : v.type === 5 ? F.pushPromiseBlock : F.continuationBlock;
  if (part.end > start) ctx.tree?.add(def, start, part.end, hexOf(ctx, start, part.end));
  const key = recordKey(ctx.frameNumber, ctx.stream.pduIndex, v.start);
  const state = ctx.state(HTTP2_STATE);
  const record = v.conn ? decodeBlock(ctx, v, v.conn, start, part.end) : (state.blocks.get(key) ?? null);
  if (!record) return;
  if (v.conn) state.keep(state.blocks, key, record);
  describe(ctx, v, record);
  if (ctx.tree) addFields(ctx, record, start);
}

/**
 * Summary pass: the fields this frame's fragment completes, decoded with the sending side's table; a
 * representation cut at the fragment's end waits for the CONTINUATION (nghttp2's streaming inflation, which
 * is why Wireshark puts `: GET /` on the HEADERS frame when the CONTINUATION only adds `:authority`).
 */
function decodeBlock(
  ctx: FrameContext,
  v: FrameView,
  conn: Http2Connection,
  start: number,
  end: number,
): BlockRecord | null {
  const side = conn.directions[ctx.stream.direction === 0 ? 0 : 1];
  const fragment = ctx.bytes.subarray(start, Math.min(end, ctx.capturedEnd));
  const endHeaders = (v.flags & Flag.EndHeaders) !== 0;
  if (v.type === 9 && side.pending?.stream !== v.stream) {
    ctx.problem('malformed', 'http2', 'CONTINUATION without a header block to continue', v.start, v.end);
    return null;
  }
  const carry = v.type === 9 ? (side.pending?.carry ?? EMPTY) : EMPTY;
  const block = carry.length === 0 ? fragment : concat(carry, fragment);
  const fields: HpackField[] = [];
  let error = side.hpack.decode(block, 0, block.length, fields);
  side.pending = endHeaders ? null : { stream: v.stream, carry: EMPTY };
  if (error?.kind === 'truncated' && !endHeaders && block.length - error.at <= MAX_BLOCK) {
    side.pending = { stream: v.stream, carry: block.slice(error.at) };
    error = null;
  }
  noteStream(ctx, v, conn, fields);
  return { fields, error, carried: carry.length };
}

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** What DATA on this stream needs to know: the media type and coding its headers announce. */
function noteStream(
  ctx: FrameContext,
  v: FrameView,
  conn: Http2Connection,
  fields: readonly HpackField[],
): void {
  if (v.type === 5) return;
  const stream = conn.stream(v.stream);
  const side = ctx.stream.direction === 0 ? 0 : 1;
  for (const f of fields) {
    if (f.name === 'content-type')
      stream.contentType[side] = f.value.split(';')[0]?.trim().toLowerCase() ?? '';
    else if (f.name === 'content-encoding') stream.contentEncoding[side] = f.value.trim().toLowerCase();
  }
}

/** Info and the frame's title: `: 200 OK`, `: GET /index.html`. */
function describe(ctx: FrameContext, v: FrameView, record: BlockRecord): void {
  let method: string | null = null;
  let path: string | null = null;
  for (const f of record.fields) {
    if (f.name === ':status') {
      const text = `${f.value} ${HTTP_STATUS[Number.parseInt(f.value, 10)] ?? 'Unknown'}`;
      ctx.appendSep(text, ': ');
      if (v.node) v.node.display += `, ${text}`;
    } else if (f.name === ':method') method = f.value;
    else if (f.name === ':path') path = f.value;
  }
  if (method !== null && path !== null) {
    ctx.appendSep(`${method} ${path}`, ': ');
    if (v.node) v.node.display += `, ${method} ${path}`;
  }
  if (record.error) ctx.problem(record.error.kind, 'http2', `HPACK: ${record.error.message}`, v.start, v.end);
}

function representationText(f: HpackField): string {
  if (f.representation === Representation.Indexed) return f.representation;
  return `${f.representation} - ${f.index === 0 ? 'New Name' : 'Indexed Name'}`;
}

/** Detail path: the decoded fields, positioned in the frame's fragment (clamped where one began earlier). */
function addFields(ctx: FrameContext, record: BlockRecord, start: number): void {
  const t = ctx.tree;
  if (!t) return;
  const headers = record.fields.filter((f) => f.representation !== Representation.SizeUpdate);
  t.add(
    F.headerLength,
    start,
    start,
    headers.reduce((n, f) => n + f.name.length + f.value.length + 8, 0),
  );
  t.add(F.headerCount, start, start, headers.length);
  // Positions count from the carried bytes of the previous fragment, if any.
  const base = start - record.carried;
  for (const f of record.fields) addField(ctx, f, base, start);
  addFullUri(ctx, record.fields, start);
  if (record.error) t.text(`[HPACK decoding failed: ${record.error.message}]`, start, start);
}

function addField(ctx: FrameContext, f: HpackField, base: number, start: number): void {
  const t = ctx.tree;
  if (!t) return;
  // A field begun in the previous fragment: its range starts where this fragment does.
  const [from, to] = [Math.max(start, base + f.start), base + f.end];
  if (f.representation === Representation.SizeUpdate) {
    t.open(t.add(F.tableSizeUpdate, from, to, null, 'Header table size update'));
    t.add(F.tableSize, from, to, f.index);
    t.close();
    return;
  }
  const reason = f.name === ':status' ? ` ${HTTP_STATUS[Number.parseInt(f.value, 10)] ?? 'Unknown'}` : '';
  t.open(t.add(F.header, from, to, `${f.name}: ${f.value}`, `Header: ${f.name}: ${f.value}${reason}`));
  const name = span(base, start, f.nameStart, f.nameLength, from, to);
  const value = span(base, start, f.valueStart, f.valueLength, from, to);
  t.add(F.headerNameLength, ...name, f.name.length);
  t.add(F.headerName, ...name, f.name);
  t.add(F.headerValueLength, ...value, f.value.length);
  t.add(F.headerValue, ...value, f.value);
  const named = HTTP2_HEADER_FIELDS[f.name];
  if (named) t.add(named, from, to, f.value, `${f.name}: ${f.value}`);
  t.add(F.headerUnescaped, ...value, f.value);
  t.add(F.headerRepresentation, from, to, representationText(f));
  if (f.index > 0) t.add(F.headerIndex, from, to, f.index);
  t.close();
}

/** A literal's range in the frame (clamped to the fragment), or the whole representation's. */
function span(
  base: number,
  start: number,
  at: number,
  length: number,
  from: number,
  to: number,
): [number, number] {
  if (at < 0) return [from, to];
  const first = Math.max(start, base + at);
  return [first, Math.max(first, base + at + length)];
}

function addFullUri(ctx: FrameContext, fields: readonly HpackField[], base: number): void {
  const value = (name: string) => fields.find((f) => f.name === name)?.value;
  const [scheme, authority, path] = [value(':scheme'), value(':authority'), value(':path')];
  if (scheme !== undefined && authority !== undefined && path !== undefined)
    ctx.tree?.add(F.fullUri, base, base, `${scheme}://${authority}${path}`);
}
