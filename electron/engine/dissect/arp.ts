/**
 * Address Resolution Protocol (RFC 826), Reverse ARP (RFC 903), Inverse ARP (RFC 2390).
 *
 *   0                   1                   2                   3
 *  +-------------------------------+-------------------------------+
 *  |        hardware type          |        protocol type          |
 *  +---------------+---------------+-------------------------------+
 *  |  hw len (hln) | proto len(pln)|            opcode             |
 *  +---------------+---------------+-------------------------------+
 *  | sender hw address (hln) | sender proto address (pln) | target hw (hln) | target proto (pln) |
 *
 * ARP does not set the address columns: they keep the link layer's MACs.
 */
import { ARP, ARP_OPCODES } from '../../../shared/fields/arp.js';
import { formatBytes } from '../../../shared/fields/format.js';
import { AddressKind, type FrameContext } from './context.js';
import type { Dissector } from './registry.js';
import type { DetailTree } from './tree.js';

export const ARP_HEADER = {
  hwType: [0, 2],
  protoType: [2, 4],
  hwSize: [4, 5],
  protoSize: [5, 6],
  opcode: [6, 8],
} as const;
export const ARP_FIXED_LENGTH = 8;

const F = ARP.fields;
const ETHERTYPE_IPV4 = 0x0800;

/** Where the four variable-length addresses sit (after the fixed header). */
interface Layout {
  readonly sha: number;
  readonly spa: number;
  readonly tha: number;
  readonly tpa: number;
  readonly hln: number;
  readonly pln: number;
  readonly ipv4: boolean;
}

function hwText(ctx: FrameContext, at: number, hln: number): string {
  if (hln === 6) return ctx.addressText(AddressKind.Ether, at);
  const parts: string[] = [];
  for (let i = 0; i < hln; i++) parts.push((ctx.bytes[at + i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(':');
}

function protoText(ctx: FrameContext, at: number, l: Layout): string {
  return l.ipv4 ? ctx.addressText(AddressKind.IPv4, at) : formatBytes(ctx.bytes.subarray(at, at + l.pln));
}

function allZero(ctx: FrameContext, at: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (ctx.bytes[at + i] !== 0) return false;
  return true;
}

function sameBytes(ctx: FrameContext, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (ctx.bytes[a + i] !== ctx.bytes[b + i]) return false;
  return true;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Info text and the tree title's parenthesis, as Wireshark words each opcode. */
function describe(ctx: FrameContext, opcode: number, l: Layout): { info: string; title: string } {
  const spa = (): string => protoText(ctx, l.spa, l);
  const tpa = (): string => protoText(ctx, l.tpa, l);
  const gratuitous = sameBytes(ctx, l.spa, l.tpa, l.pln);
  switch (opcode) {
    case 1:
      if (gratuitous && allZero(ctx, l.tha, l.hln))
        return { info: `ARP Announcement for ${spa()}`, title: 'ARP Announcement' };
      if (gratuitous)
        return { info: `Gratuitous ARP for ${spa()} (Request)`, title: 'request/gratuitous ARP' };
      if (allZero(ctx, l.spa, l.pln)) return { info: `Who has ${tpa()}? (ARP Probe)`, title: 'ARP Probe' };
      return { info: `Who has ${tpa()}? Tell ${spa()}`, title: 'request' };
    case 2:
      if (gratuitous) return { info: `Gratuitous ARP for ${spa()} (Reply)`, title: 'reply/gratuitous ARP' };
      return { info: `${spa()} is at ${hwText(ctx, l.sha, l.hln)}`, title: 'reply' };
    case 3:
    case 8:
      return {
        info: `Who is ${hwText(ctx, l.tha, l.hln)}? Tell ${hwText(ctx, l.sha, l.hln)}`,
        title: ARP_OPCODES[opcode] ?? '',
      };
    case 4:
      return { info: `${hwText(ctx, l.tha, l.hln)} is at ${tpa()}`, title: 'reverse reply' };
    case 9:
      return { info: `${hwText(ctx, l.sha, l.hln)} is at ${spa()}`, title: 'inverse reply' };
    case 0:
    case 0xffff:
      return { info: `Reserved opcode ${opcode}`, title: 'reserved' };
    default: {
      const name = ARP_OPCODES[opcode];
      return name
        ? { info: `${capitalized(name)} ( opcode ${opcode} )`, title: name }
        : { info: `Unknown ARP opcode 0x${opcode.toString(16).padStart(4, '0')}`, title: 'opcode unknown' };
    }
  }
}

function columnProtocol(opcode: number): string {
  if (opcode === 3 || opcode === 4) return 'RARP';
  if (opcode === 8 || opcode === 9) return 'Inverse ARP';
  return 'ARP';
}

function addTree(
  ctx: FrameContext,
  t: DetailTree,
  offset: number,
  opcode: number,
  l: Layout,
  title: string,
): void {
  t.begin(ARP.protocol, `Address Resolution Protocol (${title})`, offset, l.tpa + l.pln);
  t.at(F.hwType, offset, ARP_HEADER.hwType, ctx.u16(offset));
  t.at(F.protoType, offset, ARP_HEADER.protoType, ctx.u16(offset + 2));
  t.at(F.hwSize, offset, ARP_HEADER.hwSize, l.hln);
  t.at(F.protoSize, offset, ARP_HEADER.protoSize, l.pln);
  t.at(F.opcode, offset, ARP_HEADER.opcode, opcode);
  const hw = (at: number, mac: typeof F.srcHwMac, other: typeof F.srcHw) =>
    t.add(l.hln === 6 ? mac : other, at, at + l.hln, hwText(ctx, at, l.hln));
  const proto = (at: number, ipv4: typeof F.srcProtoIpv4, other: typeof F.srcProto) =>
    t.add(l.ipv4 ? ipv4 : other, at, at + l.pln, protoText(ctx, at, l));
  hw(l.sha, F.srcHwMac, F.srcHw);
  proto(l.spa, F.srcProtoIpv4, F.srcProto);
  hw(l.tha, F.dstHwMac, F.dstHw);
  proto(l.tpa, F.dstProtoIpv4, F.dstProto);
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('ARP');
  ctx.setInfo('');
  if (!ctx.need('arp', offset, ARP_FIXED_LENGTH, end)) return;
  const hln = ctx.u8(offset + ARP_HEADER.hwSize[0]);
  const pln = ctx.u8(offset + ARP_HEADER.protoSize[0]);
  const opcode = ctx.u16(offset + ARP_HEADER.opcode[0]);
  if (!ctx.need('arp', offset, ARP_FIXED_LENGTH + 2 * (hln + pln), end)) return;
  const sha = offset + ARP_FIXED_LENGTH;
  const ipv4 = ctx.u16(offset + ARP_HEADER.protoType[0]) === ETHERTYPE_IPV4 && pln === 4;
  const l: Layout = { sha, spa: sha + hln, tha: sha + hln + pln, tpa: sha + 2 * hln + pln, hln, pln, ipv4 };
  ctx.setProtocol(columnProtocol(opcode));
  const { info, title } = describe(ctx, opcode, l);
  ctx.setInfo(info);
  if (ctx.datagramEnd < 0) ctx.datagramEnd = l.tpa + pln;
  if (ctx.tree) addTree(ctx, ctx.tree, offset, opcode, l, title);
}

export const arpDissector: Dissector = {
  id: 'arp',
  bindings: [
    { table: 'ethertype', key: 0x0806 },
    { table: 'ethertype', key: 0x8035 },
  ],
  dissect,
};
