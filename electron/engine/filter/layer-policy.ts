/**
 * Which dissectors get the field sink as their tree during a filter's pass. Building a layer's tree
 * is most of a frame's detail cost (measured before tcp-tree.ts skipped its lines for sinks: TCP's
 * was ~45%), and a filter reads a few protocols, so the others run as on replay, without a tree.
 *
 * Rules, from what the dissectors do only with a tree:
 * - a protocol the filter names gets the tree;
 * - ICMP and ICMPv6 dissect the packet they quote only with a tree, so they get it whenever the
 *   filter reads anything dissected (`ip.src` has two values in an ICMP error, as in Wireshark), and
 *   link and network layers inside that quote get it when the filter reads a network-layer field;
 * - on replay TCP hands the PDUs it reassembled to the protocols above only with a tree
 *   (tcp-upper.ts), so TCP gets it when the filter reads an application protocol, and so does TLS
 *   (it hands decrypted records on); other application protocols only when named;
 * - `frame.protocols` and `data` need every layer.
 */
import type { FrameContext, LayerPolicy } from '../dissect/context.js';
import type { DetailTree } from '../dissect/tree.js';
import type { FieldSink } from './field-sink.js';

/** Dissector ids at or below the network layer (routing-only link types included). */
const NETWORK_AND_BELOW: ReadonlySet<string> = new Set([
  'eth',
  'vlan',
  'ieee8021ad',
  'llc',
  'sll',
  'sll2',
  'null',
  'loop',
  'raw',
  'linktype-ipv4',
  'linktype-ipv6',
  'arp',
  'ip',
  'ipv6',
  'ipv6.hopopts',
  'ipv6.routing',
  'ipv6.fraghdr',
  'ipv6.dstopts',
]);
const TRANSPORT: ReadonlySet<string> = new Set(['tcp', 'udp', 'icmp', 'icmpv6', 'tcp.payload']);
/** Application protocols that hand their payload to others only with a tree (decrypted TLS records). */
const CARRIERS: ReadonlySet<string> = new Set(['tls']);

/** Dissectors whose protocol id (`frame.protocols` name) differs from their own id. */
const PROTOCOL_OF: Readonly<Record<string, string>> = { 'dns.tcp': 'dns', sll2: 'sll', loop: 'null' };

/** Protocols whose fields come from the store, not from dissection. */
const NOT_DISSECTED: ReadonlySet<string> = new Set(['frame', 'hh', '_ws.malformed', '_ws.short']);

export class ExtractionPolicy implements LayerPolicy {
  private readonly everything: boolean;
  private readonly anyWanted: boolean;
  private readonly networkWanted: boolean;
  private readonly appWanted: boolean;

  constructor(
    private readonly sink: FieldSink,
    private readonly wanted: ReadonlySet<string>,
    everything: boolean,
  ) {
    const dissected = [...wanted].filter((p) => !NOT_DISSECTED.has(p));
    this.everything = everything || wanted.has('data');
    this.anyWanted = dissected.length > 0;
    this.networkWanted = dissected.some((p) => NETWORK_AND_BELOW.has(p));
    this.appWanted = dissected.some((p) => !NETWORK_AND_BELOW.has(p) && !TRANSPORT.has(p));
  }

  initial(ctx: FrameContext): DetailTree | null {
    this.sink.attach(ctx);
    return this.everything ? this.sink : null;
  }

  treeFor(dissector: string, outer: DetailTree | null): DetailTree | null {
    if (this.everything || this.wanted.has(PROTOCOL_OF[dissector] ?? dissector)) return this.sink;
    if (dissector === 'icmp' || dissector === 'icmpv6') return this.anyWanted ? this.sink : null;
    if (NETWORK_AND_BELOW.has(dissector)) return outer !== null && this.networkWanted ? this.sink : null;
    // TCP hands reassembled PDUs up only with a tree; UDP hands its payload up either way.
    if (dissector === 'tcp' || CARRIERS.has(dissector)) return this.appWanted ? this.sink : null;
    return null;
  }
}
