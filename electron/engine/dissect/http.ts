/**
 * Hypertext Transfer Protocol 1.x (RFC 9110 semantics, RFC 9112 messages) over TCP, on the reassembled
 * stream: Wireshark's ports (80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710) and, on any other
 * port, a conversation whose first line starts or ends with `HTTP/1.` (its `http_tcp` heuristic).
 *
 *   GET /path HTTP/1.1\r\n            HTTP/1.1 200 OK\r\n
 *   Host: example.com\r\n             Content-Type: text/html\r\n
 *   \r\n                              Content-Length: 612\r\n
 *                                     \r\n
 *                                     <612 bytes of body>
 *
 * Info as tshark 4.0 writes it: the first line and a space (`GET /path HTTP/1.1 `), then what the body's
 * dissector adds (`HTTP/1.1 200 OK  (text/html)`); several messages in one PDU follow each other without
 * separator (a column fence after each); bytes that do not start a message are `Continuation`.
 * Requests' methods are queued per conversation so that the response to a HEAD has no body; after a
 * `101 Switching Protocols` or a successful CONNECT the stream is no longer HTTP.
 */
import { HTTP } from '../../../shared/fields/http.js';
import { stateKey, type FrameContext, type StateKey } from './context.js';
import { formatText } from './dns-name.js';
import { bodyInfo, chunks } from './http-body.js';
import { scanMessage, type MessageBytes, type MessageScan } from './http-message.js';
import { findLineEnd, latin1, MessageKind, type Line } from './http-parse.js';
import { addMessageTree, addContinuation } from './http-tree.js';
import { startsWithPreface } from './http2.js';
import type { Dissector } from './registry.js';

/** Per-conversation state of the summary pass. */
class HttpConversation {
  /** Methods of requests not answered yet, oldest first (bounded: a capture may miss responses). */
  readonly methods: string[] = [];
  /** After a protocol switch (101, CONNECT): the bytes belong to another protocol. */
  switched = false;
  /** A request or status line has been seen: bytes that start no message are body data. */
  seen = false;
  /** The stream carries HTTP/2 now (after the connection preface, or a 101 to h2c). */
  h2 = false;
}

const HTTP_STATE: StateKey<Map<number, HttpConversation>> = stateKey('http', () => new Map());
const MAX_PENDING = 64;
/** Bits of `pduState`: message i of the PDU answers a HEAD request (i < 30)… */
const MAX_FLAGGED = 30;
/** …and the conversation had carried HTTP before this PDU. */
const SEEN = 1 << 30;
/** …or the stream had switched to HTTP/2: the PDU is HTTP/2's. */
const H2 = 1 << 31;

function conversation(ctx: FrameContext): HttpConversation {
  const all = ctx.state(HTTP_STATE);
  let conv = all.get(ctx.stream.stream);
  if (!conv) all.set(ctx.stream.stream, (conv = new HttpConversation()));
  return conv;
}

/** Summary pass: what a complete message changes in the conversation. */
function noteMessage(conv: HttpConversation, m: MessageBytes, scan: MessageScan): void {
  if (scan.kind === MessageKind.Request) {
    let space = m.start;
    while (space < m.start + scan.firstLine.length && m.bytes[space] !== 0x20) space++;
    conv.methods.push(latin1(m.bytes, m.start, space));
    if (conv.methods.length > MAX_PENDING) conv.methods.shift();
    return;
  }
  if (scan.code === 101) conv.switched = true;
  if (upgradesToH2(scan)) conv.h2 = true;
  if (scan.code >= 100 && scan.code < 200) return;
  const method = conv.methods.shift();
  if (method === 'CONNECT' && scan.code >= 200 && scan.code < 300) conv.switched = true;
}

/** A `101 Switching Protocols` to cleartext HTTP/2 (RFC 7540 §3.2): what follows it is HTTP/2's. */
function upgradesToH2(scan: MessageScan): boolean {
  return scan.code === 101 && scan.headers.some((h) => h.name === 'upgrade' && /^\s*h2c\s*$/i.test(h.value));
}

function firstLineText(m: MessageBytes, scan: MessageScan): string {
  return formatText(m.bytes, m.start, m.start + scan.firstLine.length);
}

/** One message at `m.start`; returns where the next begins, or -1 when TCP must bring more first. */
function message(
  ctx: FrameContext,
  m: MessageBytes,
  index: number,
  conv: HttpConversation | null,
  offset: number,
): number {
  const s = ctx.stream;
  // HTTP/2 with prior knowledge (RFC 9113 §3.3): the connection preface, and HTTP/2 from there on.
  if (startsWithPreface(ctx, m.start, m.reported, true)) {
    if (conv) conv.h2 = true;
    ctx.nextById('http2', m.start, m.reported);
    return -1;
  }
  const head = conv ? conv.methods[0] === 'HEAD' : index < MAX_FLAGGED && ((s.pduState >>> index) & 1) === 1;
  const scan = scanMessage(m, {
    canDesegment: s.canDesegment,
    headResponse: head,
    endOfStream: s.endOfStream,
  });
  if (scan.kind !== MessageKind.Other) {
    if (conv) conv.seen = true;
    ctx.setProtocol(HTTP.protocol.short);
    ctx.setInfo(`${firstLineText(m, scan)} `);
  }
  if (scan.status === 'more') {
    s.desegmentOffset = m.start - offset;
    s.desegmentLength = scan.desegmentLength;
    return -1;
  }
  if (scan.status === 'continuation') return continuation(ctx, m, index, conv);
  if (conv && head && scan.kind === MessageKind.Response && index < MAX_FLAGGED) s.pduState |= 1 << index;
  if (ctx.tree) addMessageTree(ctx, m, scan, index);
  if (scan.headersEnd < 0) {
    // The header section runs past what was captured (or past the message): an exception, as in Wireshark.
    const at = Math.min(m.captured, m.reported);
    ctx.exception(m.captured < m.reported ? 'truncated' : 'malformed', 'http', at, at + 1);
    return -1;
  }
  if (conv) noteMessage(conv, m, scan);
  if (upgradesToH2(scan)) return switchToH2(ctx, m, scan.end);
  if (scan.end <= scan.bodyStart || ctx.stopped) return ctx.stopped ? -1 : scan.end;
  if (!ctx.tree && scan.framing.chunked) {
    const bad = chunks(m.bytes, scan.bodyStart, Math.min(scan.end, m.captured)).find((c) => c.bad);
    if (bad) {
      ctx.exception('malformed', 'http', bad.sizeStart, bad.dataStart);
      return -1;
    }
  }
  bodyInfo(ctx, m, scan);
  return scan.end;
}

