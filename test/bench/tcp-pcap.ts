/**
 * A classic pcap of TCP conversations made from the bytes each side sent: the Ethernet II, IPv4 and TCP
 * headers are built here (three-way handshake, segments of at most one MSS with the peer's ACKs, FINs),
 * on a virtual clock. What a dissector needs to reassemble the streams is exact (lengths, seq/ack, flags);
 * checksums are right too, so that no tool has a reason to set a segment aside.
 *
 *   pcap record: ts_sec(4) ts_usec(4) incl_len(4) orig_len(4)
 *   Ethernet II: dst(6) src(6) type=0x0800
 *   IPv4:        0x45 tos len(2) id(2) DF(2) ttl=64 proto=6 csum(2) src(4) dst(4)
 *   TCP:         sport(2) dport(2) seq(4) ack(4) off|flags(2) win(2) csum(2) urg(2) [MSS option in SYNs]
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { LinkType } from '../../shared/link-types.js';

export const MSS = 1448;
const SYN = 0x02;
const FIN = 0x01;
const PSH = 0x08;
const ACK = 0x10;
const SERVER_IP = 0x0a000001; // 10.0.0.1
const FLUSH_BYTES = 8 * 1024 * 1024;
const START_SECONDS = 1_764_000_000;

interface Flow {
  readonly clientIp: number;
  readonly clientPort: number;
  readonly serverPort: number;
  /** Next sequence number each side sends: [client, server]. */
  readonly next: [number, number];
  readonly finished: [boolean, boolean];
}

