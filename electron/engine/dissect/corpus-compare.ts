/**
 * The comparison behind the corpus test: every frame of every capture against tshark 4.0.17's row, counted
 * into match rates, with the main classes of mismatches kept for the report.
 *
 * Protocol and Info are compared where tshark's Protocol is one this dissector decodes. Where tshark names a
 * protocol above it (NFS…), the right answer is the protocol that carries it, which `frame.protocols` says.
 * Rows whose Info tshark writes from a reassembly (`[TCP segment of a reassembled PDU]`…) are counted apart
 * too (`infoWithoutReassembly`). HTTP, DNS, TLS and HTTP/2 rows get their own rates, and their fields are
 * compared with the fields file. The keyed captures are compared with what tshark says without their keys
 * (corpus-keyless.ts): decryption is not this dissector's.
 */
import type { FrameDissection } from '../../../shared/dissection.js';
/** A row of tshark's output, keyed by column name (as test/support/corpus.ts reads it). */
type ExpectedRow = Record<string, string>;
import { COMPARED_FIELDS, fieldValues } from './corpus-fields.js';
import type { SummaryOut } from './index.js';

export const DECODED = new Set([
  'Ethernet',
  'LLC',
  'VLAN',
  '802.1ad',
  'SLL',
  'N/A',
  'ARP',
  'RARP',
  'IPv4',
  'IPv6',
  'TCP',
  'UDP',
  'ICMP',
  'ICMPv6',
  'PCAPNG',
  'DNS',
  'MDNS',
  'HTTP',
  'HTTP/XML',
  'HTTP/JSON',
  'OCSP',
  'SSL',
  'SSLv2',
  'SSLv3',
  'TLSv1',
  'TLSv1.1',
  'TLSv1.2',
  'TLSv1.3',
  'HTTP2',
]);
/** The Protocol column each decoded layer gives, to find what carries an out-of-scope protocol. */
const CARRIER: Readonly<Record<string, string>> = {
  eth: 'Ethernet',
  llc: 'LLC',
  vlan: 'VLAN',
  sll: 'SLL',
  arp: 'ARP',
  ip: 'IPv4',
  ipv6: 'IPv6',
  'ipv6.fraghdr': 'IPv6',
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  icmpv6: 'ICMPv6',
  dns: 'DNS',
  mdns: 'MDNS',
  http: 'HTTP',
  tls: 'TLS',
  http2: 'HTTP2',
};
const REASSEMBLY = /reassembled PDU|Reassembly error/;
/**
 * Certificates are decoded by an X.509 library, not as Wireshark's ASN.1 protocols: their names are not in
 * our `frame.protocols`.
 */
const ASN1_LAYERS = /:(x509sat|x509ce|x509af|pkix1implicit|pkix1explicit|pkcs-1)(?=:|$)/g;

export class Rate {
  matched = 0;
  total = 0;
  add(ok: boolean): void {
    this.total++;
    if (ok) this.matched++;
  }
  get value(): number {
    return this.total === 0 ? 1 : this.matched / this.total;
  }
  toString(): string {
    return `${(100 * this.value).toFixed(2)}% (${this.matched}/${this.total})`;
  }
}

export const rates = {
  source: new Rate(),
  destination: new Rate(),
  protocol: new Rate(),
  carrier: new Rate(),
  info: new Rate(),
  infoWithoutReassembly: new Rate(),
  stream: new Rate(),
  analysis: new Rate(),
  protocols: new Rate(),
  replay: new Rate(),
  httpProtocol: new Rate(),
  httpInfo: new Rate(),
  dnsProtocol: new Rate(),
  dnsInfo: new Rate(),
  tlsProtocol: new Rate(),
  tlsInfo: new Rate(),
  http2Protocol: new Rate(),
  http2Info: new Rate(),
  httpFields: new Rate(),
  dnsFields: new Rate(),
  tlsFields: new Rate(),
  http2Fields: new Rate(),
};
const BY_PROTOCOL: readonly [RegExp, Rate, Rate][] = [
  [/^(HTTP|HTTP\/XML|HTTP\/JSON|OCSP)$/, rates.httpProtocol, rates.httpInfo],
  [/^M?DNS$/, rates.dnsProtocol, rates.dnsInfo],
  [/^(TLSv1(\.[123])?|SSL(v[23])?)$/, rates.tlsProtocol, rates.tlsInfo],
  [/^HTTP2$/, rates.http2Protocol, rates.http2Info],
];
const FIELD_RATES: Readonly<Record<string, Rate>> = {
  dns: rates.dnsFields,
  http: rates.httpFields,
  tls: rates.tlsFields,
  http2: rates.http2Fields,
};

