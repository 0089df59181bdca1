/** The HTTP message in the details tree (detail path only), worded like Wireshark 4.0's. */
import { formatBytes } from '../../../shared/fields/format.js';
import { HTTP, HTTP_HEADER_FIELDS, HTTP_STATUS } from '../../../shared/fields/http.js';
import type { FrameContext } from './context.js';
import { formatText } from './dns-name.js';
import { chunks, dechunk, decodeContent, multipartParts, type Chunk } from './http-body.js';
import { mediaHandler } from './http-media.js';
import type { MessageBytes, MessageScan } from './http-message.js';
import { latin1, MessageKind } from './http-parse.js';
import type { DetailTree } from './tree.js';

const F = HTTP.fields;
const MAX_TEXT_LINES = 200;

function words(bytes: Uint8Array, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let p = start;
  for (let i = 0; i < 2; i++) {
    let q = p;
    while (q < end && bytes[q] !== 0x20) q++;
    out.push([p, q]);
    if (q >= end) return out;
    p = q + 1;
  }
  out.push([p, end]);
  return out;
}

function addFirstLine(t: DetailTree, m: MessageBytes, scan: MessageScan): void {
  const start = m.start;
  const end = start + scan.firstLine.length;
  const text = formatText(m.bytes.subarray(start, end));
  t.open(t.text(`${text}\\r\\n`, start, scan.firstLine.next));
  const parts = words(m.bytes, start, end);
  const at = (i: number) => parts[i];
  if (scan.kind === MessageKind.Request) {
    const defs = [F.method, F.uri, F.requestVersion];
    parts.forEach(([a, b], i) => {
      const def = defs[i];
      if (def && b > a) t.add(def, a, b, latin1(m.bytes, a, b));
    });
  } else {
    const [version, code, phrase] = [at(0), at(1), at(2)];
    if (version) t.add(F.responseVersion, version[0], version[1], latin1(m.bytes, version[0], version[1]));
    if (code) {
      t.add(F.code, code[0], code[1], scan.code);
      t.add(F.codeDesc, code[0], code[1], HTTP_STATUS[scan.code] ?? 'Unknown');
    }
    if (phrase) t.add(F.phrase, phrase[0], phrase[1], latin1(m.bytes, phrase[0], phrase[1]));
  }
  t.close();
}

function addHeaders(t: DetailTree, m: MessageBytes, scan: MessageScan): string {
  let host = '';
  for (const h of scan.headers) {
    const text = `${latin1(m.bytes, h.lineStart, h.lineEnd)}\\r\\n`;
    const known = HTTP_HEADER_FIELDS[h.name];
    const generic = scan.kind === MessageKind.Request ? F.requestLine : F.responseLine;
    const node = t.add(
      known ?? generic,
      h.lineStart,
      h.next,
      known ? h.value : latin1(m.bytes, h.lineStart, h.lineEnd),
      text,
    );
    if (h.name === 'host') host = h.value;
    if (h.name === 'content-length' && /^\d+$/.test(h.value)) {
      t.open(node);
      t.add(F.contentLength, h.lineStart, h.next, Number(h.value));
      t.close();
    }
  }
  if (scan.headersEnd >= 0)
    t.text('\\r\\n', scan.headersEnd - 2 >= m.start ? scan.headersEnd - 2 : scan.headersEnd, scan.headersEnd);
  return host;
}

/** Everything of one message: first line, headers, body. */
export function addMessageTree(ctx: FrameContext, m: MessageBytes, scan: MessageScan, index: number): void {
  const t = ctx.tree;
  if (!t) return;
  t.begin(HTTP.protocol, HTTP.protocol.name, m.start, scan.headersEnd < 0 ? m.reported : scan.end);
  // One call of the dissector is one entry in frame.protocols, however many messages it holds.
  if (index > 0 && t.chain.at(-1) === HTTP.protocol.id) t.chain.pop();
  addFirstLine(t, m, scan);
  const host = addHeaders(t, m, scan);
  const target = words(m.bytes, m.start, m.start + scan.firstLine.length)[1];
  if (scan.kind === MessageKind.Request && host !== '' && target) {
    const uri = latin1(m.bytes, target[0], target[1]);
    t.add(F.fullUri, m.start, m.start, uri.startsWith('/') ? `http://${host}${uri}` : uri);
  }
  if (scan.headersEnd >= 0 && scan.end > scan.bodyStart) addBody(ctx, t, m, scan);
}