export class TcpPcapWriter {
  private readonly fd: number;
  private readonly flows = new Map<number, Flow>();
  private parts: Buffer[] = [];
  private pending = 0;
  private micros = 0;
  private ipId = 0;
  /** Bytes of the file so far (written or waiting to be). */
  bytes = 24;
  frames = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262144, 16);
    header.writeUInt32LE(LinkType.EN10MB, 20);
    this.push(header);
  }

  /** A new connection from 10.1.x.y to 10.0.0.1:serverPort: the three-way handshake. */
  open(id: number, serverPort: number, isn: readonly [number, number]): void {
    const flow: Flow = {
      clientIp: 0x0a010002 + id,
      clientPort: 49152 + (id % 16000),
      serverPort,
      next: [isn[0] >>> 0, isn[1] >>> 0],
      finished: [false, false],
    };
    this.flows.set(id, flow);
    this.micros += 200; // connections do not start in the same microsecond
    this.segment(flow, true, SYN, null);
    flow.next[0] = (flow.next[0] + 1) >>> 0;
    this.segment(flow, false, SYN | ACK, null);
    flow.next[1] = (flow.next[1] + 1) >>> 0;
    this.segment(flow, true, ACK, null);
  }

  /** Bytes one side sent: MSS-sized segments, the peer acknowledging every second one and the last. */
  send(id: number, fromClient: boolean, data: Uint8Array): void {
    const flow = this.flow(id);
    for (let at = 0, count = 1; at < data.length; at += MSS, count++) {
      const end = Math.min(at + MSS, data.length);
      this.segment(flow, fromClient, end === data.length ? PSH | ACK : ACK, data.subarray(at, end));
      const side = fromClient ? 0 : 1;
      flow.next[side] = (flow.next[side] + end - at) >>> 0;
      if (count % 2 === 0 || end === data.length) this.segment(flow, !fromClient, ACK, null);
    }
  }

  /** One side closed its half: FIN, and the peer's ACK. A second FIN from the same side is ignored. */
  fin(id: number, fromClient: boolean): void {
    const flow = this.flow(id);
    const side = fromClient ? 0 : 1;
    if (flow.finished[side]) return;
    flow.finished[side] = true;
    this.segment(flow, fromClient, FIN | ACK, null);
    flow.next[side] = (flow.next[side] + 1) >>> 0;
    this.segment(flow, !fromClient, ACK, null);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flow(id: number): Flow {
    const flow = this.flows.get(id);
    if (!flow) throw new Error(`connection ${id} was not opened`);
    return flow;
  }

  private segment(flow: Flow, fromClient: boolean, flags: number, payload: Uint8Array | null): void {
    const options = flags & SYN ? 4 : 0;
    const tcpLength = 20 + options + (payload?.length ?? 0);
    const frameLength = 14 + 20 + tcpLength;
    const frame = Buffer.alloc(16 + frameLength);
    // About 1 Gbit/s plus a few microseconds per frame.
    this.micros += 3 + Math.ceil(frameLength / 125);
    frame.writeUInt32LE(START_SECONDS + Math.floor(this.micros / 1e6), 0);
    frame.writeUInt32LE(this.micros % 1e6, 4);
    frame.writeUInt32LE(frameLength, 8);
    frame.writeUInt32LE(frameLength, 12);
    const src = fromClient ? flow.clientIp : SERVER_IP;
    const dst = fromClient ? SERVER_IP : flow.clientIp;
    frame.writeUInt32BE(0x02000000 | (dst & 0xffffff), 16);
    frame.writeUInt16BE(0x0000, 20);
    frame.writeUInt32BE(0x02000000 | (src & 0xffffff), 22);
    frame.writeUInt16BE(0x0000, 26);
    frame.writeUInt16BE(0x0800, 28);
    const ip = 30;
    frame.writeUInt8(0x45, ip);
    frame.writeUInt16BE(20 + tcpLength, ip + 2);
    frame.writeUInt16BE(this.ipId++ & 0xffff, ip + 4);
    frame.writeUInt16BE(0x4000, ip + 6);
    frame.writeUInt8(64, ip + 8);
    frame.writeUInt8(6, ip + 9);
    frame.writeUInt32BE(src >>> 0, ip + 12);
    frame.writeUInt32BE(dst >>> 0, ip + 16);
    frame.writeUInt16BE(onesComplement(sum16(frame, ip, ip + 20, 0)), ip + 10);
    const tcp = ip + 20;
    const side = fromClient ? 0 : 1;
    frame.writeUInt16BE(fromClient ? flow.clientPort : flow.serverPort, tcp);
    frame.writeUInt16BE(fromClient ? flow.serverPort : flow.clientPort, tcp + 2);
    frame.writeUInt32BE(flow.next[side], tcp + 4);
    frame.writeUInt32BE(flags & ACK ? flow.next[1 - side]! : 0, tcp + 8);
    frame.writeUInt16BE((((20 + options) / 4) << 12) | flags, tcp + 12);
    frame.writeUInt16BE(65535, tcp + 14);
    if (options) frame.writeUInt32BE(0x02040000 | MSS, tcp + 20);
    if (payload) frame.set(payload, tcp + 20 + options);
    // TCP checksum: the IPv4 pseudo-header (addresses, protocol, length), then the segment.
    const pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + tcpLength;
    frame.writeUInt16BE(onesComplement(sum16(frame, tcp, tcp + tcpLength, pseudo)), tcp + 16);
    this.push(frame);
    this.frames++;
  }

  private push(bytes: Buffer): void {
    this.parts.push(bytes);
    this.pending += bytes.length;
    this.bytes += bytes.length;
    if (this.pending >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, Buffer.concat(this.parts));
    this.parts = [];
    this.pending = 0;
  }
}

/** Sum of the big-endian 16-bit words in [start, end) (an odd last byte padded with zero), plus `initial`. */
function sum16(bytes: Buffer, start: number, end: number, initial: number): number {
  let sum = initial;
  let at = start;
  for (; at + 1 < end; at += 2) sum += (bytes[at]! << 8) | bytes[at + 1]!;
  if (at < end) sum += bytes[at]! << 8;
  return sum;
}

function onesComplement(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return ~folded & 0xffff;
}
