/** Internet Protocol version 6 (RFC 8200) and its extension headers, each its own protocol as in Wireshark. */
import { DSCP_NAMES, ECN_NAMES } from './ip.js';
import { IP_PROTO_NAMES } from './values.js';
import { defineProtocol, field } from './types.js';

export const IPV6 = defineProtocol(
  { id: 'ipv6', name: 'Internet Protocol Version 6', short: 'IPv6' },
  {
    version: field('ipv6.version', 'Version', 'uint8', { mask: 0xf0 }),
    tclass: field('ipv6.tclass', 'Traffic Class', 'uint32', { base: 'hex', mask: 0x0ff00000 }),
    dscp: field('ipv6.tclass.dscp', 'Differentiated Services Codepoint', 'uint32', {
      mask: 0x0fc00000,
      strings: DSCP_NAMES,
    }),
    ecn: field('ipv6.tclass.ecn', 'Explicit Congestion Notification', 'uint32', {
      mask: 0x00300000,
      strings: ECN_NAMES,
    }),
    flow: field('ipv6.flow', 'Flow Label', 'uint24', { base: 'hex', mask: 0x0fffff }),
    plen: field('ipv6.plen', 'Payload Length', 'uint16'),
    nxt: field('ipv6.nxt', 'Next Header', 'uint8', { strings: IP_PROTO_NAMES }),
    hlim: field('ipv6.hlim', 'Hop Limit', 'uint8'),
    src: field('ipv6.src', 'Source Address', 'ipv6'),
    dst: field('ipv6.dst', 'Destination Address', 'ipv6'),
    opt: field('ipv6.opt', 'IPv6 Option', 'none'),
    optType: field('ipv6.opt.type', 'Type', 'uint8', { base: 'hex' }),
    optLength: field('ipv6.opt.length', 'Length', 'uint8'),
    reassembledIn: field('ipv6.reassembled_in', 'Reassembled IPv6 in frame', 'framenum', {
      generated: true,
    }),
    fragments: field('ipv6.fragments', 'IPv6 Fragments', 'none', { generated: true }),
    fragment: field('ipv6.fragment', 'IPv6 Fragment', 'framenum', { generated: true }),
    fragmentCount: field('ipv6.fragment.count', 'Fragment count', 'uint32', { generated: true }),
    reassembledLength: field('ipv6.reassembled.length', 'Reassembled IPv6 length', 'uint32', {
      generated: true,
    }),
    reassembledData: field('ipv6.reassembled.data', 'Reassembled IPv6 data', 'bytes', { generated: true }),
  },
);

/** Hop-by-hop and destination options share one layout (RFC 8200 §4.3, §4.6). */
function optionsHeader(id: string, name: string, short: string) {
  return defineProtocol(
    { id, name, short },
    {
      nxt: field(`${id}.nxt`, 'Next Header', 'uint8', { strings: IP_PROTO_NAMES }),
      len: field(`${id}.len`, 'Length', 'uint8'),
      lenOct: field(`${id}.len_oct`, 'Length', 'uint16', { generated: true, unit: ' bytes' }),
    },
  );
}

export const IPV6_HOPOPTS = optionsHeader('ipv6.hopopts', 'IPv6 Hop-by-Hop Option', 'IPv6 Hop-by-Hop');
export const IPV6_DSTOPTS = optionsHeader('ipv6.dstopts', 'Destination Options for IPv6', 'IPv6 Destination');

export const IPV6_ROUTING = defineProtocol(
  { id: 'ipv6.routing', name: 'Routing Header for IPv6', short: 'IPv6 Routing' },
  {
    nxt: field('ipv6.routing.nxt', 'Next Header', 'uint8', { strings: IP_PROTO_NAMES }),
    len: field('ipv6.routing.len', 'Length', 'uint8'),
    lenOct: field('ipv6.routing.len_oct', 'Length', 'uint16', { generated: true, unit: ' bytes' }),
    type: field('ipv6.routing.type', 'Type', 'uint8', {
      strings: { 0: 'Source Route', 2: 'Type 2 Routing', 3: 'RPL Source Route', 4: 'Segment Routing' },
    }),
    segleft: field('ipv6.routing.segleft', 'Segments Left', 'uint8'),
    data: field('ipv6.routing.unknown_data', 'Type-Specific Data', 'bytes'),
    reserved: field('ipv6.routing.src.reserved', 'Reserved', 'bytes'),
    address: field('ipv6.routing.src.addr', 'Address', 'ipv6'),
  },
);

export const IPV6_FRAGHDR = defineProtocol(
  { id: 'ipv6.fraghdr', name: 'Fragment Header for IPv6', short: 'IPv6 Fragment' },
  {
    nxt: field('ipv6.fraghdr.nxt', 'Next header', 'uint8', { strings: IP_PROTO_NAMES }),
    reserved: field('ipv6.fraghdr.reserved_octet', 'Reserved octet', 'uint8', { base: 'hex' }),
    offset: field('ipv6.fraghdr.offset', 'Offset', 'uint16', { mask: 0xfff8 }),
    reservedBits: field('ipv6.fraghdr.reserved_bits', 'Reserved bits', 'uint16', { mask: 0x0006 }),
    more: field('ipv6.fraghdr.more', 'More Fragments', 'boolean', {
      mask: 0x0001,
      bits: 16,
      tfs: ['Yes', 'No'],
    }),
    ident: field('ipv6.fraghdr.ident', 'Identification', 'uint32', { base: 'hex' }),
  },
);
