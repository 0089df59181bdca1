/**
 * The field registry: every protocol and field Hammerhead knows, by its Wireshark display-filter id.
 * Display filters, autocomplete and custom columns look fields up here; dissectors import the per-protocol
 * tables directly (`IP.fields.src`), so both read the same declaration.
 */
import { ARP } from './arp.js';
import { DNS, LLMNR, MDNS } from './dns.js';
import { HTTP } from './http.js';
import { HTTP2 } from './http2.js';
import { ETH, IEEE8021AD, LLC, VLAN } from './ethernet.js';
import { HAMMERHEAD, WS_MALFORMED, WS_SHORT } from './hammerhead.js';
import { DATA, FRAME } from './frame.js';
import { ICMP, ICMPV6 } from './icmp.js';
import { IP } from './ip.js';
import { IPV6, IPV6_DSTOPTS, IPV6_FRAGHDR, IPV6_HOPOPTS, IPV6_ROUTING } from './ipv6.js';
import { NULL, RAW, SLL } from './linux-sll.js';
import { TCP } from './tcp.js';
import { TLS } from './tls.js';
import type { FieldDef, ProtocolDef, ProtocolFields } from './types.js';
import { UDP } from './udp.js';
import { X509AF, X509CE, X509IF } from './x509.js';

export type { FieldBase, FieldDef, FieldType, ProtocolDef, ValueStrings } from './types.js';
export { formatFieldLine, formatValue } from './format.js';

export const PROTOCOLS: readonly ProtocolFields<Record<string, FieldDef>>[] = [
  FRAME,
  DATA,
  ETH,
  VLAN,
  IEEE8021AD,
  LLC,
  SLL,
  NULL,
  RAW,
  ARP,
  IP,
  IPV6,
  IPV6_HOPOPTS,
  IPV6_ROUTING,
  IPV6_FRAGHDR,
  IPV6_DSTOPTS,
  TCP,
  UDP,
  ICMP,
  ICMPV6,
  DNS,
  MDNS,
  LLMNR,
  HTTP,
  HTTP2,
  TLS,
  X509AF,
  X509IF,
  X509CE,
  HAMMERHEAD,
  WS_MALFORMED,
  WS_SHORT,
];

const fieldsById = new Map<string, FieldDef>();
const protocolsById = new Map<string, ProtocolDef>();
for (const { protocol, fields } of PROTOCOLS) {
  protocolsById.set(protocol.id, protocol);
  for (const def of Object.values(fields)) fieldsById.set(def.id, def);
}

export function fieldById(id: string): FieldDef | undefined {
  return fieldsById.get(id);
}

export function protocolById(id: string): ProtocolDef | undefined {
  return protocolsById.get(id);
}

/** Every field id, sorted: what autocomplete offers. */
export function allFieldIds(): readonly string[] {
  return [...fieldsById.keys(), ...protocolsById.keys()].sort();
}
