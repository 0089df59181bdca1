/**
 * Where an HTTP/1.x message ends, and whether TCP must bring more bytes first: Wireshark's
 * `req_resp_hdrs_do_reassembly` (headers until the empty line, then the body by Content-Length, by
 * chunks, or until the connection closes for a response) followed by its choice of the body length
 * (RFC 9112 §6.3: no body for HEAD responses, 1xx, 204 and 304; none for a request without framing).
 */
import { DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN } from './stream-info.js';
import {
  chunkSize,
  classifyLine,
  emptyFraming,
  findLineEnd,
  MessageKind,
  noteFraming,
  parseHeader,
  statusCode,
  type Framing,
  type HeaderField,
  type Line,
} from './http-parse.js';

/** The bytes of the message: `[start, captured)` exist, the message runs up to `reported`. */
export interface MessageBytes {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly captured: number;
  readonly reported: number;
}

export interface ScanOptions {
  readonly canDesegment: boolean;
  /** The response answers a HEAD request: it has no body whatever its headers say. */
  readonly headResponse: boolean;
  readonly endOfStream: boolean;
}

export interface MessageScan {
  /** `more`: TCP must bring `desegmentLength` more bytes (or a DESEGMENT_* request). */
  status: 'more' | 'message' | 'continuation';
  desegmentLength: number;
  kind: MessageKind;
  firstLine: Line;
  headers: HeaderField[];
  /** Offset after the empty line; -1 when the header section is cut (capture or message ends first). */
  headersEnd: number;
  framing: Framing;
  code: number;
  /** Where the body starts and where the message ends. */
  bodyStart: number;
  end: number;
}

const line: Line = { length: 0, next: 0 };

function more(scan: MessageScan, length: number): MessageScan {
  scan.status = 'more';
  scan.desegmentLength = length;
  return scan;
}

/** Reads the header lines; false when more bytes are needed (scan then says so). */
function scanHeaders(m: MessageBytes, scan: MessageScan, o: ScanOptions): boolean {
  let p = scan.firstLine.next;
  for (;;) {
    if (p >= m.reported) {
      if (o.canDesegment) more(scan, DESEGMENT_ONE_MORE_SEGMENT);
      return !o.canDesegment;
    }
    findLineEnd(m.bytes, p, m.captured, true, line);
    if (line.length < 0) {
      if (o.canDesegment && m.captured >= m.reported) {
        more(scan, DESEGMENT_ONE_MORE_SEGMENT);
        return false;
      }
      return true;
    }
    if (line.length === 0) {
      scan.headersEnd = line.next;
      return true;
    }
    const header = parseHeader(m.bytes, p, line.length, line.next);
    if (header) {
      scan.headers.push(header);
      noteFraming(scan.framing, header);
    } else
      scan.headers.push({
        lineStart: p,
        lineEnd: p + line.length,
        next: line.next,
        name: '',
        value: '',
        valueStart: p,
      });
    p = line.next;
  }
}

/** The end of a chunked body, or -1 when it is not all there (`scan` then asks for more if it can). */
export function chunkedEnd(
  m: MessageBytes,
  from: number,
  scan: MessageScan | null,
  canDesegment: boolean,
): number {
  let p = from;
  for (;;) {
    if (p >= m.reported) {
      if (scan && canDesegment) more(scan, DESEGMENT_ONE_MORE_SEGMENT);
      return -1;
    }
    findLineEnd(m.bytes, p, m.captured, true, line);
    if (line.length < 0) {
      if (scan && canDesegment && m.captured >= m.reported) more(scan, DESEGMENT_ONE_MORE_SEGMENT);
      return -1;
    }
    const raw = chunkSize(m.bytes, p, line.length);
    if (raw === -2) return -2;
    // A size that is not hex reads as 0 (strtol), the last chunk.
    const size = Math.max(0, raw);
    if (size === 0) {
      findLineEnd(m.bytes, line.next, m.captured, true, line);
      if (line.length < 0) {
        if (scan && canDesegment && m.captured >= m.reported) more(scan, DESEGMENT_ONE_MORE_SEGMENT);
        return -1;
      }
      return line.next;
    }
    if (m.reported - line.next <= size) {
      if (scan && canDesegment) more(scan, DESEGMENT_ONE_MORE_SEGMENT);
      return -1;
    }
    p = line.next + size + 2;
  }
}

function noBody(scan: MessageScan, o: ScanOptions): boolean {
  if (scan.kind !== MessageKind.Response) return false;
  const c = scan.code;
  return o.headResponse || (c >= 100 && c < 200) || c === 204 || c === 304;
}

/** Asks for the rest of the body when it is not all there yet; false when it asked. */
function wholeBody(m: MessageBytes, scan: MessageScan, o: ScanOptions): boolean {
  if (!o.canDesegment || o.endOfStream || noBody(scan, o)) return true;
  const f = scan.framing;
  if (f.chunked) return chunkedEnd(m, scan.headersEnd, scan, true) !== -1 || scan.status !== 'more';
  if (f.contentLength >= 0) {
    const have = m.captured - scan.headersEnd;
    if (have >= f.contentLength) return true;
    if (m.captured < m.reported) return true;
    more(scan, f.contentLength - have);
    return false;
  }
  if (scan.kind === MessageKind.Response) {
    more(scan, DESEGMENT_UNTIL_FIN);
    return false;
  }
  return true;
}

/** How long the body is once everything is there (Wireshark's `datalen`). */
function bodyLength(m: MessageBytes, scan: MessageScan, o: ScanOptions): number {
  const rest = m.reported - scan.headersEnd;
  const f = scan.framing;
  if (noBody(scan, o)) return 0;
  if (f.contentLength >= 0 && !f.chunked) return Math.min(rest, f.contentLength);
  if (f.chunked) {
    const end = chunkedEnd(m, scan.headersEnd, null, false);
    return end >= 0 ? end - scan.headersEnd : rest;
  }
  return scan.kind === MessageKind.Request ? 0 : rest;
}

/** Scans the message at `m.start`. */
export function scanMessage(m: MessageBytes, o: ScanOptions): MessageScan {
  const scan: MessageScan = {
    status: 'message',
    desegmentLength: 0,
    kind: MessageKind.Other,
    firstLine: { length: 0, next: 0 },
    headers: [],
    headersEnd: -1,
    framing: emptyFraming(),
    code: 0,
    bodyStart: -1,
    end: m.reported,
  };
  findLineEnd(m.bytes, m.start, m.captured, true, scan.firstLine);
  if (scan.firstLine.length < 0) {
    if (o.canDesegment && m.captured >= m.reported) return more(scan, DESEGMENT_ONE_MORE_SEGMENT);
    findLineEnd(m.bytes, m.start, m.captured, false, scan.firstLine);
  }
  scan.kind = classifyLine(m.bytes, m.start, scan.firstLine.length);
  if (scan.kind === MessageKind.Other) {
    scan.status = 'continuation';
    return scan;
  }
  if (scan.kind === MessageKind.Response) scan.code = statusCode(m.bytes, m.start, scan.firstLine.length);
  if (!scanHeaders(m, scan, o) || scan.headersEnd < 0) return scan;
  if (!wholeBody(m, scan, o)) return scan;
  scan.bodyStart = scan.headersEnd;
  scan.end = scan.headersEnd + bodyLength(m, scan, o);
  return scan;
}
