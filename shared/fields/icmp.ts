/** Internet Control Message Protocol (RFC 792) and ICMPv6 (RFC 4443, Neighbor Discovery RFC 4861). */
import { defineProtocol, field } from './types.js';

/** Type names as Wireshark's Info column writes them (its `icmp_type_str`). */
export const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  6: 'Alternate host address',
  8: 'Echo (ping) request',
  9: 'Mobile IP Advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  15: 'Information request',
  16: 'Information reply',
  17: 'Address mask request',
  18: 'Address mask reply',
  30: 'Traceroute',
  31: 'Datagram conversion error',
  32: 'Mobile host redirect',
  33: 'IPv6 where-are-you',
  34: 'IPv6 i-am-here',
  35: 'Mobile registration request',
  36: 'Mobile registration reply',
  37: 'Domain name request',
  38: 'Domain name reply',
  39: 'SKIP',
  40: 'Photuris',
  42: 'Extended Echo request',
  43: 'Extended Echo reply',
};

/** Code names per type; a type without a table has no code text in Info. */
export const ICMP_CODES: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  3: {
    0: 'Network unreachable',
    1: 'Host unreachable',
    2: 'Protocol unreachable',
    3: 'Port unreachable',
    4: 'Fragmentation needed',
    5: 'Source route failed',
    6: 'Destination network unknown',
    7: 'Destination host unknown',
    8: 'Source host isolated',
    9: 'Network administratively prohibited',
    10: 'Host administratively prohibited',
    11: 'Network unreachable for TOS',
    12: 'Host unreachable for TOS',
    13: 'Communication administratively filtered',
    14: 'Host precedence violation',
    15: 'Precedence cutoff in effect',
  },
  5: {
    0: 'Redirect for network',
    1: 'Redirect for host',
    2: 'Redirect for TOS and network',
    3: 'Redirect for TOS and host',
  },
  6: { 0: 'Alternate address for host' },
  9: { 0: 'Normal router advertisement', 16: 'Does not route common traffic' },
  11: { 0: 'Time to live exceeded in transit', 1: 'Fragment reassembly time exceeded' },
  12: { 0: 'Pointer indicates the error', 1: 'Required option missing', 2: 'Bad length' },
  42: { 0: 'No error' },
  43: {
    0: 'No error',
    1: 'Malformed Query',
    2: 'No Such Interface',
    3: 'No Such Table Entry',
    4: 'Multiple Interfaces Satisfy Query',
  },
};

export const ICMP = defineProtocol(
  { id: 'icmp', name: 'Internet Control Message Protocol', short: 'ICMP' },
  {
    type: field('icmp.type', 'Type', 'uint8', { strings: ICMP_TYPES }),
    code: field('icmp.code', 'Code', 'uint8'),
    checksum: field('icmp.checksum', 'Checksum', 'uint16', { base: 'hex' }),
    ident: field('icmp.ident', 'Identifier (BE)', 'uint16', { base: 'dec_hex' }),
    identLe: field('icmp.ident_le', 'Identifier (LE)', 'uint16', { base: 'dec_hex' }),
    seq: field('icmp.seq', 'Sequence Number (BE)', 'uint16', { base: 'dec_hex' }),
    seqLe: field('icmp.seq_le', 'Sequence Number (LE)', 'uint16', { base: 'dec_hex' }),
    mtu: field('icmp.mtu', 'MTU of next hop', 'uint16'),
    pointer: field('icmp.pointer', 'Pointer', 'uint32'),
    gateway: field('icmp.redir_gw', 'Gateway Address', 'ipv4'),
    unused: field('icmp.unused', 'Unused', 'bytes'),
    respIn: field('icmp.resp_in', 'Response frame', 'framenum', { generated: true }),
    respTo: field('icmp.resp_to', 'Request frame', 'framenum', { generated: true }),
  },
);

