/**
 * BSD loopback encapsulation (LINKTYPE_NULL and LINKTYPE_LOOP): a 4-byte address family.
 *
 *  0                   1                   2                   3
 *  +---------------------------------------------------------------+
 *  |        address family (AF_INET 2, AF_INET6 24/28/30)          |
 *  +---------------------------------------------------------------+
 *
 * NULL writes the family in the capturing host's byte order, LOOP always in network order. Families
 * are small, so a value with upper bits set is the other byte order. AF_INET6 differs per BSD
 * (NetBSD/OpenBSD 24, FreeBSD 28, macOS 30). Wireshark fills the columns with `N/A` before the
 * network layer replaces them.
 */
import { NULL } from '../../../shared/fields/linux-sll.js';
import { LinkType } from '../../../shared/link-types.js';
import { AddressKind, type FrameContext } from './context.js';
import { dissectEthertype, MAX_802_3_LENGTH } from './ethertype.js';
import type { Dissector } from './registry.js';

export const NULL_HEADER = { family: [0, 4] } as const;
export const NULL_HEADER_LENGTH = 4;

function swap32(value: number): number {
  return (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
}

/**
 * The header as Wireshark (on a little-endian host) makes sense of it: read in host order; upper bits
 * set mean either a 16-bit family in the first two bytes (IRIX) or the other byte order. A value above
 * 1500 is an EtherType (its low 16 bits), written by some old capturing systems.
 */
function familyOf(ctx: FrameContext, offset: number, networkOrder: boolean): number {
  const raw = ctx.u32(offset);
  if (networkOrder) return raw;
  let value = swap32(raw);
  if ((value & 0xffff0000) !== 0) {
    value = (value & 0xff000000) === 0 && (value & 0x00ff0000) < 0x00060000 ? value >>> 16 : swap32(value);
  }
  return value;
}

function dissectFamily(ctx: FrameContext, offset: number, end: number, networkOrder: boolean): void {
  ctx.setProtocol('N/A');
  ctx.setSource(AddressKind.NotApplicable, 0);
  ctx.setDestination(AddressKind.NotApplicable, 0);
  ctx.setInfo('Null/Loopback');
  if (!ctx.need('null', offset, NULL_HEADER_LENGTH, end)) return;
  const family = familyOf(ctx, offset, networkOrder);
  const payload = offset + NULL_HEADER_LENGTH;
  const t = ctx.tree;
  t?.begin(NULL.protocol, 'Null/Loopback', offset, payload);
  if (family > MAX_802_3_LENGTH) {
    const type = family & 0xffff;
    t?.at(NULL.fields.type, offset, NULL_HEADER.family, type);
    dissectEthertype(ctx, type, payload, end, false);
    return;
  }
  t?.at(NULL.fields.family, offset, NULL_HEADER.family, family);
  if (!ctx.next('null.family', family, payload, end)) ctx.data(payload, end);
}

export const nullDissector: Dissector = {
  id: 'null',
  bindings: [{ table: 'link', key: LinkType.NULL }],
  dissect: (ctx, offset, end) => dissectFamily(ctx, offset, end, false),
};

export const loopDissector: Dissector = {
  id: 'loop',
  chainId: 'null',
  bindings: [{ table: 'link', key: LinkType.LOOP }],
  dissect: (ctx, offset, end) => dissectFamily(ctx, offset, end, true),
};
