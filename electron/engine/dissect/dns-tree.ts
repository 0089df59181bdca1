/** The DNS header in the details tree (detail path only), worded like Wireshark 4.0's. */
import { DNS, DNS_OPCODE_NAMES, DNS_RCODE_NAMES } from '../../../shared/fields/dns.js';
import { hex } from '../../../shared/fields/format.js';
import type { FrameContext } from './context.js';
import type { DetailTree } from './tree.js';

const F = DNS.fields;

/** `Standard query response, No error`: the summary on the Flags line. */
function flagsSummary(flags: number): string {
  const response = (flags & 0x8000) !== 0;
  const opcode = DNS_OPCODE_NAMES[(flags >>> 11) & 0xf] ?? 'Unknown operation';
  if (!response) return opcode;
  return `${opcode} response, ${DNS_RCODE_NAMES[flags & 0xf] ?? 'Unknown error'}`;
}

function addFlags(t: DetailTree, at: number, flags: number): void {
  const response = (flags & 0x8000) !== 0;
  const bit = (mask: number) => (flags & mask) !== 0;
  t.open(t.add(F.flags, at, at + 2, flags, `Flags: ${hex(flags, 4)} ${flagsSummary(flags)}`));
  t.add(F.response, at, at + 2, response);
  t.add(F.opcode, at, at + 2, (flags >>> 11) & 0xf);
  if (response) t.add(F.authoritative, at, at + 2, bit(0x0400));
  t.add(F.truncated, at, at + 2, bit(0x0200));
  t.add(F.recdesired, at, at + 2, bit(0x0100));
  if (response) t.add(F.recavail, at, at + 2, bit(0x0080));
  t.add(F.z, at, at + 2, bit(0x0040));
  // A query shows its AD bit only when set (RFC 6840 §5.7 lets a resolver ask for it).
  if (response) t.add(F.authenticated, at, at + 2, bit(0x0020));
  else if (bit(0x0020)) t.add(F.adBit, at, at + 2, true);
  t.add(F.checkdisable, at, at + 2, bit(0x0010));
  if (response) t.add(F.rcode, at, at + 2, flags & 0xf);
  t.close();
}

/** ID, flags and the four counts; the caller has checked the 12 bytes. */
export function addDnsHeader(ctx: FrameContext, t: DetailTree, offset: number, flags: number): void {
  t.add(F.id, offset, offset + 2, ctx.u16(offset));
  addFlags(t, offset + 2, flags);
  t.add(F.queries, offset + 4, offset + 6, ctx.u16(offset + 4));
  t.add(F.answers, offset + 6, offset + 8, ctx.u16(offset + 6));
  t.add(F.authRr, offset + 8, offset + 10, ctx.u16(offset + 8));
  t.add(F.addRr, offset + 10, offset + 12, ctx.u16(offset + 10));
}
