/**
 * Test helpers for protocols above TCP: Ethernet/IPv4/TCP frames around a payload, and a conversation
 * that numbers its segments like a real one (client 10.0.0.1, server 10.0.0.2; each side's sequence
 * number advances by what it sent). The headers are always the same 54 bytes:
 *
 *   0x0000:  0011 2233 4455 6677 8899 aabb 0800        Ethernet, IPv4
 *   0x000e:  4500 LLLL 0001 0000 4006 CCCC 0a00 000X   IPv4: length, TTL 64, TCP, checksum, src
 *   0x001a:  0a00 000Y                                  dst
 *   0x0022:  SSSS DDDD QQQQ QQQQ AAAA AAAA 50FF ffff   TCP: ports, seq, ack, offset 5, flags, window
 *   0x0032:  0000 0000                                  checksum (not verified), urgent
 *
 * tshark 4.0.17 read the same frames (written as a pcap) to give the expected columns in the tests.
 */
import type { KeyLookup } from '../tls-keys/secrets.js';
import { LinkType } from '../../../shared/link-types.js';
import type { SummaryOut } from './index.js';
import { TestLane, type FrameOptions } from './test-support.js';

export const FLAGS = { S: 0x02, SA: 0x12, A: 0x10, PA: 0x18, FA: 0x11, R: 0x04 } as const;
export type FlagName = keyof typeof FLAGS;

const CLIENT = [10, 0, 0, 1] as const;
const SERVER = [10, 0, 0, 2] as const;

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4(
  src: readonly number[],
  dst: readonly number[],
  proto: number,
  payload: Uint8Array,
): Uint8Array {
  const frame = new Uint8Array(14 + 20 + payload.length);
  frame.set([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00]);
  const ip = new DataView(frame.buffer, 14, 20);
  ip.setUint8(0, 0x45);
  ip.setUint16(2, 20 + payload.length);
  ip.setUint16(4, 1);
  ip.setUint8(8, 64);
  ip.setUint8(9, proto);
  frame.set(src, 26);
  frame.set(dst, 30);
  ip.setUint16(10, checksum(frame.subarray(14, 34)));
  frame.set(payload, 34);
  return frame;
}

/** An Ethernet/IPv4/TCP frame; the side with the higher port is the client. */
export function tcpFrame(
  sport: number,
  dport: number,
  seq: number,
  ack: number,
  flags: FlagName,
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const tcp = new Uint8Array(20 + payload.length);
  const v = new DataView(tcp.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint32(4, seq >>> 0);
  v.setUint32(8, ack >>> 0);
  v.setUint8(12, 0x50);
  v.setUint8(13, FLAGS[flags]);
  v.setUint16(14, 0xffff);
  tcp.set(payload, 20);
  return sport > dport ? ipv4(CLIENT, SERVER, 6, tcp) : ipv4(SERVER, CLIENT, 6, tcp);
}

/** An Ethernet/IPv4/UDP frame (checksum 0: not computed, as over IPv4 is allowed). */
export function udpFrame(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const udp = new Uint8Array(8 + payload.length);
  const v = new DataView(udp.buffer);
  v.setUint16(0, sport);
  v.setUint16(2, dport);
  v.setUint16(4, 8 + payload.length);
  udp.set(payload, 8);
  return sport > dport ? ipv4(CLIENT, SERVER, 17, udp) : ipv4(SERVER, CLIENT, 17, udp);
}

export function text(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

/** A TCP conversation fed to one lane, frame by frame; returns each frame's columns. */
export class TcpConversation {
  readonly lane: TestLane;
  private client: number;
  private server: number;
  private time = 1000;

  constructor(
    readonly clientPort: number,
    readonly serverPort: number,
    clientIsn = 1000,
    serverIsn = 5000,
    handshake = true,
    keys?: KeyLookup | TestLane,
  ) {
    this.lane = keys instanceof TestLane ? keys : new TestLane(keys);
    this.client = clientIsn + 1;
    this.server = serverIsn + 1;
    if (!handshake) return;
    this.frame(tcpFrame(clientPort, serverPort, clientIsn, 0, 'S'));
    this.frame(tcpFrame(serverPort, clientPort, serverIsn, clientIsn + 1, 'SA'));
    this.frame(tcpFrame(clientPort, serverPort, this.client, this.server, 'A'));
  }

  /** A frame as it is; `options.originalLength` for a snap-limited one. */
  frame(bytes: Uint8Array, options: FrameOptions = {}): SummaryOut {
    // 10 ms apart: TCP analysis tells out-of-order from retransmission by time.
    this.time += 0.01;
    return this.lane.add(LinkType.EN10MB, bytes, { time: this.time, ...options });
  }

  /** The client sends `payload` at its next sequence number. */
  fromClient(payload: Uint8Array | string, flags: FlagName = 'PA'): SummaryOut {
    const bytes = typeof payload === 'string' ? text(payload) : payload;
    const out = this.frame(
      tcpFrame(this.clientPort, this.serverPort, this.client, this.server, flags, bytes),
    );
    this.client += bytes.length + (flags === 'FA' ? 1 : 0);
    return out;
  }

  fromServer(payload: Uint8Array | string, flags: FlagName = 'PA'): SummaryOut {
    const bytes = typeof payload === 'string' ? text(payload) : payload;
    const out = this.frame(
      tcpFrame(this.serverPort, this.clientPort, this.server, this.client, flags, bytes),
    );
    this.server += bytes.length + (flags === 'FA' ? 1 : 0);
    return out;
  }

  /** The server's bytes at an explicit offset from its current sequence number (gaps, reordering). */
  serverAt(offset: number, payload: Uint8Array | string): SummaryOut {
    const bytes = typeof payload === 'string' ? text(payload) : payload;
    return this.frame(
      tcpFrame(this.serverPort, this.clientPort, this.server + offset, this.client, 'PA', bytes),
    );
  }

  /** Moves the server's sequence number on (after `serverAt` sent those bytes). */
  advanceServer(bytes: number): void {
    this.server += bytes;
  }

  get frames(): number {
    return this.lane.count;
  }
}
