/**
 * Link-layer header types (tcpdump.org/linktypes.html), by the numbers that pcap and pcapng
 * files carry. Names are libpcap's DLT names, which is what Wireshark and tcpdump show a user.
 */
export const LinkType = {
  NULL: 0,
  EN10MB: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;
export type KnownLinkType = (typeof LinkType)[keyof typeof LinkType];

const NAMES: Record<number, string> = {
  0: 'NULL',
  1: 'EN10MB',
  6: 'IEEE802',
  9: 'PPP',
  // OpenBSD and some old systems write DLT_RAW's value (12 or 14) instead of LINKTYPE_RAW.
  12: 'RAW',
  14: 'RAW',
  101: 'RAW',
  105: 'IEEE802_11',
  108: 'LOOP',
  113: 'LINUX_SLL',
  127: 'IEEE802_11_RADIOTAP',
  147: 'USER0',
  192: 'PPI',
  228: 'IPV4',
  229: 'IPV6',
  276: 'LINUX_SLL2',
};

/** The libpcap name of a link type, or `LINKTYPE_<n>` when it is not one we know. */
export function linkTypeName(linkType: number): string {
  return NAMES[linkType] ?? `LINKTYPE_${linkType}`;
}