export const mismatches = new Map<string, number>();

function note(kind: string, expected: string, actual: string): void {
  const shape = (s: string) => s.replace(/\d+/g, 'N').slice(0, 80);
  const key = `${kind}: expected "${shape(expected)}", got "${shape(actual)}"`;
  mismatches.set(key, (mismatches.get(key) ?? 0) + 1);
}

/** `[TCP …] ` flags at the front of Info (not Wireshark's reassembly note). */
function analysisFlags(info: string): string {
  return /^(\[TCP (?!segment)[^\]]*\] )*/.exec(info)?.[0] ?? '';
}

function carrierOf(protocols: string): string {
  const layers = protocols.split(':').filter((p) => CARRIER[p] !== undefined);
  return CARRIER[layers.at(-1) ?? ''] ?? '';
}

/** TLS carries its version in the column: any TLS/SSL column is TLS as a carrier. */
function sameCarrier(ours: string, carrier: string): boolean {
  return carrier === 'TLS' ? /^(TLS|SSL)/.test(ours) : ours === carrier;
}

type Details = () => FrameDissection;

/** Compares one frame's columns (and, where relevant, fields and layers) with tshark's rows. */
export function compareRow(s: SummaryOut, row: ExpectedRow, fieldRow: ExpectedRow, detail: Details): void {
  const [source, destination, protocol, info] = [
    row['_ws.col.Source'] ?? '',
    row['_ws.col.Destination'] ?? '',
    row['_ws.col.Protocol'] ?? '',
    row['_ws.col.Info'] ?? '',
  ];
  const protocols = fieldRow['frame.protocols'] ?? '';
  rates.source.add(s.source === source);
  rates.destination.add(s.destination === destination);
  if (s.source !== source) note('Source', source, s.source);
  const stream = (fieldRow['tcp.stream'] ?? '').split(',')[0] ?? '';
  if (stream !== '' || s.streamId >= 0) rates.stream.add(String(s.streamId) === stream);
  if (protocols.includes(':tcp')) rates.analysis.add(analysisFlags(s.info) === analysisFlags(info));
  if (/:(dns|mdns|http|tls|http2)(:|$)/.test(protocols)) compareFields(fieldRow, detail);
  byProtocol(protocol, s.protocol === protocol, s.info === info);
  if (!DECODED.has(protocol) && !/^0x[0-9a-f]{4}$/.test(protocol)) {
    const carrier = carrierOf(protocols);
    rates.carrier.add(sameCarrier(s.protocol, carrier));
    if (!sameCarrier(s.protocol, carrier)) note('Carrier', carrier, s.protocol);
    return;
  }
  rates.protocol.add(s.protocol === protocol);
  if (s.protocol !== protocol) note('Protocol', protocol, s.protocol);
  rates.info.add(s.info === info);
  if (REASSEMBLY.test(info)) return;
  rates.infoWithoutReassembly.add(s.info === info);
  if (s.info !== info) note('Info', info, s.info);
  const chain = detail().layers[0]?.fields.find((f) => f.id === 'frame.protocols')?.value ?? '';
  const wanted = protocols.replace(ASN1_LAYERS, '');
  rates.protocols.add(chain === wanted);
  if (chain !== wanted) note('frame.protocols', wanted, String(chain));
}

function byProtocol(protocol: string, protocolOk: boolean, infoOk: boolean): void {
  for (const [pattern, protocolRate, infoRate] of BY_PROTOCOL) {
    if (!pattern.test(protocol)) continue;
    protocolRate.add(protocolOk);
    infoRate.add(infoOk);
  }
}

/** dns.*, http.*, tls.* and http2.* values from our details against tshark's fields file. */
function compareFields(fieldRow: ExpectedRow, detail: Details): void {
  const ours = fieldValues(detail());
  for (const id of Object.keys(COMPARED_FIELDS)) {
    const expected = fieldRow[id] ?? '';
    const actual = ours[id] ?? '';
    if (expected === '' && actual === '') continue;
    FIELD_RATES[id.slice(0, id.indexOf('.'))]?.add(expected === actual);
    if (expected !== actual) note(id, expected, actual);
  }
}