function addChunks(ctx: FrameContext, t: DetailTree, list: readonly Chunk[], end: number): boolean {
  const first = list[0];
  if (!first) return true;
  t.open(t.add(F.chunked, first.sizeStart, end, null, 'HTTP chunked response'));
  for (const c of list) {
    if (c.bad) {
      t.close();
      ctx.exception('malformed', 'http', c.sizeStart, c.dataStart);
      return false;
    }
    const last = c.size === 0;
    t.open(
      t.text(
        last ? 'End of chunked encoding' : `Data chunk (${c.size} octets)`,
        c.sizeStart,
        Math.min(c.dataEnd + 2, end),
      ),
    );
    t.add(F.chunkSize, c.sizeStart, c.dataStart, c.size);
    if (!last) {
      t.add(
        F.chunkData,
        c.dataStart,
        c.dataEnd,
        null,
        `Chunk data: ${formatBytes(ctx.bytes.subarray(c.dataStart, c.dataEnd))}`,
      );
      if (c.dataEnd + 2 <= end)
        t.add(F.chunkBoundary, c.dataEnd, c.dataEnd + 2, null, 'Chunk boundary: 0d0a');
    }
    t.close();
  }
  t.close();
  return true;
}

/** De-chunked and decoded body as a source of its own, File Data, and the body's layer. */
function addBody(ctx: FrameContext, t: DetailTree, m: MessageBytes, scan: MessageScan): void {
  const end = Math.min(scan.end, m.captured);
  let body = m.bytes.subarray(scan.bodyStart, end);
  let source: string | null = ctx.sourceName;
  let offset = scan.bodyStart;
  if (scan.framing.chunked) {
    const list = chunks(m.bytes, scan.bodyStart, end);
    if (!addChunks(ctx, t, list, end)) return;
    body = dechunk(m.bytes, list);
    source = `De-chunked entity body (${body.length} bytes)`;
    t.addSource(source, body);
    offset = 0;
  }
  const coding = scan.framing.contentEncoding;
  if (coding !== '' && coding !== 'identity') {
    const decoded = decodeContent(coding, body);
    t.setSource(source, source === ctx.sourceName ? ctx.capturedEnd : body.length);
    const summary = decoded
      ? `${body.length} bytes -> ${decoded.length} bytes`
      : `${body.length} bytes [Error: Decompression failed]`;
    t.text(`Content-encoded entity body (${coding}): ${summary}`, offset, offset + body.length);
    if (decoded) {
      body = decoded;
      source = `Uncompressed entity body (${decoded.length} bytes)`;
      t.addSource(source, body);
      offset = 0;
    }
  }
  t.setSource(source, source === ctx.sourceName ? ctx.capturedEnd : body.length);
  t.add(F.fileData, offset, offset + body.length, null, `File Data: ${body.length} bytes`);
  // An empty body is handed to no dissector (as on the summary pass).
  if (body.length > 0)
    addMediaLayer(t, scan.framing.contentType, scan.framing.contentTypeParameters, body, offset);
  t.setSource(ctx.sourceName, ctx.capturedEnd);
}

/** The layer of the body's dissector: its title, and the lines of a text body. */
export function addMediaLayer(
  t: DetailTree,
  type: string,
  parameters: string,
  body: Uint8Array,
  offset: number,
): void {
  if (type === '') {
    t.begin('data', `Data (${body.length} bytes)`, offset, offset + body.length);
    return;
  }
  const handler = type.startsWith('multipart/') ? null : mediaHandler(type, body);
  if (!handler) {
    t.begin(
      'mime_multipart',
      `MIME Multipart Media Encapsulation, Type: ${type}`,
      offset,
      offset + body.length,
    );
    for (const part of multipartParts(body, 0, body.length, parameters)) {
      const bytes = body.subarray(part.start, part.end);
      if (bytes.length > 0) addMediaLayer(t, part.type, '', bytes, offset + part.start);
    }
    return;
  }
  t.begin(handler.chain, handler.title(type, body), offset, offset + body.length);
  if (handler.chain !== 'data-text-lines') return;
  let start = 0;
  let lines = 0;
  for (let i = 0; i < body.length && lines < MAX_TEXT_LINES; i++) {
    if (body[i] !== 0x0a) continue;
    t.text(formatText(body.subarray(start, i + 1)), offset + start, offset + i + 1);
    start = i + 1;
    lines++;
  }
  if (start < body.length && lines < MAX_TEXT_LINES)
    t.text(formatText(body.subarray(start)), offset + start, offset + body.length);
}

/** Bytes that do not start a message: the rest of a body whose start was not seen. */
export function addContinuation(ctx: FrameContext, start: number, end: number): void {
  const t = ctx.tree;
  if (!t) return;
  const stop = Math.min(end, ctx.capturedEnd);
  t.begin(HTTP.protocol, HTTP.protocol.name, start, stop);
  t.add(F.fileData, start, stop, null, `File Data: ${stop - start} bytes`);
  ctx.data(start, end);
}
