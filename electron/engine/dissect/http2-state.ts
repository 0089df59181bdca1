/**
 * What HTTP/2 keeps per connection (keyed by tcp.stream; a decrypted TLS connection later uses the same
 * key), for the summary pass: per direction the HPACK decoder and a header block continued over CONTINUATION
 * frames; per stream what DATA needs (content type and coding of its headers, the body's fragments so far).
 * For the detail path it records, per header block, the decoded fields (the tables cannot be rebuilt on a
 * selection), and per completed body where its fragments are.
 *
 * Bounds: `MAX_STREAMS` streams per connection (the oldest are forgotten), `MAX_BLOCK` bytes per continued
 * header block, `MAX_FRAGMENTS` fragments per body, `MAX_RECORDS` detail records per lane.
 */
import { stateKey, type StateKey } from './context.js';
import { HpackDecoder, type HpackError, type HpackField } from './hpack.js';

const MAX_STREAMS = 1024;
export const MAX_BLOCK = 1 << 20;
const MAX_FRAGMENTS = 4096;
const MAX_RECORDS = 1 << 16;

/**
 * A header block continued in CONTINUATION frames. Each fragment is decoded as it comes (as nghttp2 inflates
 * a block in Wireshark): `carry` holds a representation cut at the end of the last fragment.
 */
export interface PendingBlock {
  stream: number;
  carry: Uint8Array;
}

export class Http2Direction {
  readonly hpack = new HpackDecoder();
  pending: PendingBlock | null = null;
}

/** One direction of a stream's body: fragments as (frame, pdu, offset, length), the first bytes kept. */
export class BodyParts {
  readonly fragments: number[] = [];
  length = 0;
  head = new Uint8Array(0);

  add(frame: number, pdu: number, offset: number, bytes: Uint8Array): void {
    if (this.fragments.length < 4 * MAX_FRAGMENTS) this.fragments.push(frame, pdu, offset, bytes.length);
    if (this.head.length < 16) {
      const head = new Uint8Array(Math.min(16, this.head.length + bytes.length));
      head.set(this.head);
      head.set(bytes.subarray(0, head.length - this.head.length), this.head.length);
      this.head = head;
    }
    this.length += bytes.length;
  }
}

export class Http2Stream {
  /** Per direction, from that direction's headers. */
  readonly contentType: [string, string] = ['', ''];
  readonly contentEncoding: [string, string] = ['', ''];
  readonly body: [BodyParts | null, BodyParts | null] = [null, null];
}

export class Http2Connection {
  readonly directions: [Http2Direction, Http2Direction] = [new Http2Direction(), new Http2Direction()];
  private readonly streams = new Map<number, Http2Stream>();

  stream(id: number): Http2Stream {
    let s = this.streams.get(id);
    if (s) return s;
    if (this.streams.size >= MAX_STREAMS) this.streams.delete(this.streams.keys().next().value ?? 0);
    this.streams.set(id, (s = new Http2Stream()));
    return s;
  }
}

/** The fields a frame's fragment completed, for the detail path. */
export interface BlockRecord {
  readonly fields: readonly HpackField[];
  readonly error: HpackError | null;
  /** Bytes carried over from the previous fragment: the fields' positions count from their start. */
  readonly carried: number;
}

/** A body completed by an END_STREAM DATA frame. */
export interface BodyRecord {
  /** (frame, pdu, offset, length) quadruples. */
  readonly fragments: readonly number[];
  readonly length: number;
  /** The body's first bytes (media dissectors check signatures on them). */
  readonly head: Uint8Array;
  readonly contentType: string;
  readonly contentEncoding: string;
}

export class Http2State {
  readonly connections = new Map<number, Http2Connection>();
  readonly blocks = new Map<string, BlockRecord>();
  readonly bodies = new Map<string, BodyRecord>();

  connection(stream: number): Http2Connection {
    let c = this.connections.get(stream);
    if (!c) this.connections.set(stream, (c = new Http2Connection()));
    return c;
  }

  keep<T>(map: Map<string, T>, key: string, value: T): void {
    if (map.size >= MAX_RECORDS) map.delete(map.keys().next().value ?? '');
    map.set(key, value);
  }
}

export const HTTP2_STATE: StateKey<Http2State> = stateKey('http2', () => new Http2State());

/** Identifies a frame's record: the frame, the TCP PDU it is in, its offset there. */
export function recordKey(frame: number, pdu: number, offset: number): string {
  return `${frame}:${pdu}:${offset}`;
}
