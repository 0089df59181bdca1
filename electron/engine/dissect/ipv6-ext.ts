/**
 * IPv6 extension headers (RFC 8200 §4): hop-by-hop options (0), routing (43), fragment (44) and
 * destination options (60). Each is its own dissector in the `ip.proto` table and hands on to the next.
 *
 *  Options headers and routing:             Fragment:
 *  +-------------+-------------+----- ...   +-------------+-------------+--------------------+-+-+-+
 *  | Next Header | Hdr Ext Len | options    | Next Header |  Reserved   | Fragment Offset    |Res|M|
 *  +-------------+-------------+----- ...   +-------------+-------------+--------------------+-+-+-+
 *  (length in 8-octet units, not counting the first 8)                  |        Identification      |
 *
 * Fragments other than an atomic one (offset 0, M clear) are reassembled (ip-defrag.ts): the frame that
 * completes the datagram dissects it; the others' payload is data.
 */
import { hex } from '../../../shared/fields/format.js';
import { IPV6, IPV6_DSTOPTS, IPV6_FRAGHDR, IPV6_HOPOPTS, IPV6_ROUTING } from '../../../shared/fields/ipv6.js';
import type { ProtocolFields } from '../../../shared/fields/types.js';
import { AddressKind, type FrameContext } from './context.js';
import { reassemble, type FragmentFields } from './ip-fragments.js';
import { ipv6NextHeader } from './ipv6.js';
import type { Dissector } from './registry.js';

export const IPV6_EXT = { nextHeader: [0, 1], length: [1, 2] } as const;
export const IPV6_ROUTING_HEADER = {
  nextHeader: [0, 1],
  length: [1, 2],
  type: [2, 3],
  segmentsLeft: [3, 4],
} as const;
export const IPV6_FRAGMENT_HEADER = {
  nextHeader: [0, 1],
  reserved: [1, 2],
  offsetFlags: [2, 4],
  ident: [4, 8],
} as const;

type OptionsFields = typeof IPV6_HOPOPTS extends ProtocolFields<infer F> ? F : never;

const OPTION_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Pad1',
  0x01: 'PadN',
  0x04: 'Tunnel Encapsulation Limit',
  0x05: 'Router Alert',
  0x07: 'CALIPSO',
  0x08: 'SMF_DPD',
  0x26: 'Quick-Start',
  0x63: 'RPL Option',
  0xc2: 'Jumbo Payload',
  0xc9: 'Home Address',
};

/**
 * The TLV options. Wireshark 4.0 reads a type and a length byte even for Pad1, so a Pad1 in the last
 * byte of the header reads past it: that frame is `[Malformed Packet]` in tshark, and here too.
 */
function walkOptions(ctx: FrameContext, id: string, start: number, end: number): boolean {
  const t = ctx.tree;
  for (let at = start; at < end;) {
    if (!ctx.need(id, at, 2, end)) return false;
    const type = ctx.u8(at);
    const length = type === 0 ? 1 : 2 + ctx.u8(at + 1);
    if (!ctx.need(id, at, length, end)) return false;
    if (t) {
      t.open(
        t.add(
          IPV6.fields.opt,
          at,
          at + length,
          null,
          OPTION_NAMES[type] ?? `Unknown IPv6 Option (${hex(type, 2)})`,
        ),
      );
      t.add(IPV6.fields.optType, at, at + 1, type);
      if (type !== 0) t.add(IPV6.fields.optLength, at + 1, at + 2, length - 2);
      t.close();
    }
    at += length;
  }
  return true;
}

function optionsHeader(P: ProtocolFields<OptionsFields>, info: string, key: number): Dissector {
  const id = P.protocol.id;
  return {
    id,
    bindings: [{ table: 'ip.proto', key }],
    dissect(ctx, offset, end) {
      ctx.setInfo(info);
      if (!ctx.need(id, offset, 2, end)) return;
      const nxt = ctx.u8(offset);
      const length = (ctx.u8(offset + 1) + 1) * 8;
      if (!ctx.need(id, offset, length, end)) return;
      const t = ctx.tree;
      if (t) {
        t.begin(P.protocol, P.protocol.name, offset, offset + length);
        t.at(P.fields.nxt, offset, IPV6_EXT.nextHeader, nxt);
        t.at(P.fields.len, offset, IPV6_EXT.length, ctx.u8(offset + 1));
        t.at(P.fields.lenOct, offset, IPV6_EXT.length, length);
      }
      if (!walkOptions(ctx, id, offset + 2, offset + length)) return;
      ipv6NextHeader(ctx, nxt, offset + length, end);
    },
  };
}

export const hopByHopDissector = optionsHeader(IPV6_HOPOPTS, 'IPv6 hop-by-hop options', 0);
export const destinationOptionsDissector = optionsHeader(IPV6_DSTOPTS, 'IPv6 destination options', 60);

/**
 * Type 0 (source route, deprecated) and type 2 (Mobile IPv6) list addresses after 4 reserved bytes;
 * while segments remain, the packet's real destination is the last one, and the columns say so.
 */
