/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8): each message is preceded by its length, and TCP reassembles
 * them (Wireshark's `tcp_dissect_pdus` with a two-byte fixed part).
 *
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   |         LENGTH (bytes of the message)         |
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   |        DNS message (header, sections)  ...    |
 */
import { DNS } from '../../../shared/fields/dns.js';
import type { FrameContext } from './context.js';
import { dissectDnsMessage, DNS_PLAIN } from './dns.js';
import type { Dissector } from './registry.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from './stream-info.js';

const LENGTH_FIELD = 2;

/** Every length-prefixed message in `[offset, end)`; asks TCP for more when one is cut. */
function dissectDnsTcp(ctx: FrameContext, offset: number, end: number): void {
  const s = ctx.stream;
  for (let p = offset; p < end && !ctx.stopped;) {
    const captured = Math.min(end, ctx.capturedEnd) - p;
    if (s.canDesegment && captured < LENGTH_FIELD) {
      s.desegmentOffset = p - offset;
      s.desegmentLength = DESEGMENT_ONE_MORE_SEGMENT;
      return;
    }
    if (!ctx.need('dns', p, LENGTH_FIELD, end)) return;
    const pdu = LENGTH_FIELD + ctx.u16(p);
    if (s.canDesegment && captured < pdu) {
      s.desegmentOffset = p - offset;
      s.desegmentLength = pdu - captured;
      return;
    }
    dissectOne(ctx, p, Math.min(p + pdu, end), pdu - LENGTH_FIELD);
    p += pdu;
  }
}

/** One message: the length line belongs to the DNS layer, which then spans the prefix too. */
function dissectOne(ctx: FrameContext, at: number, end: number, length: number): void {
  const t = ctx.tree;
  const first = t ? t.layers.length : 0;
  dissectDnsMessage(ctx, at + LENGTH_FIELD, at + LENGTH_FIELD + length, DNS_PLAIN);
  const layer = t?.layers[first];
  if (!layer || layer.id !== DNS.protocol.id) return;
  layer.range = [at, Math.min(end, ctx.capturedEnd)];
  const source = ctx.sourceName === null ? {} : { source: ctx.sourceName };
  layer.fields.unshift({
    id: DNS.fields.length.id,
    display: `Length: ${length}`,
    value: length,
    range: [at, at + 2],
    ...source,
  });
}

export const dnsTcpDissector: Dissector = {
  id: 'dns.tcp',
  chainId: 'dns',
  bindings: [{ table: 'tcp.port', key: 53 }],
  stream: true,
  dissect: dissectDnsTcp,
};
