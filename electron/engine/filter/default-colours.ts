/**
 * Wireshark 4's default colouring rules (its `colorfilters` file), in its order, keeping those whose
 * protocols Hammerhead dissects. Colours are Wireshark's 16-bit triples, converted to #rrggbb.
 * Adapted: "TTL low or unexpected" without the PIM/OSPF/VRRP/CARP exclusions (no such dissectors);
 * "Broadcast" as `eth.dst.ig == 1` (Wireshark's `eth[0] & 1`: the group bit of the destination).
 * Rules whose filter does not check against the registry (HTTP/2 before it is dissected) are left out.
 */
import type { ColourRule } from '../../../shared/contract/filter-channels.js';

type Triple = readonly [number, number, number];

function hex([r, g, b]: Triple): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(c / 257)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function rule(name: string, filter: string, background: Triple, foreground: Triple): ColourRule {
  return { name, filter, background: hex(background), foreground: hex(foreground), enabled: true };
}

const DARK: Triple = [4718, 10030, 11796];

export const DEFAULT_COLOUR_RULES: readonly ColourRule[] = [
  rule(
    'Bad TCP',
    'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    DARK,
    [63479, 34695, 34695],
  ),
  rule('ICMP errors', 'icmp.type in {3..5, 11} || icmpv6.type in {1..4}', DARK, [47031, 63479, 29812]),
  rule('ARP', 'arp', [64250, 61680, 55255], DARK),
  rule('ICMP', 'icmp || icmpv6', [64764, 57568, 65535], DARK),
  rule('TCP RST', 'tcp.flags.reset == 1', [42148, 0, 0], [65535, 64764, 40092]),
  rule(
    'TTL low or unexpected',
    '(ip.dst != 224.0.0.0/4 && ip.ttl < 5) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1)',
    [42148, 0, 0],
    [60652, 60652, 60652],
  ),
  rule('HTTP', 'http || tcp.port == 80 || http2', [58596, 65535, 51143], DARK),
  rule('HTTP', 'http || tcp.port == 80', [58596, 65535, 51143], DARK),
  rule('TCP SYN/FIN', 'tcp.flags & 0x02 || tcp.flags.fin == 1', [41120, 41120, 41120], DARK),
  rule('TCP', 'tcp', [59367, 59110, 65535], DARK),
  rule('UDP', 'udp', [56026, 61166, 65535], DARK),
  rule('Broadcast', 'eth.dst.ig == 1', [65535, 65535, 65535], [47802, 48573, 46774]),
];