export const ICMPV6_TYPES: Readonly<Record<number, string>> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  138: 'Router Renumbering',
  139: 'Node Information Query',
  140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation',
  142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2',
  144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation',
  147: 'Mobile Prefix Advertisement',
  151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation',
  153: 'Multicast Router Termination',
  155: 'RPL Control',
  160: 'Extended Echo request',
  161: 'Extended Echo reply',
};

/** Code names of the error messages, with the fallback text Wireshark uses for each type. */
export const ICMPV6_CODES: Readonly<
  Record<
    number,
    { readonly names: Readonly<Record<number, string>>; readonly unknown: (code: number) => string }
  >
> = {
  1: {
    names: {
      0: 'no route to destination',
      1: 'Administratively prohibited',
      2: 'Beyond scope of source address',
      3: 'Address unreachable',
      4: 'Port unreachable',
      5: 'Source address failed ingress/egress policy',
      6: 'Reject route to destination',
      7: 'Error in Source Routing Header',
    },
    unknown: () => 'Unknown',
  },
  3: {
    names: { 0: 'hop limit exceeded in transit', 1: 'fragment reassembly time exceeded' },
    unknown: (code) => `Unknown (${code})`,
  },
  4: {
    names: {
      0: 'erroneous header field encountered',
      1: 'unrecognized Next Header type encountered',
      2: 'unrecognized IPv6 option encountered',
      3: 'IPv6 First Fragment has incomplete IPv6 Header Chain',
    },
    unknown: (code) => `Unknown (${code})`,
  },
};

export const ICMPV6 = defineProtocol(
  { id: 'icmpv6', name: 'Internet Control Message Protocol v6', short: 'ICMPv6' },
  {
    type: field('icmpv6.type', 'Type', 'uint8', { strings: ICMPV6_TYPES }),
    code: field('icmpv6.code', 'Code', 'uint8'),
    checksum: field('icmpv6.checksum', 'Checksum', 'uint16', { base: 'hex' }),
    reserved: field('icmpv6.reserved', 'Reserved', 'bytes'),
    mtu: field('icmpv6.mtu', 'MTU', 'uint32'),
    pointer: field('icmpv6.pointer', 'Pointer', 'uint32'),
    echoId: field('icmpv6.echo.identifier', 'Identifier', 'uint16', { base: 'hex' }),
    echoSeq: field('icmpv6.echo.sequence_number', 'Sequence', 'uint16'),
    nsTarget: field('icmpv6.nd.ns.target_address', 'Target Address', 'ipv6'),
    naFlags: field('icmpv6.nd.na.flag', 'Flags', 'uint32', { base: 'hex' }),
    naTarget: field('icmpv6.nd.na.target_address', 'Target Address', 'ipv6'),
    raHopLimit: field('icmpv6.nd.ra.cur_hop_limit', 'Cur hop limit', 'uint8'),
    raFlags: field('icmpv6.nd.ra.flag', 'Flags', 'uint8', { base: 'hex' }),
    raLifetime: field('icmpv6.nd.ra.router_lifetime', 'Router lifetime (s)', 'uint16'),
    raReachable: field('icmpv6.nd.ra.reachable_time', 'Reachable time (ms)', 'uint32'),
    raRetrans: field('icmpv6.nd.ra.retrans_timer', 'Retrans timer (ms)', 'uint32'),
    opt: field('icmpv6.opt', 'ICMPv6 Option', 'none'),
    optType: field('icmpv6.opt.type', 'Type', 'uint8', {
      strings: {
        1: 'Source link-layer address',
        2: 'Target link-layer address',
        3: 'Prefix information',
        4: 'Redirected header',
        5: 'MTU',
      },
    }),
    optLength: field('icmpv6.opt.length', 'Length', 'uint8'),
    optLinkaddr: field('icmpv6.opt.linkaddr', 'Link-layer address', 'ether'),
    respIn: field('icmpv6.resp_in', 'Response In', 'framenum', { generated: true }),
    respTo: field('icmpv6.resp_to', 'Response To', 'framenum', { generated: true }),
  },
);
