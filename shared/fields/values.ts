/**
 * Value names shared by several protocols, worded as Wireshark 4.0 words them (`tshark -G values`),
 * because they appear in the Info column and in tree lines that are compared with tshark's.
 */
import type { ValueStrings } from './types.js';

/** EtherType names (IEEE registry), the common subset: `Type: IPv4 (0x0800)`. */
export const ETHERTYPE_NAMES: ValueStrings = {
  0x0600: 'XNS Internet Datagram Protocol', 0x0800: 'IPv4', 0x0806: 'ARP', 0x0842: 'Wake on LAN',
  0x2000: 'CDP', 0x22f0: 'IEEE 1722 Audio Video Transport Protocol', 0x22f3: 'Transparent Interconnection of Lots of Links',
  0x6558: 'Transparent Ethernet bridging', 0x8035: 'RARP', 0x809b: 'AppleTalk LLAP bridging', 0x80f3: 'AARP',
  0x8100: '802.1Q Virtual LAN', 0x8137: 'Netware IPX/SPX', 0x86dd: 'IPv6', 0x8808: 'MAC Control',
  0x8809: 'Slow Protocols', 0x8847: 'MPLS label switched packet', 0x8848: 'MPLS multicast label switched packet',
  0x8863: 'PPPoE Discovery', 0x8864: 'PPPoE Session', 0x887b: 'Homeplug', 0x888e: '802.1X Authentication',
  0x8892: 'PROFINET', 0x88a2: 'ATA over Ethernet', 0x88a4: 'EtherCAT frame', 0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x88ab: 'ETHERNET Powerlink v2', 0x88b5: 'Local Experimental Ethertype 1', 0x88b6: 'Local Experimental Ethertype 2',
  0x88b8: 'IEC 61850/GOOSE', 0x88c7: '802.11i Pre-Authentication', 0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)',
  0x88e1: 'Homeplug AV', 0x88e3: 'MRP', 0x88e5: '802.1AE (MACsec)', 0x88e7: '802.1ah Provider Backbone Bridge (mac-in-mac)',
  0x88f7: 'PTPv2 over Ethernet (IEEE1588)', 0x88fb: 'Parallel Redundancy Protocol (PRP) and HSR Supervision (IEC62439 Part 3)',
  0x8902: 'IEEE 802.1ag Connectivity Fault Management (CFM) protocol', 0x8906: 'Fibre Channel over Ethernet',
  0x8914: 'FCoE Initialization Protocol', 0x8915: 'RDMA over Converged Ethernet', 0x892f: 'High-availability Seamless Redundancy (IEC62439 Part 3)',
  0x893a: '1905.1a Convergent Digital Home Network for Heterogenous Technologies', 0x894f: 'Network Service Header',
  0x9000: 'Loopback', 0x9100: 'QinQ: old non-standard 802.1ad',
};

/** IP protocol numbers (IANA), as Wireshark's `ipprotostr`: `Protocol: TCP (6)`, `proto=UDP 17`. */
export const IP_PROTO_NAMES: ValueStrings = {
  0: 'IPv6 Hop-by-Hop Option', 1: 'ICMP', 2: 'IGMP', 3: 'GGP', 4: 'IPIP', 5: 'Stream', 6: 'TCP', 7: 'CBT',
  8: 'EGP', 9: 'IGRP', 10: 'BBN RCC', 11: 'Network Voice', 12: 'PUP', 13: 'ARGUS', 14: 'EMCON', 15: 'XNET',
  16: 'CHAOS', 17: 'UDP', 18: 'Multiplex', 19: 'DCN Measurement', 20: 'Host Monitoring', 21: 'Packet radio',
  22: 'IDP', 23: 'Trunk-1', 24: 'Trunk-2', 25: 'Leaf-1', 26: 'Leaf-2', 27: 'Reliable Data', 28: 'IRT',
  29: 'ISO TP4', 30: 'Bulk Data', 31: 'MFE NSP', 32: 'Merit Internodal',
  33: 'Datagram Congestion Control Protocol', 34: '3rd Party Connect',
  35: 'Inter-Domain Policy Routing Protocol', 36: 'XTP', 37: 'Datagram delivery', 38: 'Control Message',
  39: 'TP++', 40: 'IL', 41: 'IPv6', 42: 'Source demand routing', 43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6', 45: 'Inter-Domain Routing Protocol', 46: 'Reservation Protocol',
  47: 'Generic Routing Encapsulation', 48: 'Dynamic source routing', 49: 'BNA', 50: 'Encap Security Payload',
  51: 'Authentication Header', 52: 'INSLP', 53: 'SWIPE', 54: 'NBMA ARP', 55: 'IP Mobility',
  56: 'TLSP Kryptonet', 57: 'SKIP', 58: 'ICMPv6', 59: 'No Next Header for IPv6',
  60: 'Destination Options for IPv6', 61: 'any host internal protocol', 62: 'Mobile IPv6 (old)',
  63: 'any local network', 64: 'SATNET EXPAK', 65: 'Kryptolan', 66: 'Remote Virtual Disk', 67: 'IPPC',
  68: 'any distributed file system', 69: 'SATNET Monitoring', 70: 'VISA', 71: 'IPCV', 72: 'CPNX', 73: 'CPHB',
  74: 'Wang Span', 75: 'Packet Video', 76: 'Backroom SATNET Mon', 77: 'Sun ND Protocol', 78: 'Wideband Mon',
  79: 'Wideband Expak', 80: 'ISO Internet Protocol', 81: 'VMTP', 82: 'Secure VMTP', 83: 'VINES', 84: 'TTP',
  85: 'NSFNET IGP', 86: 'Dissimilar Gateway', 87: 'TCF', 88: 'EIGRP', 89: 'OSPF IGP', 90: 'Sprite RPC',
  91: 'Locus ARP', 92: 'Multicast Transport', 93: 'AX.25 Frames', 94: 'IP in IP', 95: 'MICP',
  96: 'Semaphore', 97: 'Ether in IP', 98: 'ENCAP', 99: 'any private encryption scheme', 100: 'GMTP',
  101: 'Ipsilon Flow', 102: 'PNNI over IP', 103: 'PIM', 104: 'ARIS', 105: 'SCPS', 106: 'QNX',
  107: 'Active Networks', 108: 'IPComp', 109: 'Sitara Networks', 110: 'Compaq Peer', 111: 'IPX IN IP',
  112: 'VRRP', 113: 'PGM', 114: 'any 0-hop protocol', 115: 'Layer 2 Tunneling', 116: 'DDX', 117: 'IATP',
  118: 'STP', 119: 'SpectraLink', 120: 'UTI', 121: 'SMP', 122: 'SM', 123: 'PTP', 124: 'ISIS over IP',
  125: 'FIRE', 126: 'CRTP', 127: 'CRUDP', 128: 'SSCOPMCE', 129: 'IPLT', 130: 'Secure Packet', 131: 'PIPE',
  132: 'SCTP', 133: 'Fibre Channel', 134: 'RSVP E2EI', 135: 'Mobile IPv6', 136: 'UDPLite', 137: 'MPLS in IP',
  138: 'MANET', 139: 'HIP', 140: 'Shim6 header', 141: 'WESP', 142: 'ROHC', 143: 'Ethernet',
  173: 'AX/4000 Testframe', 224: 'Novell NCS Heartbeat',
};

/** `ipprotostr`: the name, or `Unknown` as Wireshark writes it in `Unknown (253)`. */
export function ipProtoName(proto: number): string {
  return IP_PROTO_NAMES[proto] ?? 'Unknown';
}
