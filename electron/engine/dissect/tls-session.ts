/**
 * What the TLS dissector keeps per TCP connection (Wireshark's `SslSession` and the parts of
 * `SslDecryptSession` it fills without keys), and the hook a key log can use later.
 *
 * The summary pass updates a session as records go by: the version the conversation settled on (which
 * decides the Protocol column and how later records are read), which side is the server, the hellos'
 * randoms, session id, suite, SNI and ALPN, where each side's ChangeCipherSpec was, a handshake message
 * being reassembled across records, and the index of each side's encrypted records. The detail path never
 * writes here: what a call needs to be dissected again is packed into its `pduState` (see `TlsCallState`).
 *
 * For decryption (issue 8): a session is found by tcp.stream (`tlsSessionOf`) or by client random
 * (`TlsSessions.byClientRandom`); `records(side)` lists the records sent after that side started encrypting
 * (TLS 1.3: after the ServerHello; TLS ≤ 1.2: after its ChangeCipherSpec), each addressable by the frame that
 * dissected it, its offset in that side's TCP byte stream, and the PDU of that frame and offset in it, which
 * `tlsRecordBytes` reads back. Re-dissecting a connection when keys arrive means re-running the lane's summary
 * pass over `session.frames()`; nothing here assumes records stay encrypted.
 */
import { stateKey, type StateKey } from './context.js';
import type { SessionDecryption } from './tls-decrypt.js';

/** 0: the client's records; 1: the server's. */
export type TlsSide = 0 | 1;

/** A record in a side's stream. */
export interface TlsRecordRef {
  /** The frame whose dissection read the record (the one that completed it when it spans segments). */
  frame: number;
  /** Relative TCP sequence number of the record's first header byte. */
  streamOffset: number;
  /** Which of the frame's recorded PDUs holds it, and where in that PDU's bytes the header starts. */
  pdu: number;
  offset: number;
  contentType: number;
  /** The record's fragment length (without the 5-byte header). */
  length: number;
}

/** Bound on the records indexed per side: a longer connection is reported as not fully indexed. */
export const MAX_INDEXED_RECORDS = 1 << 20;

/** A side's records, four int32 per record: frame, stream offset, pdu << 20 | offset, type << 16 | length. */
export class TlsRecordIndex {
  private data = new Int32Array(0);
  count = 0;
  /** More records arrived than `MAX_INDEXED_RECORDS`. */
  overflow = false;

  add(frame: number, streamOffset: number, pdu: number, offset: number, type: number, length: number): void {
    const last = this.count - 1;
    // A PDU dissected again after TCP reopened it repeats records already indexed.
    if (last >= 0 && ((streamOffset - (this.data[4 * last + 1] ?? 0)) | 0) <= 0) return;
    if (this.count >= MAX_INDEXED_RECORDS) {
      this.overflow = true;
      return;
    }
    if (4 * (this.count + 1) > this.data.length) {
      const grown = new Int32Array(Math.max(32, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(
      [frame, streamOffset, (pdu << 20) | (offset & 0xfffff), (type << 16) | (length & 0xffff)],
      4 * this.count,
    );
    this.count++;
  }

  /** The index of the record at `offset` of PDU `pdu` of `frame`, or -1 (records are in frame order). */
  find(frame: number, pdu: number, offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.data[4 * mid] ?? 0) < frame) lo = mid + 1;
      else hi = mid;
    }
    const where = (pdu << 20) | (offset & 0xfffff);
    for (let i = lo; i < this.count && this.data[4 * i] === frame; i++)
      if (this.data[4 * i + 2] === where) return i;
    return -1;
  }

  /** The index of the record starting at `streamOffset`, searching back from the last (-1: none). */
  findOffset(streamOffset: number): number {
    for (let i = this.count - 1; i >= 0 && i >= this.count - 64; i--)
      if (this.data[4 * i + 1] === streamOffset) return i;
    return -1;
  }

  /** The `i`th record (0-based). */
  get(i: number): TlsRecordRef {
    const d = this.data.subarray(4 * i, 4 * i + 4);
    const [frame = 0, streamOffset = 0, where = 0, typeLength = 0] = d;
    return {
      frame,
      streamOffset: streamOffset >>> 0,
      pdu: where >>> 20,
      offset: where & 0xfffff,
      contentType: typeLength >>> 16,
      length: typeLength & 0xffff,
    };
  }
}

