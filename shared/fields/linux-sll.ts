/** Linux "cooked" capture headers (LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2) and BSD loopback. */
import { ETHERTYPE_NAMES } from './values.js';
import { defineProtocol, field } from './types.js';

export const SLL_PKTTYPES: Readonly<Record<number, string>> = {
  0: 'Unicast to us',
  1: 'Broadcast',
  2: 'Multicast',
  3: 'Unicast to another host',
  4: 'Sent by us',
};

/** ARPHRD_* values (linux/if_arp.h) that captures usually carry. */
export const ARPHRD_NAMES: Readonly<Record<number, string>> = {
  1: 'Ethernet',
  6: 'IEEE 802',
  24: 'IEEE 1394.1995',
  32: 'InfiniBand',
  512: 'PPP',
  513: 'Cisco HDLC',
  519: 'Raw IP',
  768: 'IPIP tunnel',
  769: 'IP6IP6 tunnel',
  772: 'Loopback',
  776: 'sit0 device - IPv6-in-IPv4',
  778: 'GRE over IP',
  801: 'IEEE 802.11',
  803: 'IEEE 802.11 + radiotap header',
  823: 'GRE over IPv6',
  824: 'Netlink',
  65534: 'None',
  65535: 'Void',
};

/** sll_protocol values below 0x0600 are not EtherTypes but Linux ETH_P_* pseudo-protocols. */
export const SLL_LTYPES: Readonly<Record<number, string>> = {
  0x0001: 'Novell 802.3',
  0x0002: 'AX.25',
  0x0003: 'ETH_P_ALL',
  0x0004: '802.2 LLC',
  0x0005: 'SNAP',
  0x000c: 'CAN',
  0x000d: 'CAN FD',
  0x0010: 'Localtalk',
  0x0016: 'Netlink',
};

export const SLL = defineProtocol(
  { id: 'sll', name: 'Linux cooked capture', short: 'SLL' },
  {
    pkttype: field('sll.pkttype', 'Packet type', 'uint16', { strings: SLL_PKTTYPES }),
    hatype: field('sll.hatype', 'Link-layer address type', 'uint16', { strings: ARPHRD_NAMES }),
    halen: field('sll.halen', 'Link-layer address length', 'uint16'),
    srcEth: field('sll.src.eth', 'Source', 'ether'),
    srcIpv4: field('sll.src.ipv4', 'Source', 'ipv4'),
    srcOther: field('sll.src.other', 'Source', 'bytes'),
    unused: field('sll.unused', 'Unused', 'bytes'),
    ltype: field('sll.ltype', 'Protocol', 'uint16', { base: 'hex', strings: SLL_LTYPES }),
    etype: field('sll.etype', 'Protocol', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
    reserved: field('sll.reserved', 'Reserved', 'uint16', { base: 'hex' }),
    ifindex: field('sll.ifindex', 'Interface index', 'uint32'),
  },
);

/** BSD address families as Wireshark names them; IPv6's number differs between the BSDs. */
export const NULL_FAMILIES: Readonly<Record<number, string>> = {
  2: 'IP',
  7: 'OSI',
  16: 'Appletalk',
  23: 'Netware IPX/SPX',
  24: 'IPv6',
  28: 'IPv6',
  30: 'IPv6',
};

export const NULL = defineProtocol(
  { id: 'null', name: 'Null/Loopback', short: 'Null' },
  {
    family: field('null.family', 'Family', 'uint32', { strings: NULL_FAMILIES }),
    type: field('null.type', 'Type', 'uint16', { base: 'hex', strings: ETHERTYPE_NAMES }),
  },
);

export const RAW = defineProtocol({ id: 'raw', name: 'Raw packet data', short: 'Raw' }, {});
