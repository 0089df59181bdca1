/** Internet Protocol version 4 (RFC 791, DSCP RFC 2474, ECN RFC 3168). */
import { IP_PROTO_NAMES } from './values.js';
import { defineProtocol, field, SET_NOT_SET } from './types.js';

export const DSCP_NAMES: Readonly<Record<number, string>> = {
  0: 'Default',
  1: 'Lower Effort',
  8: 'Class Selector 1',
  10: 'Assured Forwarding 11',
  12: 'Assured Forwarding 12',
  14: 'Assured Forwarding 13',
  16: 'Class Selector 2',
  18: 'Assured Forwarding 21',
  20: 'Assured Forwarding 22',
  22: 'Assured Forwarding 23',
  24: 'Class Selector 3',
  26: 'Assured Forwarding 31',
  28: 'Assured Forwarding 32',
  30: 'Assured Forwarding 33',
  32: 'Class Selector 4',
  34: 'Assured Forwarding 41',
  36: 'Assured Forwarding 42',
  38: 'Assured Forwarding 43',
  40: 'Class Selector 5',
  44: 'Voice Admit',
  46: 'Expedited Forwarding',
  48: 'Class Selector 6',
  56: 'Class Selector 7',
};

export const ECN_NAMES: Readonly<Record<number, string>> = {
  0: 'Not ECN-Capable Transport',
  1: "ECN-Capable Transport codepoint '01'",
  2: "ECN-Capable Transport codepoint '10'",
  3: 'Congestion Experienced',
};

export const IP = defineProtocol(
  { id: 'ip', name: 'Internet Protocol Version 4', short: 'IPv4' },
  {
    version: field('ip.version', 'Version', 'uint8', { mask: 0xf0 }),
    hdrLen: field('ip.hdr_len', 'Header Length', 'uint8', { mask: 0x0f }),
    dsfield: field('ip.dsfield', 'Differentiated Services Field', 'uint8', { base: 'hex' }),
    dscp: field('ip.dsfield.dscp', 'Differentiated Services Codepoint', 'uint8', {
      mask: 0xfc,
      strings: DSCP_NAMES,
    }),
    ecn: field('ip.dsfield.ecn', 'Explicit Congestion Notification', 'uint8', {
      mask: 0x03,
      strings: ECN_NAMES,
    }),
    len: field('ip.len', 'Total Length', 'uint16'),
    id: field('ip.id', 'Identification', 'uint16', { base: 'hex_dec' }),
    flags: field('ip.flags', 'Flags', 'uint8', { base: 'hex', mask: 0xe0 }),
    flagsRb: field('ip.flags.rb', 'Reserved bit', 'boolean', { mask: 0x80, tfs: SET_NOT_SET }),
    flagsDf: field('ip.flags.df', "Don't fragment", 'boolean', { mask: 0x40, tfs: SET_NOT_SET }),
    flagsMf: field('ip.flags.mf', 'More fragments', 'boolean', { mask: 0x20, tfs: SET_NOT_SET }),
    fragOffset: field('ip.frag_offset', 'Fragment Offset', 'uint16', { mask: 0x1fff }),
    ttl: field('ip.ttl', 'Time to Live', 'uint8'),
    proto: field('ip.proto', 'Protocol', 'uint8', { strings: IP_PROTO_NAMES }),
    checksum: field('ip.checksum', 'Header Checksum', 'uint16', { base: 'hex' }),
    src: field('ip.src', 'Source Address', 'ipv4'),
    dst: field('ip.dst', 'Destination Address', 'ipv4'),
    options: field('ip.options', 'Options', 'bytes'),
    optType: field('ip.opt.type', 'Type', 'uint8'),
    optLen: field('ip.opt.len', 'Length', 'uint8'),
    reassembledIn: field('ip.reassembled_in', 'Reassembled IPv4 in frame', 'framenum', { generated: true }),
    fragments: field('ip.fragments', 'IPv4 Fragments', 'none', { generated: true }),
    fragment: field('ip.fragment', 'IPv4 Fragment', 'framenum', { generated: true }),
    fragmentCount: field('ip.fragment.count', 'Fragment count', 'uint32', { generated: true }),
    reassembledLength: field('ip.reassembled.length', 'Reassembled IPv4 length', 'uint32', {
      generated: true,
    }),
    reassembledData: field('ip.reassembled.data', 'Reassembled IPv4 data', 'bytes', { generated: true }),
  },
);
