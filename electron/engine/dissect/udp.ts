/**
 * User Datagram Protocol (RFC 768; zero checksum over IPv6: RFC 8200 §8.1, jumbograms RFC 2675).
 *
 *   0      7 8     15 16    23 24    31
 *  +--------+--------+--------+--------+
 *  |   Source Port   | Destination Port|
 *  +--------+--------+--------+--------+
 *  |     Length      |    Checksum     |
 *  +--------+--------+--------+--------+
 */
import { hex } from '../../../shared/fields/format.js';
import { UDP as UDP_FIELDS } from '../../../shared/fields/udp.js';
import { AddressKind, type FrameContext } from './context.js';
import type { Dissector } from './registry.js';

export const UDP = { srcPort: [0, 2], dstPort: [2, 4], length: [4, 6], checksum: [6, 8] } as const;
export const UDP_HEADER_LENGTH = 8;

const F = UDP_FIELDS.fields;

function addTree(ctx: FrameContext, offset: number, length: number, end: number): void {
  const t = ctx.tree;
  if (!t) return;
  const src = ctx.u16(offset);
  const dst = ctx.u16(offset + 2);
  t.begin(
    UDP_FIELDS.protocol,
    `User Datagram Protocol, Src Port: ${src}, Dst Port: ${dst}`,
    offset,
    offset + UDP_HEADER_LENGTH,
  );
  t.at(F.srcport, offset, UDP.srcPort, src);
  t.at(F.dstport, offset, UDP.dstPort, dst);
  t.at(F.length, offset, UDP.length, length);
  const checksum = ctx.u16(offset + UDP.checksum[0]);
  t.at(F.checksum, offset, UDP.checksum, checksum, `Checksum: ${hex(checksum, 4)} [unverified]`);
  if (end > offset + UDP_HEADER_LENGTH) {
    t.add(
      F.payload,
      offset + UDP_HEADER_LENGTH,
      end,
      null,
      `UDP payload (${end - offset - UDP_HEADER_LENGTH} bytes)`,
    );
  }
}

/** Appends the Info text after the ports; returns where the datagram ends, or -1 when its length is impossible. */
function lengthInfo(ctx: FrameContext, offset: number, end: number, length: number): number {
  const available = Math.min(end, ctx.reportedEnd) - offset;
  if (length === 0 && ctx.netKind === AddressKind.IPv6) {
    ctx.appendInfo(` Len=${available - UDP_HEADER_LENGTH} [Jumbogram]`);
    return offset + available;
  }
  if (length < UDP_HEADER_LENGTH) {
    ctx.problem('malformed', 'udp', `length ${length} is below the header's 8`, offset + 4, offset + 6);
    ctx.appendInfo(` [BAD UDP LENGTH ${length} < ${UDP_HEADER_LENGTH}]`);
    return -1;
  }
  let text = '';
  if (length > available) {
    ctx.problem('malformed', 'udp', 'length exceeds the IP payload', offset + 4, offset + 6);
    text = ` [BAD UDP LENGTH ${length} > IP PAYLOAD LENGTH]`;
  }
  text += ` Len=${length - UDP_HEADER_LENGTH}`;
  if (
    ctx.netKind === AddressKind.IPv6 &&
    ctx.available(offset, end) >= UDP_HEADER_LENGTH &&
    ctx.u16(offset + UDP.checksum[0]) === 0
  ) {
    ctx.problem('malformed', 'udp', 'a zero checksum is illegal over IPv6', offset + 6, offset + 8);
    text += ' [ILLEGAL CHECKSUM (0)]';
  }
  ctx.appendInfo(text);
  return Math.min(offset + length, end);
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('UDP');
  ctx.setInfo('');
  if (!ctx.need('udp', offset, 4, end)) return;
  const srcPort = ctx.u16(offset);
  const dstPort = ctx.u16(offset + 2);
  ctx.setInfo(`${srcPort} → ${dstPort}`);
  // The length is judged before the checksum is read, so a segment cut there still says so.
  if (!ctx.need('udp', offset, UDP.length[1], end)) return;
  const length = ctx.u16(offset + UDP.length[0]);
  const stop = lengthInfo(ctx, offset, end, length);
  if (!ctx.need('udp', offset, UDP_HEADER_LENGTH, end)) return;
  addTree(ctx, offset, length, stop < 0 ? offset + UDP_HEADER_LENGTH : stop);
  if (stop < 0) return;
  const payload = offset + UDP_HEADER_LENGTH;
  if (payload >= stop) return;
  const low = Math.min(srcPort, dstPort);
  const high = Math.max(srcPort, dstPort);
  if (ctx.next('udp.port', low, payload, stop) || ctx.next('udp.port', high, payload, stop)) return;
  ctx.data(payload, stop);
}

export const udpDissector: Dissector = {
  id: 'udp',
  bindings: [{ table: 'ip.proto', key: 17 }],
  dissect,
};
