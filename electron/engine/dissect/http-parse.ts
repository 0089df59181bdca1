/**
 * HTTP/1.x message framing (RFC 9112): lines, the request or status line, header fields and how long the
 * body is. Pure functions over bytes with Wireshark's notion of where data ends: `captured` (bytes that
 * exist) and `reported` (bytes the message really has); they never throw.
 *
 *   request-line = method SP request-target SP HTTP-version CRLF
 *   status-line  = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 *   *( field-name ":" OWS field-value OWS CRLF )
 *   CRLF
 *   [ message-body ]   Content-Length | chunked | until close
 */

export interface Line {
  /** Length without the terminator, -1 when no terminator was found (and more data could bring one). */
  length: number;
  /** Where the next line starts. */
  next: number;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Wireshark's `tvb_find_line_end`: a line ends at CR, LF or CRLF. With `wait`, a line without terminator
 * (or ending in a CR that may be followed by LF) is not a line yet.
 */
export function findLineEnd(bytes: Uint8Array, offset: number, end: number, wait: boolean, out: Line): Line {
  for (let i = offset; i < end; i++) {
    const c = bytes[i];
    if (c === LF) {
      out.length = i - offset;
      out.next = i + 1;
      return out;
    }
    if (c === CR) {
      if (i + 1 < end) {
        out.length = i - offset;
        out.next = bytes[i + 1] === LF ? i + 2 : i + 1;
        return out;
      }
      if (wait) break;
      out.length = i - offset;
      out.next = i + 1;
      return out;
    }
  }
  out.length = wait ? -1 : end - offset;
  out.next = end;
  return out;
}

/** Methods Wireshark 4.0 recognises at the start of a line, by length (RFC 9110, WebDAV, MS-RPCH…). */
const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'PUT',
  'COPY',
  'HEAD',
  'LOCK',
  'MOVE',
  'POLL',
  'POST',
  'BCOPY',
  'BMOVE',
  'MKCOL',
  'TRACE',
  'LABEL',
  'MERGE',
  'DELETE',
  'SEARCH',
  'UNLOCK',
  'REPORT',
  'UPDATE',
  'NOTIFY',
  'BDELETE',
  'CONNECT',
  'OPTIONS',
  'CHECKIN',
  'PROPFIND',
  'CHECKOUT',
  'CCM_POST',
  'SUBSCRIBE',
  'PROPPATCH',
  'BPROPFIND',
  'BPROPPATCH',
  'UNCHECKOUT',
  'MKACTIVITY',
  'MKWORKSPACE',
  'RPC_CONNECT',
  'RPC_IN_DATA',
  'UNSUBSCRIBE',
  'RPC_OUT_DATA',
  'VERSION-CONTROL',
  'BASELINE-CONTROL',
]);

export const MessageKind = { Other: 0, Request: 1, Response: 2 } as const;
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

function startsWith(bytes: Uint8Array, at: number, end: number, text: string): boolean {
  if (end - at < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Latin-1 text of `[from, to)`: header names and values are compared and shown as such. */
export function latin1(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

/** Whether a line is a request or status line (Wireshark's `is_http_request_or_reply`). */
export function classifyLine(bytes: Uint8Array, at: number, length: number): MessageKind {
  const end = at + length;
  const p = startsWith(bytes, at, end, 'M-') ? at + 2 : at;
  if (startsWith(bytes, p, end, 'HTTP/') || startsWith(bytes, p, end, 'ICY')) return MessageKind.Response;
  let space = p;
  while (space < end && space - p <= 16 && bytes[space] !== 0x20) space++;
  if (space - p < 3 || space - p > 16) return MessageKind.Other;
  return METHODS.has(latin1(bytes, p, space)) ? MessageKind.Request : MessageKind.Other;
}

/** A header field as found: name and value positions (value without leading/trailing whitespace). */
export interface HeaderField {
  readonly lineStart: number;
  readonly lineEnd: number;
  /** Where the next line starts (after CRLF). */
  readonly next: number;
  readonly name: string;
  readonly value: string;
  readonly valueStart: number;
}

/** The framing facts read from the header section. */
export interface Framing {
  contentLength: number;
  /** A Content-Length header whose value is not a number ≥ 0 (Wireshark then ignores it). */
  badContentLength: boolean;
  chunked: boolean;
  contentType: string;
  contentTypeParameters: string;
  contentEncoding: string;
  upgrade: boolean;
}

export function emptyFraming(): Framing {
  return {
    contentLength: -1,
    badContentLength: false,
    chunked: false,
    contentType: '',
    contentTypeParameters: '',
    contentEncoding: '',
    upgrade: false,
  };
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

/** Splits a header line at its colon; null for a line without one. */
export function parseHeader(
  bytes: Uint8Array,
  start: number,
  length: number,
  next: number,
): HeaderField | null {
  const end = start + length;
  let colon = start;
  while (colon < end && bytes[colon] !== 0x3a) colon++;
  if (colon >= end || colon === start) return null;
  let v = colon + 1;
  while (v < end && isSpace(bytes[v])) v++;
  let ve = end;
  while (ve > v && isSpace(bytes[ve - 1])) ve--;
  return {
    lineStart: start,
    lineEnd: end,
    next,
    name: latin1(bytes, start, colon).trim().toLowerCase(),
    value: latin1(bytes, v, ve),
    valueStart: v,
  };
}

/** Notes what a header says about framing and content. */
export function noteFraming(f: Framing, h: HeaderField): void {
  switch (h.name) {
    case 'content-length': {
      const n = /^\d+$/.test(h.value) ? Number(h.value) : NaN;
      if (Number.isSafeInteger(n)) f.contentLength = n;
      else f.badContentLength = true;
      break;
    }
    case 'transfer-encoding':
      if (/chunked/i.test(h.value)) f.chunked = true;
      break;
    case 'content-type': {
      const semi = h.value.indexOf(';');
      f.contentType = (semi < 0 ? h.value : h.value.slice(0, semi)).trim().toLowerCase();
      f.contentTypeParameters = semi < 0 ? '' : h.value.slice(semi + 1).trim();
      break;
    }
    case 'content-encoding':
      f.contentEncoding = h.value.trim().toLowerCase();
      break;
    case 'upgrade':
      f.upgrade = true;
      break;
  }
}

/** The status code of a status line, or 0. */
export function statusCode(bytes: Uint8Array, at: number, length: number): number {
  let p = at;
  const end = at + length;
  while (p < end && bytes[p] !== 0x20) p++;
  p++;
  if (p + 3 > end) return 0;
  let code = 0;
  for (let i = 0; i < 3; i++) {
    const d = (bytes[p + i] ?? 0) - 0x30;
    if (d < 0 || d > 9) return 0;
    code = code * 10 + d;
  }
  return code;
}

/** Chunk size line (`1a3;ext`): the size, -1 when it is not hex, -2 when it is unreasonable (over 2^31). */
export function chunkSize(bytes: Uint8Array, at: number, length: number): number {
  let size = 0;
  let digits = 0;
  for (let i = at; i < at + length; i++) {
    const c = bytes[i] ?? 0;
    const d =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x61 && c <= 0x66
          ? c - 0x57
          : c >= 0x41 && c <= 0x46
            ? c - 0x37
            : -1;
    if (d < 0) break;
    size = size * 16 + d;
    digits++;
    if (size > 0x7fffffff) return -2;
  }
  return digits === 0 ? -1 : size;
}
