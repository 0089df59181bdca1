/** Address Resolution Protocol (RFC 826) and Reverse ARP (RFC 903). */
import { ETHERTYPE_NAMES } from './values.js';
import { ARPHRD_NAMES } from './linux-sll.js';
import { defineProtocol, field } from './types.js';

export const ARP_OPCODES: Readonly<Record<number, string>> = {
  1: 'request',
  2: 'reply',
  3: 'reverse request',
  4: 'reverse reply',
  5: 'drarp request',
  6: 'drarp reply',
  7: 'drarp error',
  8: 'inverse request',
  9: 'inverse reply',
  10: 'arp nak',
};

export const ARP = defineProtocol(
  { id: 'arp', name: 'Address Resolution Protocol', short: 'ARP' },
  {
    hwType: field('arp.hw.type', 'Hardware type', 'uint16', { strings: ARPHRD_NAMES }),
    protoType: field('arp.proto.type', 'Protocol type', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
    hwSize: field('arp.hw.size', 'Hardware size', 'uint8'),
    protoSize: field('arp.proto.size', 'Protocol size', 'uint8'),
    opcode: field('arp.opcode', 'Opcode', 'uint16', { strings: ARP_OPCODES }),
    isGratuitous: field('arp.isgratuitous', 'Is gratuitous', 'boolean', {
      generated: true,
      tfs: ['True', 'False'],
    }),
    isAnnouncement: field('arp.isannouncement', 'Is announcement', 'boolean', {
      generated: true,
      tfs: ['True', 'False'],
    }),
    srcHwMac: field('arp.src.hw_mac', 'Sender MAC address', 'ether'),
    srcHw: field('arp.src.hw', 'Sender hardware address', 'bytes'),
    srcProtoIpv4: field('arp.src.proto_ipv4', 'Sender IP address', 'ipv4'),
    srcProto: field('arp.src.proto', 'Sender protocol address', 'bytes'),
    dstHwMac: field('arp.dst.hw_mac', 'Target MAC address', 'ether'),
    dstHw: field('arp.dst.hw', 'Target hardware address', 'bytes'),
    dstProtoIpv4: field('arp.dst.proto_ipv4', 'Target IP address', 'ipv4'),
    dstProto: field('arp.dst.proto', 'Target protocol address', 'bytes'),
  },
);