function routeAddresses(
  ctx: FrameContext,
  offset: number,
  length: number,
  type: number,
  segmentsLeft: number,
): void {
  if (type !== 0 && type !== 2) return;
  const count = Math.floor((length - 8) / 16);
  const t = ctx.tree;
  if (t) {
    t.add(
      IPV6_ROUTING.fields.reserved,
      offset + 4,
      offset + 8,
      null,
      `Reserved: ${hex(ctx.u32(offset + 4), 8).slice(2)}`,
    );
    for (let i = 0; i < count; i++) {
      const at = offset + 8 + 16 * i;
      t.add(
        IPV6_ROUTING.fields.address,
        at,
        at + 16,
        ctx.addressText(AddressKind.IPv6, at),
        `Address[${i + 1}]: ${ctx.addressText(AddressKind.IPv6, at)}`,
      );
    }
  }
  if (segmentsLeft > 0 && count > 0) {
    const last = offset + 8 + 16 * (count - 1);
    ctx.setDestination(AddressKind.IPv6, last);
    ctx.netDstOffset = last;
  }
}

export const routingDissector: Dissector = {
  id: 'ipv6.routing',
  bindings: [{ table: 'ip.proto', key: 43 }],
  dissect(ctx, offset, end) {
    ctx.setInfo('IPv6 routing');
    if (!ctx.need('ipv6.routing', offset, 8, end)) return;
    const nxt = ctx.u8(offset);
    const length = (ctx.u8(offset + 1) + 1) * 8;
    if (!ctx.need('ipv6.routing', offset, length, end)) return;
    const type = ctx.u8(offset + 2);
    const segmentsLeft = ctx.u8(offset + 3);
    const t = ctx.tree;
    if (t) {
      const F = IPV6_ROUTING.fields;
      t.begin(
        IPV6_ROUTING.protocol,
        `Routing Header for IPv6 (${F.type.strings?.[type] ?? 'Unknown'})`,
        offset,
        offset + length,
      );
      t.at(F.nxt, offset, IPV6_ROUTING_HEADER.nextHeader, nxt);
      t.at(F.len, offset, IPV6_ROUTING_HEADER.length, ctx.u8(offset + 1));
      t.at(F.lenOct, offset, IPV6_ROUTING_HEADER.length, length);
      t.at(F.type, offset, IPV6_ROUTING_HEADER.type, type);
      t.at(F.segleft, offset, IPV6_ROUTING_HEADER.segmentsLeft, segmentsLeft);
      if (type !== 0 && type !== 2)
        t.add(F.data, offset + 4, offset + length, null, `Type-Specific Data (${length - 4} bytes)`);
    }
    routeAddresses(ctx, offset, length, type, segmentsLeft);
    ipv6NextHeader(ctx, nxt, offset + length, end);
  },
};

function addFragmentTree(ctx: FrameContext, offset: number, nxt: number, word: number, ident: number): void {
  const t = ctx.tree;
  if (!t) return;
  const F = IPV6_FRAGHDR.fields;
  t.begin(IPV6_FRAGHDR.protocol, IPV6_FRAGHDR.protocol.name, offset, offset + 8);
  t.at(F.nxt, offset, IPV6_FRAGMENT_HEADER.nextHeader, nxt);
  t.at(F.reserved, offset, IPV6_FRAGMENT_HEADER.reserved, ctx.u8(offset + 1));
  t.at(F.offset, offset, IPV6_FRAGMENT_HEADER.offsetFlags, word >>> 3);
  t.at(F.reservedBits, offset, IPV6_FRAGMENT_HEADER.offsetFlags, (word >>> 1) & 3);
  t.at(F.more, offset, IPV6_FRAGMENT_HEADER.offsetFlags, (word & 1) === 1);
  t.at(F.ident, offset, IPV6_FRAGMENT_HEADER.ident, ident);
}

const FRAGMENT_FIELDS: FragmentFields = { name: 'IPv6', ...IPV6.fields };

/** The datagram's identity: addresses (the innermost IPv6 header's, read from the frame) and identification. */
function fragmentKey(ctx: FrameContext, ident: number): string {
  let key = '6';
  for (let i = 0; i < 16; i += 4)
    key += ` ${ctx.netU32(ctx.netSrcOffset + i)} ${ctx.netU32(ctx.netDstOffset + i)}`;
  return `${key} ${ident}`;
}

export const fragmentDissector: Dissector = {
  id: 'ipv6.fraghdr',
  bindings: [{ table: 'ip.proto', key: 44 }],
  dissect(ctx, offset, end) {
    if (!ctx.need('ipv6.fraghdr', offset, 8, end)) return;
    const nxt = ctx.u8(offset);
    const word = ctx.u16(offset + 2);
    const ident = ctx.u32(offset + 4);
    const fragmentOffset = word & 0xfff8;
    const more = (word & 1) === 1;
    ctx.setInfo(
      `IPv6 fragment (off=${fragmentOffset} more=${more ? 'y' : 'n'} ident=${hex(ident, 8)} nxt=${nxt})`,
    );
    addFragmentTree(ctx, offset, nxt, word, ident);
    if (fragmentOffset === 0 && !more) {
      ipv6NextHeader(ctx, nxt, offset + 8, end);
      return;
    }
    const f = { key: fragmentKey(ctx, ident), start: offset + 8, end, offset: fragmentOffset, more };
    if (!reassemble(ctx, FRAGMENT_FIELDS, f, (c, length) => ipv6NextHeader(c, nxt, 0, length)))
      ctx.data(offset + 8, end);
  },
};
