/**
 * The display-filter conformance table: filters covering every operator, type and function of the
 * language, each run on a corpus capture. The expected frame numbers are tshark 4.0.17's, recorded
 * in conformance-expected.json by
 *   HAMMERHEAD_FILTER_REGEN=1 npx vitest run test/filter/conformance.test.ts
 * which runs, for each row, with no user preferences (WIRESHARK_CONFIG_DIR set to an empty directory):
 *   tshark -r CAPTURE -Y FILTER -T fields -e frame.number
 * (`oracle` replaces FILTER where tshark 4.0 lacks a construct Hammerhead accepts; `note` says why.)
 */
export interface ConformanceRow {
  readonly capture: string;
  readonly filter: string;
  /** The filter tshark runs instead, when 4.0.17 cannot parse `filter` (a later Wireshark's syntax). */
  readonly oracle?: string;
  /** A deliberate or known difference, with the reason; such rows are reported, not failed. */
  readonly note?: string;
}

const H = 'dpkt-http.pcap';
const M = 'zeek-http-methods.pcap';
const D = 'dpkt-dns-icmp.pcap';
const V6 = 'arkime-v6-http.pcap';
const VLAN = 'ppp-vlan.pcap';
const ARP = 'zeek-arp-who-has.pcap';
const TLS = 'arkime-tls-alpn-h2.pcap';
const TLS13 = 'illustrated-tls13.pcap';

const rows = (
  capture: string,
  filters: readonly (string | Omit<ConformanceRow, 'capture'>)[],
): ConformanceRow[] =>
  filters.map((f) => (typeof f === 'string' ? { capture, filter: f } : { capture, ...f }));

