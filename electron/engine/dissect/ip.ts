/**
 * Internet Protocol version 4 (RFC 791; DSCP RFC 2474, ECN RFC 3168).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version|  IHL  |    DS field   |          Total Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Identification        |Flags|      Fragment Offset    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Time to Live |    Protocol   |         Header Checksum       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Source Address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Destination Address                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (IHL > 5)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Fragments are reassembled (ip-defrag.ts): the frame that completes a datagram dissects it; the others'
 * payload is data and Info reads `Fragmented IP protocol (proto=UDP 17, off=1480, ID=1ea0)`.
 */
import { IP } from '../../../shared/fields/ip.js';
import { ipProtoName } from '../../../shared/fields/values.js';
import { AddressKind, type FrameContext } from './context.js';
import { reassemble, type FragmentFields } from './ip-fragments.js';
import { addIpv4Tree } from './ip-tree.js';
import type { Dissector } from './registry.js';

export const IPV4 = {
  versionIhl: [0, 1],
  dsfield: [1, 2],
  totalLength: [2, 4],
  id: [4, 6],
  flagsFragment: [6, 8],
  ttl: [8, 9],
  protocol: [9, 10],
  checksum: [10, 12],
  src: [12, 16],
  dst: [16, 20],
  options: [20, 60],
} as const;
export const IPV4_MIN_HEADER = 20;

/** Checks Wireshark makes before the addresses; each ends the layer with its own Info text. */
function bogus(ctx: FrameContext, offset: number, end: number, first: number): number | undefined {
  const version = first >>> 4;
  const hlen = (first & 0x0f) * 4;
  if (version !== 4) {
    ctx.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
    ctx.problem('malformed', 'ip', 'version is not 4', offset, offset + 1);
    return undefined;
  }
  if (hlen < IPV4_MIN_HEADER) {
    ctx.setInfo(`Bogus IP header length (${hlen}, must be at least ${IPV4_MIN_HEADER})`);
    ctx.problem('malformed', 'ip', 'header length below 20', offset, offset + 1);
    return undefined;
  }
  if (!ctx.need('ip', offset, IPV4.totalLength[1], end)) return undefined;
  // A zero total length is what TCP segmentation offload leaves: Wireshark then uses the frame's.
  const totalLength = ctx.u16(offset + IPV4.totalLength[0]) || Math.min(end, ctx.reportedEnd) - offset;
  if (totalLength < hlen) {
    ctx.setInfo(`Bogus IP length (${totalLength}, less than header length ${hlen})`);
    ctx.problem('malformed', 'ip', 'total length below header length', offset + 2, offset + 4);
    return undefined;
  }
  return totalLength;
}

/** The addresses, read one at a time as Wireshark does, so that a short header keeps the source column. */
function readAddresses(ctx: FrameContext, offset: number, end: number, hlen: number): boolean {
  if (ctx.available(offset, end) >= IPV4.src[1]) ctx.setSource(AddressKind.IPv4, offset + IPV4.src[0]);
  if (!ctx.need('ip', offset, IPV4.dst[1], end)) return false;
  ctx.setDestination(AddressKind.IPv4, offset + IPV4.dst[0]);
  return ctx.need('ip', offset, hlen, end);
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('IPv4');
  ctx.setInfo('');
  if (!ctx.need('ip', offset, 1, end)) return;
  const first = ctx.u8(offset);
  // An IPv6 packet behind EtherType 0x0800 or LINKTYPE_IPV4: Wireshark passes it on.
  if (first >>> 4 === 6 && ctx.nextById('ipv6', offset, end)) return;
  const totalLength = bogus(ctx, offset, end, first);
  if (totalLength === undefined) return;
  const hlen = (first & 0x0f) * 4;
  const claimedEnd = offset + totalLength;
  if (claimedEnd > ctx.reportedEnd)
    ctx.problem('malformed', 'ip', `IPv4 total length exceeds packet length`, offset + 2, offset + 4);
  const datagramEnd = Math.min(claimedEnd, end);
  if (!readAddresses(ctx, offset, datagramEnd, hlen)) return;
  const proto = ctx.u8(offset + IPV4.protocol[0]);
  const fragment = ctx.u16(offset + IPV4.flagsFragment[0]);
  ctx.netKind = AddressKind.IPv4;
  ctx.netSrcOffset = offset + IPV4.src[0];
  ctx.netDstOffset = offset + IPV4.dst[0];
  ctx.netBytes = ctx.bytes;
  ctx.ipTtl = ctx.u8(offset + IPV4.ttl[0]);
  if (ctx.datagramEnd < 0) ctx.datagramEnd = datagramEnd;
  if (ctx.tree) addIpv4Tree(ctx, ctx.tree, offset, hlen, datagramEnd);
  dispatch(ctx, offset + hlen, datagramEnd, proto, fragment, offset);
}

const FRAGMENT_FIELDS: FragmentFields = { name: 'IPv4', ...IP.fields };

function dispatch(
  ctx: FrameContext,
  payload: number,
  end: number,
  proto: number,
  fragment: number,
  header: number,
): void {
  const moreFragments = (fragment & 0x2000) !== 0;
  const fragmentOffset = (fragment & 0x1fff) * 8;
  if (moreFragments || fragmentOffset > 0) {
    const id = ctx.u16(header + 4);
    ctx.setInfo(
      `Fragmented IP protocol (proto=${ipProtoName(proto)} ${proto}, off=${fragmentOffset}, ID=${id.toString(16).padStart(4, '0')})`,
    );
    const key = `4 ${ctx.u32(header + 12)} ${ctx.u32(header + 16)} ${proto} ${id}`;
    const f = { key, start: payload, end, offset: fragmentOffset, more: moreFragments };
    if (!reassemble(ctx, FRAGMENT_FIELDS, f, (c, length) => upper(c, proto, 0, length)))
      ctx.data(payload, end);
    return;
  }
  upper(ctx, proto, payload, end);
}

/** The payload to the protocol above, or data with the protocol's name as Info. */
function upper(ctx: FrameContext, proto: number, payload: number, end: number): void {
  if (payload >= end) return;
  if (ctx.next('ip.proto', proto, payload, end)) return;
  ctx.setInfo(`${ipProtoName(proto)} (${proto})`);
  ctx.data(payload, end);
}

export const ipDissector: Dissector = {
  id: 'ip',
  bindings: [
    { table: 'ethertype', key: 0x0800 },
    { table: 'null.family', key: 2 },
    { table: 'ip.proto', key: 4 },
    { table: 'llc.dsap', key: 0x06 },
  ],
  dissect,
};
