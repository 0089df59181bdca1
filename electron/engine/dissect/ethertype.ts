/**
 * The hand-off on an EtherType, shared by Ethernet, VLAN tags, Linux SLL, LLC/SNAP and BSD loopback.
 * A type nobody is registered for shows as Wireshark shows it: Protocol `0x88cc`, Info the type's
 * name when there is one, the rest as data.
 */
import { hex } from '../../../shared/fields/format.js';
import { ETHERTYPE_NAMES } from '../../../shared/fields/values.js';
import type { FrameContext } from './context.js';

export function dissectEthertype(
  ctx: FrameContext,
  type: number,
  offset: number,
  end: number,
  pseudoLayer = true,
): void {
  // Wireshark's `ethertype` pseudo-protocol shows in frame.protocols (`eth:ethertype:ip`), not for SNAP.
  if (pseudoLayer) ctx.tree?.mark('ethertype');
  if (ctx.next('ethertype', type, offset, end)) return;
  ctx.setProtocol(hex(type, 4));
  const name = ETHERTYPE_NAMES[type];
  if (name !== undefined) ctx.setInfo(name);
  ctx.data(offset, end);
}

/** Ethernet's length/type rule (IEEE 802.3 clause 3.2.6): ≤ 1500 is a length, ≥ 1536 a type. */
export const MAX_802_3_LENGTH = 1500;
export const MIN_ETHERTYPE = 1536;
