/**
 * Internet Protocol version 6 (RFC 8200).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Version| Traffic Class |           Flow Label                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |         Payload Length        |  Next Header  |   Hop Limit   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Source Address (128 bits)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               Destination Address (128 bits)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Extension headers are dissectors of their own in the `ip.proto` table (ipv6-ext.ts), so the chain
 * hop-by-hop → routing → fragment → TCP is walked by the registry, as in Wireshark.
 */
import { bitPattern, hex } from '../../../shared/fields/format.js';
import { IPV6 as IPV6_FIELDS } from '../../../shared/fields/ipv6.js';
import { ipProtoName } from '../../../shared/fields/values.js';
import { LinkType } from '../../../shared/link-types.js';
import { AddressKind, type FrameContext } from './context.js';
import { dsfieldSummary } from './ip-tree.js';
import type { Dissector } from './registry.js';
import type { DetailTree } from './tree.js';

export const IPV6 = {
  versionClassFlow: [0, 4],
  payloadLength: [4, 6],
  nextHeader: [6, 7],
  hopLimit: [7, 8],
  src: [8, 24],
  dst: [24, 40],
} as const;
export const IPV6_HEADER_LENGTH = 40;
const NO_NEXT_HEADER = 59;

const F = IPV6_FIELDS.fields;

/** After the fixed header or an extension header: the next header, as IPv6 hands it on. */
export function ipv6NextHeader(ctx: FrameContext, nxt: number, offset: number, end: number): void {
  if (nxt === NO_NEXT_HEADER) {
    ctx.setInfo('IPv6 no next header');
    ctx.data(offset, end);
    return;
  }
  // Unlike IPv4, an empty payload is still handed on (and a missing header is then malformed).
  if (ctx.next('ip.proto', nxt, offset, end)) return;
  ctx.setInfo(`Unknown IP Protocol: ${ipProtoName(nxt)} (${nxt})`);
  ctx.data(offset, end);
}

function addTree(ctx: FrameContext, t: DetailTree, offset: number, end: number): void {
  const src = ctx.addressText(AddressKind.IPv6, offset + IPV6.src[0]);
  const dst = ctx.addressText(AddressKind.IPv6, offset + IPV6.dst[0]);
  t.begin(IPV6_FIELDS.protocol, `Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`, offset, end);
  const word = ctx.u32(offset);
  const tclass = (word >>> 20) & 0xff;
  t.at(F.version, offset, IPV6.versionClassFlow, word >>> 28);
  t.open(
    t.at(
      F.tclass,
      offset,
      IPV6.versionClassFlow,
      tclass,
      `${bitPattern(F.tclass, tclass)} = Traffic Class: ${dsfieldSummary(tclass)}`,
    ),
  );
  t.at(F.dscp, offset, IPV6.versionClassFlow, tclass >>> 2);
  t.at(F.ecn, offset, IPV6.versionClassFlow, tclass & 3);
  t.close();
  t.at(
    F.flow,
    offset,
    IPV6.versionClassFlow,
    word & 0xfffff,
    `${bitPattern(F.flow, word & 0xfffff)} = Flow Label: ${hex(word & 0xfffff, 5)}`,
  );
  t.at(F.plen, offset, IPV6.payloadLength, ctx.u16(offset + 4));
  t.at(F.nxt, offset, IPV6.nextHeader, ctx.u8(offset + 6));
  t.at(F.hlim, offset, IPV6.hopLimit, ctx.u8(offset + 7));
  t.at(F.src, offset, IPV6.src, src);
  t.at(F.dst, offset, IPV6.dst, dst);
}

function dissect(ctx: FrameContext, offset: number, end: number): boolean {
  // Not IPv6 at all: decline before touching the columns, as Wireshark's dissector returns 0.
  if (ctx.available(offset, end) >= 1 && ctx.u8(offset) >>> 4 !== 6) return false;
  ctx.setProtocol('IPv6');
  ctx.setInfo('');
  const reported = Math.min(end, ctx.reportedEnd) - offset;
  if (reported < IPV6_HEADER_LENGTH) {
    ctx.setInfo(`Invalid IPv6 header (${reported} bytes, need exactly ${IPV6_HEADER_LENGTH})`);
  }
  // Wireshark reads the source before the destination: a header cut between them keeps the source.
  if (ctx.available(offset, end) >= IPV6.src[1]) ctx.setSource(AddressKind.IPv6, offset + IPV6.src[0]);
  if (!ctx.need('ipv6', offset, IPV6_HEADER_LENGTH, end)) return true;
  ctx.setDestination(AddressKind.IPv6, offset + IPV6.dst[0]);
  const plen = ctx.u16(offset + IPV6.payloadLength[0]);
  const nxt = ctx.u8(offset + IPV6.nextHeader[0]);
  const payload = offset + IPV6_HEADER_LENGTH;
  // Payload length 0 is TSO (or a jumbogram): then the frame says how long the packet is.
  const claimedEnd = plen === 0 ? end : payload + plen;
  if (claimedEnd > ctx.reportedEnd)
    ctx.problem('malformed', 'ipv6', 'IPv6 payload length exceeds framing length', offset + 4, offset + 6);
  const datagramEnd = Math.min(claimedEnd, end);
  ctx.netKind = AddressKind.IPv6;
  ctx.netSrcOffset = offset + IPV6.src[0];
  ctx.netDstOffset = offset + IPV6.dst[0];
  ctx.netBytes = ctx.bytes;
  ctx.ipTtl = ctx.u8(offset + IPV6.hopLimit[0]);
  if (ctx.datagramEnd < 0) ctx.datagramEnd = datagramEnd;
  if (ctx.tree) addTree(ctx, ctx.tree, offset, datagramEnd);
  ipv6NextHeader(ctx, nxt, payload, datagramEnd);
  return true;
}

export const ipv6Dissector: Dissector = {
  id: 'ipv6',
  bindings: [
    { table: 'ethertype', key: 0x86dd },
    { table: 'ip.proto', key: 41 },
    { table: 'null.family', key: 24 },
    { table: 'null.family', key: 28 },
    { table: 'null.family', key: 30 },
  ],
  dissect,
};

/** LINKTYPE_IPV6: no link layer, and a packet that is not IPv6 is reported rather than passed on. */
export const ipv6LinkDissector: Dissector = {
  id: 'linktype-ipv6',
  chainId: null,
  bindings: [{ table: 'link', key: LinkType.IPV6 }],
  dissect(ctx, offset, end) {
    if (ctx.nextById('ipv6', offset, end)) return;
    const version = ctx.u8(offset) >>> 4;
    ctx.setProtocol('IPv6');
    ctx.setInfo(`Bogus IPv6 version (${version}, must be 6)`);
    ctx.problem('malformed', 'ipv6', 'version is not 6', offset, offset + 1);
  },
};
