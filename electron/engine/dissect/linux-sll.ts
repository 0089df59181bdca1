/**
 * Linux "cooked" capture headers (tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html and _SLL2.html),
 * written by `tcpdump -i any`: the kernel's view of a packet instead of its link-layer header.
 *
 *  SLL (v1, 16 bytes)                            SLL2 (20 bytes)
 *  0        2        4        6          14  16  0        2        4          8        10  11  12         20
 *  +--------+--------+--------+----------+---+   +--------+--------+----------+--------+---+---+----------+
 *  |pkttype | hatype | halen  | address  |pro|   |protocol|reserved| ifindex  | hatype |pkt|len| address  |
 *  +--------+--------+--------+----------+---+   +--------+--------+----------+--------+---+---+----------+
 *
 * Only a source address is recorded, so the Destination column stays empty. Protocol values below 0x0600
 * are Linux ETH_P_* pseudo-types (802.2 LLC…) rather than EtherTypes.
 */
import { formatBytes } from '../../../shared/fields/format.js';
import { SLL, SLL_PKTTYPES } from '../../../shared/fields/linux-sll.js';
import { LinkType } from '../../../shared/link-types.js';
import { AddressKind, type FrameContext } from './context.js';
import { dissectEthertype, MIN_ETHERTYPE } from './ethertype.js';
import type { Dissector } from './registry.js';
import type { DetailTree, Span } from './tree.js';

export const SLL_V1 = {
  pkttype: [0, 2],
  hatype: [2, 4],
  halen: [4, 6],
  address: [6, 14],
  protocol: [14, 16],
} as const;
export const SLL_V2 = {
  protocol: [0, 2],
  reserved: [2, 4],
  ifindex: [4, 8],
  hatype: [8, 10],
  pkttype: [10, 11],
  halen: [11, 12],
  address: [12, 20],
} as const;

const F = SLL.fields;

function pkttypeText(value: number): string {
  return SLL_PKTTYPES[value] ?? `Unknown (${value})`;
}

/** The source address, typed by its length as Wireshark does (4: IPv4, 6: MAC, other: bytes). */
function setSource(ctx: FrameContext, addressOffset: number, halen: number): void {
  if (halen === 6) ctx.setSource(AddressKind.Ether, addressOffset);
  else if (halen === 4) ctx.setSource(AddressKind.IPv4, addressOffset);
}

function addAddress(ctx: FrameContext, t: DetailTree, base: number, span: Span, halen: number): void {
  const start = base + span[0];
  const used = Math.min(halen, span[1] - span[0]);
  if (halen === 6) t.add(F.srcEth, start, start + 6, ctx.addressText(AddressKind.Ether, start));
  else if (halen === 4) t.add(F.srcIpv4, start, start + 4, ctx.addressText(AddressKind.IPv4, start));
  else if (used > 0)
    t.add(
      F.srcOther,
      start,
      start + used,
      null,
      `Source: ${formatBytes(ctx.bytes.subarray(start, start + used))}`,
    );
  if (used < span[1] - span[0]) {
    t.add(
      F.unused,
      start + used,
      base + span[1],
      null,
      `Unused: ${formatBytes(ctx.bytes.subarray(start + used, base + span[1]))}`,
    );
  }
}

function handOff(ctx: FrameContext, protocol: number, offset: number, end: number): void {
  if (protocol >= MIN_ETHERTYPE) dissectEthertype(ctx, protocol, offset, end);
  else if (!ctx.next('sll.ltype', protocol, offset, end)) ctx.data(offset, end);
}

function protocolLine(t: DetailTree, base: number, span: Span, protocol: number): void {
  t.at(protocol >= MIN_ETHERTYPE ? F.etype : F.ltype, base, span, protocol);
}

function dissectV1(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('SLL');
  if (!ctx.need('sll', offset, SLL_V1.halen[1], end)) return;
  const pkttype = ctx.u16(offset);
  ctx.setInfo(pkttypeText(pkttype));
  const hatype = ctx.u16(offset + SLL_V1.hatype[0]);
  const halen = ctx.u16(offset + SLL_V1.halen[0]);
  if (!ctx.need('sll', offset, SLL_V1.protocol[0], end)) return;
  setSource(ctx, offset + SLL_V1.address[0], halen);
  if (!ctx.need('sll', offset, SLL_V1.protocol[1], end)) return;
  const protocol = ctx.u16(offset + SLL_V1.protocol[0]);
  const t = ctx.tree;
  if (t) {
    t.begin(SLL.protocol, 'Linux cooked capture v1', offset, offset + SLL_V1.protocol[1]);
    t.at(F.pkttype, offset, SLL_V1.pkttype, pkttype);
    t.at(F.hatype, offset, SLL_V1.hatype, hatype);
    t.at(F.halen, offset, SLL_V1.halen, halen);
    addAddress(ctx, t, offset, SLL_V1.address, halen);
    protocolLine(t, offset, SLL_V1.protocol, protocol);
  }
  handOff(ctx, protocol, offset + SLL_V1.protocol[1], end);
}

function dissectV2(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('SLL');
  if (!ctx.need('sll', offset, SLL_V2.halen[1], end)) return;
  const protocol = ctx.u16(offset);
  // Wireshark 4.0 reads the one-byte packet type as 16 bits here (with the address length):
  // what it prints is that value's name, usually `Unknown (6)`, until an upper layer sets Info.
  ctx.setInfo(pkttypeText(ctx.u16(offset + SLL_V2.pkttype[0])));
  const halen = ctx.u8(offset + SLL_V2.halen[0]);
  if (!ctx.need('sll', offset, SLL_V2.address[1], end)) return;
  setSource(ctx, offset + SLL_V2.address[0], halen);
  const t = ctx.tree;
  if (t) {
    t.begin(SLL.protocol, 'Linux cooked capture v2', offset, offset + SLL_V2.address[1]);
    protocolLine(t, offset, SLL_V2.protocol, protocol);
    t.at(F.ifindex, offset, SLL_V2.ifindex, ctx.u32(offset + SLL_V2.ifindex[0]));
    t.at(F.hatype, offset, SLL_V2.hatype, ctx.u16(offset + SLL_V2.hatype[0]));
    t.at(F.pkttype, offset, SLL_V2.pkttype, ctx.u8(offset + SLL_V2.pkttype[0]));
    t.at(F.halen, offset, SLL_V2.halen, halen);
    addAddress(ctx, t, offset, SLL_V2.address, halen);
  }
  handOff(ctx, protocol, offset + SLL_V2.address[1], end);
}

export const sllDissector: Dissector = {
  id: 'sll',
  bindings: [{ table: 'link', key: LinkType.LINUX_SLL }],
  dissect: dissectV1,
};

export const sll2Dissector: Dissector = {
  id: 'sll2',
  chainId: 'sll',
  bindings: [{ table: 'link', key: LinkType.LINUX_SLL2 }],
  dissect: dissectV2,
};
