/**
 * Ethernet II and IEEE 802.3 framing (IEEE 802.3 clause 3; Ethernet II: DIX "Blue Book").
 *
 *   0                   6                  12          14
 *  +-------------------+-------------------+-----------+--------------------------+
 *  | destination MAC   | source MAC        | type/len  | payload (46..1500) | FCS? |
 *  +-------------------+-------------------+-----------+--------------------------+
 *
 * The third field is an EtherType when ≥ 1536 and an 802.3 length (followed by 802.2 LLC) when ≤ 1500.
 * Bytes after the network datagram are padding (up to the 60-byte minimum frame) or a trailer.
 */
import { ETH } from '../../../shared/fields/ethernet.js';
import { formatBytes, hex } from '../../../shared/fields/format.js';
import { LinkType } from '../../../shared/link-types.js';
import { AddressKind, type FrameContext } from './context.js';
import { dissectEthertype, MAX_802_3_LENGTH, MIN_ETHERTYPE } from './ethertype.js';
import type { Dissector } from './registry.js';
import type { DetailTree, MutableLayer, Span } from './tree.js';

export const ETHERNET = { dst: [0, 6], src: [6, 12], type: [12, 14] } as const;
export const ETHERNET_HEADER_LENGTH = 14;
/** Smallest frame on the wire without FCS: shorter payloads are padded up to it. */
const MIN_FRAME_LENGTH = 60;

const F = ETH.fields;

function addAddress(
  ctx: FrameContext,
  t: DetailTree,
  offset: number,
  span: Span,
  which: 'dst' | 'src',
): void {
  const text = ctx.addressText(AddressKind.Ether, offset + span[0]);
  const node = t.at(which === 'dst' ? F.dst : F.src, offset, span, text);
  const flags = ctx.u8(offset + span[0]);
  t.open(node);
  t.at(F.addr, offset, span, text);
  // The bits live in the first octet; the range is the whole address so siblings do not half-overlap.
  t.at(which === 'dst' ? F.dstLg : F.srcLg, offset, span, (flags & 0x02) !== 0);
  t.at(which === 'dst' ? F.dstIg : F.srcIg, offset, span, (flags & 0x01) !== 0);
  t.close();
}

function detailHeader(
  ctx: FrameContext,
  t: DetailTree,
  offset: number,
  end: number,
  type: number,
): MutableLayer {
  const src = ctx.addressText(AddressKind.Ether, offset + ETHERNET.src[0]);
  const dst = ctx.addressText(AddressKind.Ether, offset + ETHERNET.dst[0]);
  const ii = type >= MIN_ETHERTYPE;
  const layer = t.begin(
    ETH.protocol,
    `${ii ? 'Ethernet II' : 'IEEE 802.3 Ethernet'}, Src: ${src}, Dst: ${dst}`,
    offset,
    end,
  );
  addAddress(ctx, t, offset, ETHERNET.dst, 'dst');
  addAddress(ctx, t, offset, ETHERNET.src, 'src');
  if (ii) t.at(F.type, offset, ETHERNET.type, type);
  else t.at(F.len, offset, ETHERNET.type, type);
  return layer;
}

/** What follows the datagram: padding up to the minimum frame size, then a trailer (in the Ethernet layer). */
function detailTrailer(ctx: FrameContext, t: DetailTree, layer: MutableLayer, frameStart: number): void {
  const payloadEnd = ctx.datagramEnd;
  if (payloadEnd < 0 || payloadEnd >= ctx.capturedEnd) return;
  const paddingEnd = Math.min(ctx.capturedEnd, Math.max(payloadEnd, frameStart + MIN_FRAME_LENGTH));
  if (paddingEnd > payloadEnd) {
    const padding = formatBytes(ctx.bytes.subarray(payloadEnd, paddingEnd));
    t.appendTo(layer, F.padding, payloadEnd, paddingEnd, null, `Padding: ${padding}`);
  }
  if (ctx.capturedEnd > paddingEnd) {
    const trailer = formatBytes(ctx.bytes.subarray(paddingEnd, ctx.capturedEnd));
    t.appendTo(layer, F.trailer, paddingEnd, ctx.capturedEnd, null, `Trailer: ${trailer}`);
  }
}

function dissect8023(ctx: FrameContext, length: number, offset: number, end: number): void {
  ctx.setInfo('IEEE 802.3 Ethernet');
  const payloadEnd = Math.min(offset + length, end);
  if (ctx.tree && offset + length > end) {
    ctx.problem(
      'malformed',
      'eth',
      'Length field value goes past the end of the payload',
      offset - 2,
      offset,
    );
  }
  if (!ctx.nextById('llc', offset, payloadEnd)) ctx.data(offset, payloadEnd);
  if (ctx.datagramEnd < 0) ctx.datagramEnd = payloadEnd;
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('Ethernet');
  // Wireshark reads the destination, then the source, then the type: a short frame keeps what was read.
  const available = ctx.available(offset, end);
  if (available >= ETHERNET.dst[1]) ctx.setDestination(AddressKind.Ether, offset + ETHERNET.dst[0]);
  if (available >= ETHERNET.src[1]) ctx.setSource(AddressKind.Ether, offset + ETHERNET.src[0]);
  if (!ctx.need('eth', offset, ETHERNET_HEADER_LENGTH, end)) return;
  const type = ctx.u16(offset + ETHERNET.type[0]);
  const t = ctx.tree;
  const layer = t ? detailHeader(ctx, t, offset, offset + ETHERNET_HEADER_LENGTH, type) : undefined;
  const payload = offset + ETHERNET_HEADER_LENGTH;
  if (type >= MIN_ETHERTYPE) {
    ctx.setInfo('Ethernet II');
    dissectEthertype(ctx, type, payload, end);
  } else if (type <= MAX_802_3_LENGTH) {
    dissect8023(ctx, type, payload, end);
  } else {
    ctx.setInfo(`Ethernet Unknown: Invalid length/type: ${hex(type, 4)} (${type})`);
    ctx.problem('malformed', 'eth', 'Invalid length/type', offset + ETHERNET.type[0], payload);
    ctx.data(payload, end);
  }
  if (t && layer && !ctx.stopped) detailTrailer(ctx, t, layer, offset);
}

export const ethernetDissector: Dissector = {
  id: 'eth',
  bindings: [{ table: 'link', key: LinkType.EN10MB }],
  dissect,
};