export const CONFORMANCE: readonly ConformanceRow[] = [
  // Existence of protocols and fields.
  ...rows(H, ['tcp', 'udp', 'http', 'dns', '!tcp', 'tcp.analysis.retransmission', 'http.request', 'data']),
  ...rows(M, ['tcp.analysis.flags', 'http.response', 'http.request && http.response']),
  ...rows(D, ['icmp', 'icmp.type == 8', 'icmp.type == 0 || icmp.type == 8']),
  ...rows(V6, ['ipv6', 'icmpv6', 'ipv6.hopopts', 'mdns']),
  ...rows(ARP, ['arp', 'arp.opcode == 2', 'arp.src.proto_ipv4 == 10.0.0.2', 'eth.dst == ff:ff:ff:ff:ff:ff']),
  ...rows(VLAN, ['vlan', 'vlan.id == 118', 'vlan.id#2 == 10', 'vlan.id#1 == 209', 'vlan.id#[2] == 20']),
  // Comparison operators (symbols and words) on integers.
  ...rows(H, [
    'tcp.port == 80',
    'tcp.dstport != 80',
    'tcp.port === 80',
    'tcp.port !== 80',
    'frame.len > 1000',
    'frame.len >= 1434',
    'frame.len < 100',
    'frame.len <= 60',
    'frame.len eq 62',
    'tcp.srcport ne 80',
    'ip.ttl gt 100',
    'ip.ttl ge 128 && ip.ttl le 128',
    'ip.ttl lt 60',
    'frame.number == 0x10',
    'frame.number == 010',
    'frame.number == 0b101',
    "ip.ttl == '\\x80'",
    'ip.proto == 17',
    'ip.proto == UDP',
    'ip.proto == "TCP"',
    'tcp.flags.syn == 1',
    'tcp.flags.syn == Set',
    'tcp.flags.ack == 0',
    'tcp.flags == 0x018',
    'tcp.flags & 0x02',
    'tcp.flags & 0x11 == 0x11',
    'tcp.stream == 0',
    'udp.port == 53',
    'udp.length > 100',
    'any tcp.port == 3372',
    'all tcp.port > 1000',
    'ip.flags.df == 1',
    'ip.flags.df == 0',
    {
      filter: 'tcp.flags.syn == true',
      oracle: 'tcp.flags.syn == 1',
      note: 'true/false for booleans is Wireshark 4.2 syntax; tshark 4.0.17 rejects it',
    },
  ]),
  // Membership.
  ...rows(M, [
    'tcp.window_size_value > 10000',
    'tcp.stream in {1, 3, 5}',
    'tcp.stream in {2..4}',
    'tcp.dstport in {80, 443, 8000..8100}',
    'tcp.port not in {80}',
    'http.request.method in {"PUT", "DELETE"}',
  ]),
  // Addresses: IPv4 with CIDR, IPv6 with prefixes, MAC in each notation.
  ...rows(H, [
    'ip.src == 145.254.160.237',
    'ip.addr == 145.254.160.237',
    'ip.dst == 65.208.228.223',
    'ip.addr == 145.254.160.0/24',
    'ip.addr == 65.0.0.0/8 && !(ip.src == 65.208.228.223)',
    'ip.src != 145.254.160.237',
    'ip.dst in {65.208.228.223, 216.239.59.99}',
    'ip.addr > 200.0.0.0',
    'eth.src == 00:00:01:00:00:00',
    'eth.addr == fe:ff:20:00:01:00',
    'eth.dst == fe-ff-20-00-01-00',
    'eth.src == 0000.0100.0000',
  ]),
  ...rows(V6, [
    'ipv6.src == 2001:6f8:102d:0:2d0:9ff:fee3:e8de',
    'ipv6.addr == 2001:6f8:102d::/48',
    'ipv6.dst == ff02::fb',
    'ipv6.addr == ff02::/16',
    'ipv6.src != fe80::211:25ff:fe82:95b5',
  ]),
  // Strings: equality, order, contains, matches (case-insensitive by default), escapes, raw strings.
  ...rows(M, [
    'http.request.method == "OPTIONS"',
    'http.request.method == GET',
    'http.request.method != "GET"',
    'http.host contains "google"',
    'http.request.uri matches "^/[A-Z]+"',
    'http.request.uri matches "http/1"',
    'http.request.uri matches "(?-i)http/1"',
    'http.server contains "GFE"',
    'http.response.code == 405',
    'http.response.code >= 400 && http.response.code < 500',
    'http.request.uri == "/"',
    'http.request.uri > "/"',
    'http.request.uri == "\\x2f"',
    'http.request.method == r"GET"',
    'http.request.version == "HTTP/1.1"',
  ]),
  ...rows(D, [
    'dns.qry.name == "www.wireshark.org"',
    'dns.qry.name contains "in-addr"',
    'dns.flags.response == 1',
    'dns.a == 174.137.42.65',
  ]),
  // Protocols and byte fields as bytes: contains, matches, slices.
  ...rows(H, [
    'http contains "GET"',
    'tcp contains "Ethereal"',
    'frame contains "GET"',
    'frame matches "gzip"',
    'tcp.payload contains "GET"',
    'udp contains 77:77:77',
    'eth.src contains 00:00:01',
    'eth.src[0:3] == 00:00:01',
    'eth.src[1-2] == 00:01',
    'eth.dst[:2] == fe:ff',
    'eth.dst[4:] == 01:00',
    'eth.src[-1] == 00',
    {
      filter: 'tcp.payload[0:4] == "HTTP"',
      note: "dissector: Hammerhead's TCP tree has no tcp.payload for the first segment of a reassembled PDU (frames 6, 26)",
    },
    'ip.src[0] == 91',
    'eth.src[0:2,4:2] == 00:00:00:00',
    'frame[12:2] == 08:00',
    'eth[0:3] == fe:ff:20',
  ]),
  ...rows(M, ['http.request.uri[0] == 2f', 'http.request.uri[0:1] == "/"']),
  // Functions.
  ...rows(M, [
    'len(http.request.uri) > 5',
    'len(http.request.method) == 3',
    'count(http.request.method) == 1',
    'lower(http.request.method) == "options"',
    'upper(http.host) contains "GOOGLE"',
  ]),
  ...rows(H, [
    'count(ip.addr) == 2',
    'string(frame.number) == "10"',
    'string(tcp.srcport) matches "^33"',
    'max(tcp.srcport, tcp.dstport) == 3372',
    'min(tcp.srcport, tcp.dstport) == 80',
    'len(eth.src) == 6',
  ]),
  // Arithmetic and field-to-field comparisons.
  ...rows(H, [
    'tcp.srcport + tcp.dstport == 3452',
    'frame.len - 14 == ip.len',
    '{frame.len * 2} > 3000',
    'frame.len % 2 == 1',
    'frame.len / 2 > 700',
    'ip.ttl + 1 == 129',
    'tcp.srcport > tcp.dstport',
    'ip.src == ip.dst',
    'frame.len == frame.cap_len',
  ]),
  // Logic and precedence.
  ...rows(H, [
    'tcp.port == 80 && !http',
    'udp || http',
    'tcp.port == 80 and ip.src == 145.254.160.237 or udp',
    'not tcp or frame.len > 1400',
    '!(tcp && frame.len < 100)',
    'frame.number == 1 || frame.number == 2 && frame.number == 3',
    '(frame.number == 1 || frame.number == 2) && frame.number == 3',
    '!!tcp',
    {
      filter: 'tcp.port == 80 xor frame.len > 1000',
      oracle: '(tcp.port == 80 && !(frame.len > 1000)) || (!(tcp.port == 80) && frame.len > 1000)',
      note: 'xor is Wireshark 4.2 syntax; tshark 4.0.17 rejects it (the oracle is the equivalent)',
    },
  ]),
  // Times.
  ...rows(H, [
    'frame.time_relative > 1.5',
    'frame.time_delta > 0.5',
    'frame.time_epoch < 1084443430',
    'frame.time >= "2004-05-13 10:17:09"',
    'frame.time < "May 13, 2004 10:17:10.5"',
  ]),
  // Time since the previous frame that passed the filter (tshark's single pass: 0 until one has).
  ...rows(H, [
    'frame.time_delta_displayed == 0',
    'frame.number == 5 || frame.time_delta_displayed > 1',
    '!(frame.time_delta_displayed > 0.2)',
  ]),
  ...rows(M, [
    'frame.number == 5 || frame.time_delta_displayed > 1',
    'tcp.port == 80 && frame.time_delta_displayed < 0.5',
    'frame.time_delta_displayed == frame.time_delta',
  ]),
  ...rows(H, ['frame.protocols == "eth:ethertype:ip:udp:dns"', 'frame.protocols contains "http"']),
  // TLS handshakes (SNI, ALPN, cipher suites, versions), and a deprecated name.
  ...rows(TLS, [
    'tls',
    'tls.handshake.type == 1',
    'tls.handshake.type == 2 || tls.handshake.type == 11',
    'tls.handshake.extensions_server_name == "www.cloudflare.com"',
    'tls.handshake.extensions_alpn_str == "h2"',
    'tls.handshake.ciphersuite == 0xcca9',
    'tls.record.version == 0x0303',
    'ssl.handshake.type == 1',
  ]),
  ...rows(TLS13, [
    'tls.handshake.extensions_server_name contains "ulfheim"',
    'tls.handshake.ciphersuite in {0x1301..0x1303}',
  ]),
  // Damaged frames.
  ...rows('ppp-tcp-malformed.pcap', ['_ws.malformed', 'tcp']),
  ...rows('dpkt-truncated-dns.pcap', ['_ws.short', 'dns']),
];