/** A handshake message whose bytes span records, being put together (Wireshark's `tls_hs_reassembly`). */
export interface HandshakeFragments {
  /** Bytes so far (the 4-byte header first). */
  bytes: Uint8Array;
  length: number;
  /** The message's full length including its header, once 4 bytes are known; 0 until then. */
  total: number;
  firstFrame: number;
}

export class TlsSession {
  /** The version the conversation uses (Wireshark's `session->version`); 0 while unknown. */
  version = 0;
  /** The TCP direction the server sends in, or -1 until a ClientHello or the port tells. */
  serverDirection = -1;
  clientRandom: Uint8Array | null = null;
  serverRandom: Uint8Array | null = null;
  sessionId: Uint8Array | null = null;
  /** The suite the server chose, -1 before a ServerHello. */
  cipherSuite = -1;
  /** The version the ServerHello selected (supported_versions, else its legacy version), 0 before. */
  serverVersion = 0;
  serverName: string | null = null;
  /** Protocols the client offered, and the one the server chose (ALPN, RFC 7301). */
  alpnOffered: readonly string[] = [];
  alpn: string | null = null;
  helloRetryRequest = false;
  /** Both hellos carried encrypt_then_mac (RFC 7366): CBC records are MACed after encryption. */
  encryptThenMac = false;
  /** The session id the ServerHello gave (equal to the client's when it resumes one). */
  serverSessionId: Uint8Array | null = null;
  /** The ticket the ClientHello offered to resume with, and one a NewSessionTicket issued (TLS ≤ 1.2). */
  offeredTicket: Uint8Array | null = null;
  issuedTicket: Uint8Array | null = null;
  /** Set up at the first encrypted record (issue 8): keys, epochs, what failed. */
  decryption: SessionDecryption | null = null;
  /** Frame of each side's last ChangeCipherSpec (0: none), Wireshark's `client_ccs_frame`/`server_ccs_frame`. */
  readonly ccsFrame: [number, number] = [0, 0];
  /** A handshake message spanning records, per side. */
  readonly fragments: [HandshakeFragments | null, HandshakeFragments | null] = [null, null];
  /** Encrypted records per side. */
  readonly encrypted: [TlsRecordIndex, TlsRecordIndex] = [new TlsRecordIndex(), new TlsRecordIndex()];
  /** Whether each side encrypts from now on. */
  readonly encrypting: [boolean, boolean] = [false, false];
  /** First and last frame that carried a record of this connection. */
  firstFrame = 0;
  lastFrame = 0;

  constructor(readonly stream: number) {}

  records(side: TlsSide): TlsRecordIndex {
    return this.encrypted[side];
  }
}

/** The sessions of a lane, by tcp.stream; reassembled handshake messages kept for the detail path. */
export class TlsSessions {
  readonly byStream = new Map<number, TlsSession>();
  /**
   * Handshake messages completed from fragments (the detail path cannot rebuild them from one frame), by
   * `frame:pdu:offset` of the record holding their last bytes, with how many of that record's bytes they used.
   */
  readonly reassembled = new Map<string, { readonly bytes: Uint8Array; readonly used: number }>();
  /**
   * TLS ≤ 1.2 master secrets by the session id and the tickets of the sessions they were known for: a
   * resumed session uses its original's, which a key log may not list under the new client random.
   */
  readonly masterBySessionId = new Map<string, Uint8Array>();
  readonly masterByTicket = new Map<string, Uint8Array>();

  session(stream: number): TlsSession {
    let s = this.byStream.get(stream);
    if (!s) this.byStream.set(stream, (s = new TlsSession(stream)));
    return s;
  }

  /** The session whose ClientHello carried `random` (the key log's index). */
  byClientRandom(random: Uint8Array): TlsSession | undefined {
    for (const s of this.byStream.values())
      if (
        s.clientRandom &&
        s.clientRandom.length === random.length &&
        s.clientRandom.every((b, i) => b === random[i])
      )
        return s;
    return undefined;
  }
}

export const TLS_STATE: StateKey<TlsSessions> = stateKey('tls', () => new TlsSessions());
