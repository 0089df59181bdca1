/**
 * The state one call of the TLS dissector works with (one buffer TCP hands over: a segment's payload or a
 * reassembled PDU): the session as the summary pass knows it, or, on the detail path, the few facts the
 * summary pass packed into the call's `pduState` at its start. The call then updates its own view (the
 * version a ServerHello sets, a handshake message it starts), so that both paths read records alike.
 *
 *   pduState:  bits 0-15 version at the start of the call (0: unknown)
 *              bit 16    the bytes come from the server
 *              bit 17    that side's ChangeCipherSpec was in an earlier frame (what follows is encrypted)
 *              bit 18    a handshake message of that side continues from an earlier record
 */
import { TLS_VERSION_SHORT } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import { TLS_STATE, type TlsSession, type TlsSide } from './tls-session.js';

const FROM_SERVER = 1 << 16;
const CCS_BEFORE = 1 << 17;
const FRAGMENT_PENDING = 1 << 18;

/** Ports Wireshark associates with a protocol over TLS (`tls.port`): the server's side when no hello tells. */
export const TLS_APP_PORTS: Readonly<Record<number, string>> = {
  443: 'Hypertext Transfer Protocol',
  465: 'Simple Mail Transfer Protocol',
  993: 'Internet Message Access Protocol',
  995: 'Post Office Protocol',
  1300: 'Q.931',
  2221: 'EtherNet/IP (Industrial Protocol)',
  2443: 'Skinny Client Control Protocol',
  3250: 'Omni-Path Fabric Management',
  3389: 'TPKT - ISO on TCP - RFC1006',
  3496: 'DoIP (ISO13400) Protocol',
  5671: 'Advanced Message Queuing Protocol',
  5868: 'Diameter Protocol',
  8883: 'MQ Telemetry Transport Protocol',
  19999: 'Distributed Network Protocol 3.0',
};

export class TlsCall {
  /** The lane's session on the summary pass; null on the detail path (which must not change it). */
  session: TlsSession | null = null;
  version = 0;
  side: TlsSide = 0;
  /** This side's ChangeCipherSpec came in an earlier frame. */
  ccsBefore = false;
  /** A handshake message continues from an earlier record (this side). */
  fragmentPending = false;
  /** tcp.stream of the bytes. */
  stream = -1;
  /** Where the call's bytes start (TCP's desegmentation offsets count from here). */
  offset = 0;
  /** The bytes being read are a decrypted record's: handshake messages in them are plaintext. */
  decrypted = false;

  /** Sets the call up from the session (summary pass) or from the recorded bits (detail path). */
  begin(ctx: FrameContext, offset: number): void {
    const s = ctx.stream;
    this.stream = s.stream;
    this.offset = offset;
    this.decrypted = false;
    if (ctx.detail) {
      this.session = null;
      this.version = s.pduState & 0xffff;
      this.side = (s.pduState & FROM_SERVER) !== 0 ? 1 : 0;
      this.ccsBefore = (s.pduState & CCS_BEFORE) !== 0;
      this.fragmentPending = (s.pduState & FRAGMENT_PENDING) !== 0;
      return;
    }
    const session = ctx.state(TLS_STATE).session(s.stream);
    this.session = session;
    if (session.firstFrame === 0) session.firstFrame = ctx.frameNumber;
    session.lastFrame = ctx.frameNumber;
    this.version = session.version;
    this.side = sideOf(session, s.direction, s.srcPort);
    const ccs = session.ccsFrame[this.side];
    this.ccsBefore = ccs !== 0 && ccs < ctx.frameNumber;
    this.fragmentPending = session.fragments[this.side] !== null;
    s.pduState =
      this.version |
      (this.side === 1 ? FROM_SERVER : 0) |
      (this.ccsBefore ? CCS_BEFORE : 0) |
      (this.fragmentPending ? FRAGMENT_PENDING : 0);
  }

  /** Wireshark's `ssl_try_set_version` outcome: the conversation's version from now on. */
  setVersion(version: number): void {
    this.version = version;
    if (this.session) this.session.version = version;
  }
}

/**
 * Wireshark's `ssl_packet_from_server`: once a ClientHello named the server, by direction; before, the side
 * whose port is a TLS application port is the server.
 */
function sideOf(session: TlsSession, direction: number, srcPort: number): TlsSide {
  if (session.serverDirection >= 0) return direction === session.serverDirection ? 1 : 0;
  return TLS_APP_PORTS[srcPort] !== undefined ? 1 : 0;
}

/** The Protocol column for a version (`SSL` or `TLS` when unknown, as the caller says). */
export function shortName(version: number, fallback: string): string {
  return TLS_VERSION_SHORT[version] ?? fallback;
}

/** Bytes cut short by the end of the call: ask TCP for `missing` more, or give up on the rest. */
export function needMore(ctx: FrameContext, call: TlsCall, p: number, end: number, missing: number): number {
  const s = ctx.stream;
  if (!s.canDesegment) return end;
  s.desegmentOffset = p - call.offset;
  s.desegmentLength = missing;
  return -1;
}

/** One call at a time: the summary pass and the detail path never interleave within a call. */
export const tlsCall = new TlsCall();
