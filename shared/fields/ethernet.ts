/** Ethernet II / IEEE 802.3 (IEEE 802.3 clause 3), 802.1Q/802.1ad tags and 802.2 LLC fields. */
import { ETHERTYPE_NAMES } from './values.js';
import { defineProtocol, field } from './types.js';

const LG: readonly [string, string] = [
  'Locally administered address (this is NOT the factory default)',
  'Globally unique address (factory default)',
];
const IG: readonly [string, string] = ['Group address (multicast/broadcast)', 'Individual address (unicast)'];

export const ETH = defineProtocol(
  { id: 'eth', name: 'Ethernet II', short: 'Ethernet' },
  {
    dst: field('eth.dst', 'Destination', 'ether'),
    addr: field('eth.addr', 'Address', 'ether'),
    dstLg: field('eth.dst.lg', 'LG bit', 'boolean', { mask: 0x020000, bits: 24, tfs: LG }),
    dstIg: field('eth.dst.ig', 'IG bit', 'boolean', { mask: 0x010000, bits: 24, tfs: IG }),
    src: field('eth.src', 'Source', 'ether'),
    srcLg: field('eth.src.lg', 'LG bit', 'boolean', { mask: 0x020000, bits: 24, tfs: LG }),
    srcIg: field('eth.src.ig', 'IG bit', 'boolean', { mask: 0x010000, bits: 24, tfs: IG }),
    type: field('eth.type', 'Type', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
    len: field('eth.len', 'Length', 'uint16'),
    padding: field('eth.padding', 'Padding', 'bytes'),
    trailer: field('eth.trailer', 'Trailer', 'bytes'),
  },
);

export const VLAN = defineProtocol(
  { id: 'vlan', name: '802.1Q Virtual LAN', short: 'VLAN' },
  {
    priority: field('vlan.priority', 'Priority', 'uint16', {
      mask: 0xe000,
      strings: {
        0: 'Best Effort (default)',
        1: 'Background',
        2: 'Excellent Effort',
        3: 'Critical Applications',
        4: 'Video, < 100ms latency and jitter',
        5: 'Voice, < 10ms latency and jitter',
        6: 'Internetwork Control',
        7: 'Network Control',
      },
    }),
    dei: field('vlan.dei', 'DEI', 'boolean', { mask: 0x1000, bits: 16, tfs: ['Eligible', 'Ineligible'] }),
    id: field('vlan.id', 'ID', 'uint16', { mask: 0x0fff }),
    etype: field('vlan.etype', 'Type', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
    len: field('vlan.len', 'Length', 'uint16'),
  },
);

/** 802.1ad service tag: the same TCI layout, its own protocol in Wireshark (and in `frame.protocols`). */
export const IEEE8021AD = defineProtocol(
  { id: 'ieee8021ad', name: 'IEEE 802.1ad', short: '802.1ad' },
  {
    priority: field('ieee8021ad.priority', 'Priority', 'uint16', { mask: 0xe000 }),
    dei: field('ieee8021ad.dei', 'DEI', 'uint16', { mask: 0x1000 }),
    id: field('ieee8021ad.id', 'ID', 'uint16', { mask: 0x0fff }),
    etype: field('ieee8021ad.etype', 'Type', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
  },
);

/** A few SAP names (IEEE 802 numbers), the ones LLC frames in captures usually carry. */
export const SAP_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL LSAP',
  0x02: 'LLC Sub-Layer Management',
  0x06: 'TCP/IP',
  0x42: 'Spanning Tree BPDU',
  0x7e: 'ISO 8208 (X.25 over 802.2)',
  0x80: 'XNS',
  0x98: 'ARP',
  0xaa: 'SNAP',
  0xe0: 'NetWare',
  0xf0: 'NetBIOS',
  0xf4: 'IBM Net Management',
  0xfe: 'ISO Network Layer',
  0xff: 'Global LSAP',
};

export const LLC = defineProtocol(
  { id: 'llc', name: 'Logical-Link Control', short: 'LLC' },
  {
    dsap: field('llc.dsap', 'DSAP', 'uint8', { base: 'hex', strings: SAP_NAMES }),
    dsapIg: field('llc.dsap.ig', 'IG Bit', 'boolean', { mask: 0x01, tfs: ['Group', 'Individual'] }),
    ssap: field('llc.ssap', 'SSAP', 'uint8', { base: 'hex', strings: SAP_NAMES }),
    ssapCr: field('llc.ssap.cr', 'CR Bit', 'boolean', { mask: 0x01, tfs: ['Response', 'Command'] }),
    control: field('llc.control', 'Control field', 'uint16', { base: 'hex' }),
    oui: field('llc.oui', 'Organization Code', 'uint24', {
      base: 'hex',
      strings: { 0: 'Encapsulated Ethernet', 0x00000c: 'Cisco' },
    }),
    pid: field('llc.pid', 'Protocol ID', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
  },
);
