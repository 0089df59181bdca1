/**
 * Raw IP link types: LINKTYPE_RAW (101, and DLT_RAW's 12/14 from OpenBSD-era files) start with an IPv4
 * or IPv6 header, told apart by the version nibble; LINKTYPE_IPV4 (228) / LINKTYPE_IPV6 (229) say which.
 * Wireshark's `raw` layer sets `N/A` columns and needs 8 bytes before it looks at the version; the
 * 228/229 types go straight to the IP dissector with no layer of their own.
 */
import { RAW } from '../../../shared/fields/linux-sll.js';
import { LinkType } from '../../../shared/link-types.js';
import { AddressKind, type FrameContext } from './context.js';
import type { Dissector } from './registry.js';

/** How much Wireshark's raw dissector reads before choosing (it probes for PPP-in-HDLC framing). */
const RAW_PROBE_LENGTH = 8;

function dissectRaw(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('N/A');
  ctx.setSource(AddressKind.NotApplicable, 0);
  ctx.setDestination(AddressKind.NotApplicable, 0);
  ctx.setInfo('Raw packet data');
  if (!ctx.need('raw', offset, RAW_PROBE_LENGTH, end)) return;
  ctx.tree?.begin(RAW.protocol, 'Raw packet data', offset, offset);
  const version = ctx.u8(offset) >>> 4;
  if (version === 4 && ctx.nextById('ip', offset, end)) return;
  if (version === 6 && ctx.nextById('ipv6', offset, end)) return;
  ctx.data(offset, end);
}

export const rawDissector: Dissector = {
  id: 'raw',
  bindings: [
    { table: 'link', key: LinkType.RAW },
    { table: 'link', key: 12 },
    { table: 'link', key: 14 },
  ],
  dissect: dissectRaw,
};

export const ipv4LinkDissector: Dissector = {
  id: 'linktype-ipv4',
  chainId: null,
  bindings: [{ table: 'link', key: LinkType.IPV4 }],
  dissect: (ctx, offset, end) => void ctx.nextById('ip', offset, end),
};
