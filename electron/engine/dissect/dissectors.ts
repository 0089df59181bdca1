/** The built-in dissectors. A new protocol is one more entry here and its bindings, not an edit to its parents. */
import { arpDissector } from './arp.js';
import { dissectData } from './data.js';
import { dnsDissector, llmnrDissector, mdnsDissector } from './dns.js';
import { dnsTcpDissector } from './dns-tcp.js';
import { httpDissector } from './http.js';
import { http2Dissector } from './http2.js';
import { ethernetDissector } from './eth.js';
import { icmpDissector } from './icmp.js';
import { icmpv6Dissector } from './icmpv6.js';
import { ipDissector } from './ip.js';
import { ipv6Dissector, ipv6LinkDissector } from './ipv6.js';
import {
  destinationOptionsDissector,
  fragmentDissector,
  hopByHopDissector,
  routingDissector,
} from './ipv6-ext.js';
import { sll2Dissector, sllDissector } from './linux-sll.js';
import { llcDissector } from './llc.js';
import { loopDissector, nullDissector } from './null.js';
import { ipv4LinkDissector, rawDissector } from './raw.js';
import { Registry, type Dissector } from './registry.js';
import { tcpDissector } from './tcp.js';
import { tlsDissector } from './tls.js';
import { udpDissector } from './udp.js';
import { ieee8021adDissector, vlanDissector } from './vlan.js';

export const BUILT_IN_DISSECTORS: readonly Dissector[] = [
  ethernetDissector,
  vlanDissector,
  ieee8021adDissector,
  llcDissector,
  sllDissector,
  sll2Dissector,
  nullDissector,
  loopDissector,
  rawDissector,
  ipv4LinkDissector,
  ipv6LinkDissector,
  arpDissector,
  ipDissector,
  ipv6Dissector,
  hopByHopDissector,
  routingDissector,
  fragmentDissector,
  destinationOptionsDissector,
  tcpDissector,
  udpDissector,
  icmpDissector,
  icmpv6Dissector,
  dnsDissector,
  mdnsDissector,
  llmnrDissector,
  dnsTcpDissector,
  httpDissector,
  http2Dissector,
  tlsDissector,
];

export function defaultRegistry(): Registry {
  const registry = new Registry(dissectData);
  for (const dissector of BUILT_IN_DISSECTORS) registry.register(dissector);
  return registry;
}