/** After a 101 to h2c: the PDU's remaining bytes are HTTP/2 (Info keeps the status line in front). */
function switchToH2(ctx: FrameContext, m: MessageBytes, next: number): number {
  if (next < m.reported) {
    ctx.fenceInfo();
    ctx.nextById('http2', next, m.reported);
  }
  return -1;
}

/**
 * Bytes that do not start a message: the rest of a body whose start was not seen ("Continuation") when
 * the conversation has carried HTTP; otherwise not HTTP at all, and left as TCP payload (-2).
 */
function continuation(
  ctx: FrameContext,
  m: MessageBytes,
  index: number,
  conv: HttpConversation | null,
): number {
  const seen = conv ? conv.seen : (ctx.stream.pduState & SEEN) !== 0;
  if (!seen && index === 0) return -2;
  ctx.setProtocol(HTTP.protocol.short);
  ctx.setInfo('Continuation');
  if (ctx.tree) addContinuation(ctx, m.start, m.reported);
  return m.reported;
}

function isPrint(c: number | undefined): boolean {
  return c !== undefined && c >= 0x20 && c <= 0x7e;
}

/** The messages in `[offset, end)`; on the detail path the recorded HEAD flags stand in for the queue. */
function dissectHttp(ctx: FrameContext, offset: number, end: number): boolean {
  const s = ctx.stream;
  const conv = ctx.detail ? null : conversation(ctx);
  // A stream that switched to HTTP/2 is handed over whole: Wireshark shows it as `…:http:http2`.
  if (conv?.h2 || (ctx.detail && (s.pduState & H2) !== 0)) {
    s.pduState |= H2;
    ctx.nextById('http2', offset, end);
    return true;
  }
  if (conv?.switched) return false;
  if (conv?.seen) s.pduState |= SEEN;
  // A cut-short segment that does not start a message is left alone, as tshark does.
  if (ctx.capturedEnd < end && !startsMessage(ctx, offset, end)) return leave(s);
  const m = { bytes: ctx.bytes, start: offset, captured: Math.min(end, ctx.capturedEnd), reported: end };
  // Binary bytes are not parsed as lines (Wireshark's shortcut): body data, or not HTTP.
  if (!isPrint(ctx.bytes[offset])) return continuation(ctx, m, 0, conv) === -2 ? leave(s) : true;
  for (let index = 0; m.start < end && !ctx.stopped; index++) {
    const next = message(ctx, m, index, conv, offset);
    if (next === -2) return leave(s);
    if (next < 0) break;
    m.start = next;
    ctx.fenceInfo();
    if (conv?.switched) break;
  }
  return true;
}

function leave(s: FrameContext['stream']): false {
  s.leaveAsPayload = true;
  return false;
}

const probe: Line = { length: 0, next: 0 };

function startsMessage(ctx: FrameContext, offset: number, end: number): boolean {
  findLineEnd(ctx.bytes, offset, Math.min(end, ctx.capturedEnd), false, probe);
  return (
    latin1(ctx.bytes, offset, offset + Math.min(probe.length, 5)) === 'HTTP/' ||
    /^[A-Z_-]{3,16} /.test(latin1(ctx.bytes, offset, offset + Math.min(probe.length, 17)))
  );
}

/** Wireshark's `http_tcp` heuristic: a complete first line that starts or ends with `HTTP/1.`. */
function looksLikeHttp(ctx: FrameContext, offset: number, end: number): boolean {
  const stop = Math.min(end, ctx.capturedEnd, offset + 4096);
  const first = ctx.bytes[offset] ?? 0;
  if (first < 0x41 || first > 0x5a) return false;
  let p = offset;
  while (p < stop && ctx.bytes[p] !== 0x0d && ctx.bytes[p] !== 0x0a) {
    const c = ctx.bytes[p] ?? 0;
    if (c < 0x20 || c > 0x7e) return false;
    p++;
  }
  const length = p - offset;
  if (p >= stop || length === 8) return false;
  return latin1(ctx.bytes, offset, offset + 7) === 'HTTP/1.' || latin1(ctx.bytes, p - 8, p - 1) === 'HTTP/1.';
}

export const HTTP_PORTS = [80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710] as const;

export const httpDissector: Dissector = {
  id: 'http',
  bindings: HTTP_PORTS.map((key) => ({ table: 'tcp.port' as const, key })),
  stream: true,
  heuristic: { table: 'tcp.port', test: looksLikeHttp },
  dissect: dissectHttp,
};
