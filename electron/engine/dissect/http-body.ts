/**
 * An HTTP message body: de-chunking (RFC 9112 §7.1), content codings (gzip, deflate, br: RFC 9110 §8.4,
 * decoded with node:zlib, output capped), multipart parts (RFC 2046 §5.1), and what the body's dissector
 * adds to the columns. Decoding happens on the detail path only; the columns need at most the first
 * bytes of a GIF.
 */
import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { FrameContext } from './context.js';
import type { MessageBytes, MessageScan } from './http-message.js';
import { mediaHandler, multipartBoundary } from './http-media.js';
import { chunkSize, findLineEnd, latin1, type Line } from './http-parse.js';

/** Decoded bodies are capped (a 1 KiB gzip bomb must not take the engine's memory). */
export const MAX_DECODED = 16 << 20;

export interface Chunk {
  /** Offsets of the size line, the data and the data's end (in the message's bytes). */
  readonly sizeStart: number;
  readonly dataStart: number;
  readonly dataEnd: number;
  readonly size: number;
  /** The size line could not be read as a reasonable number (over 2^31). */
  readonly bad: boolean;
}

const line: Line = { length: 0, next: 0 };

/** The chunks of `[from, end)`, the last (size 0) included; stops at what is not there. */
export function chunks(bytes: Uint8Array, from: number, end: number): Chunk[] {
  const out: Chunk[] = [];
  for (let p = from; p < end && out.length < 100000;) {
    findLineEnd(bytes, p, end, false, line);
    const raw = chunkSize(bytes, p, line.length);
    const size = Math.max(0, raw);
    out.push({
      sizeStart: p,
      dataStart: line.next,
      dataEnd: Math.min(line.next + size, end),
      size,
      bad: raw === -2,
    });
    if (raw === -2 || size === 0) break;
    p = line.next + size + 2;
  }
  return out;
}

/** The data of the chunks, concatenated. */
export function dechunk(bytes: Uint8Array, list: readonly Chunk[]): Uint8Array {
  const total = list.reduce((n, c) => n + (c.dataEnd - c.dataStart), 0);
  const out = new Uint8Array(Math.min(total, MAX_DECODED));
  let at = 0;
  for (const c of list) {
    const take = Math.min(c.dataEnd - c.dataStart, out.length - at);
    out.set(bytes.subarray(c.dataStart, c.dataStart + take), at);
    at += take;
  }
  return out;
}

/** Decodes a content coding; null when the coding is unknown or the data is not valid. */
export function decodeContent(coding: string, data: Uint8Array): Uint8Array | null {
  const options = { maxOutputLength: MAX_DECODED, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(data, options);
      case 'deflate':
        // Servers send raw deflate as often as zlib-wrapped deflate (RFC 9110 says zlib).
        return (data[0] ?? 0) % 16 === 8 ? inflateSync(data, options) : inflateRawSync(data, options);
      case 'br':
        return brotliDecompressSync(data, { maxOutputLength: MAX_DECODED });
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/** The body as its dissector sees it: de-chunked, decoded; a view of the message bytes when it can be. */
export function entityBody(m: MessageBytes, scan: MessageScan): Uint8Array {
  const end = Math.min(scan.end, m.captured);
  let body = m.bytes.subarray(scan.bodyStart, end);
  if (scan.framing.chunked) body = dechunk(m.bytes, chunks(m.bytes, scan.bodyStart, end));
  const coding = scan.framing.contentEncoding;
  if (coding !== '' && coding !== 'identity' && body.length > 0) body = decodeContent(coding, body) ?? body;
  return body;
}

/** A part of a multipart body: its media type and bytes. */
export interface Part {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** The parts of a multipart body that carry a Content-Type. */
export function multipartParts(bytes: Uint8Array, start: number, end: number, parameters: string): Part[] {
  const boundary = multipartBoundary(parameters);
  if (boundary === '') return [];
  const text = latin1(bytes, start, Math.min(end, start + MAX_DECODED));
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  for (let at = text.indexOf(delimiter); at >= 0 && parts.length < 64;) {
    const next = text.indexOf(`\r\n${delimiter}`, at + delimiter.length);
    const headerEnd = text.indexOf('\r\n\r\n', at);
    if (next < 0 || headerEnd < 0 || headerEnd > next) break;
    const type = /\r\ncontent-type:\s*([^;\r\n]*)/i
      .exec(text.slice(at, headerEnd + 2))?.[1]
      ?.trim()
      .toLowerCase();
    if (type) parts.push({ type, start: start + headerEnd + 4, end: start + next });
    at = next + 2;
  }
  return parts;
}

/** What the body's dissector writes in the columns: `(text/html)`, `HTTP/XML`, OCSP's `Request`. */
export function bodyInfo(ctx: FrameContext, m: MessageBytes, scan: MessageScan): void {
  const type = scan.framing.contentType;
  if (type === '') return;
  const body = entityBody(m, scan);
  // An empty body is not handed to any dissector.
  if (body.length === 0) return;
  if (type.startsWith('multipart/')) {
    for (const part of multipartParts(body, 0, body.length, scan.framing.contentTypeParameters)) {
      const bytes = body.subarray(part.start, part.end);
      if (bytes.length > 0) ctx.appendInfo(mediaHandler(part.type, bytes).info(part.type, bytes));
    }
    return;
  }
  const handler = mediaHandler(type, body);
  if (handler.replaces) {
    ctx.setProtocol(handler.replaces.protocol);
    ctx.setInfo(handler.replaces.info(type));
    return;
  }
  if (handler.protocolSuffix !== '') ctx.setProtocol(ctx.protocol + handler.protocolSuffix);
  ctx.appendInfo(handler.info(type, body));
}
