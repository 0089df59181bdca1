/** The IPv4 details tree (detail path only), worded like Wireshark's. */
import { hex } from '../../../shared/fields/format.js';
import { IP } from '../../../shared/fields/ip.js';
import { AddressKind, type FrameContext } from './context.js';
import { IPV4 } from './ip.js';
import type { DetailTree } from './tree.js';

const F = IP.fields;

/** Short DSCP names used in the DS field summary line (RFC 4594 class names). */
function dscpShort(dscp: number): string {
  if (dscp === 46) return 'EF';
  if (dscp === 44) return 'VA';
  if (dscp === 1) return 'LE';
  if (dscp % 8 === 0) return `CS${dscp / 8}`;
  const cls = dscp >>> 3;
  const drop = (dscp >>> 1) & 3;
  return (dscp & 1) === 0 && drop > 0 && cls >= 1 && cls <= 4 ? `AF${cls}${drop}` : String(dscp);
}

const ECN_SHORT = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'] as const;

export function dsfieldSummary(ds: number): string {
  return `${hex(ds, 2)} (DSCP: ${dscpShort(ds >>> 2)}, ECN: ${ECN_SHORT[ds & 3]})`;
}

function flagsSummary(flags: number): string {
  const names: string[] = [];
  if (flags & 0x4) names.push('Reserved');
  if (flags & 0x2) names.push("Don't fragment");
  if (flags & 0x1) names.push('More fragments');
  return `Flags: ${hex(flags, 1)}${names.length > 0 ? `, ${names.join(', ')}` : ''}`;
}

const IP_OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Options List (EOL)',
  1: 'No Operation (NOP)',
  7: 'Record Route',
  68: 'Time Stamp',
  130: 'Security',
  131: 'Loose Source Route',
  137: 'Strict Source Route',
  148: 'Router Alert',
};

function addOptions(ctx: FrameContext, t: DetailTree, start: number, end: number): void {
  const node = t.add(F.options, start, end, null, `Options: (${end - start} bytes)`);
  t.open(node);
  for (let at = start; at < end;) {
    const type = ctx.u8(at);
    const single = type === 0 || type === 1;
    const length = single ? 1 : at + 1 < end ? ctx.u8(at + 1) : 0;
    if (!single && (length < 2 || at + length > end)) {
      t.text(`IP Option - ${IP_OPTION_NAMES[type] ?? `Unknown (${type})`}: bad length`, at, end);
      ctx.problem('malformed', 'ip', 'IP option length runs past the header', at, end);
      break;
    }
    t.open(t.add(F.optType, at, at + 1, type, `IP Option - ${IP_OPTION_NAMES[type] ?? `Unknown (${type})`}`));
    t.add(F.optType, at, at + 1, type);
    if (!single) t.add(F.optLen, at + 1, at + 2, length);
    t.close();
    at += length;
  }
  t.close();
}

export function addIpv4Tree(
  ctx: FrameContext,
  t: DetailTree,
  offset: number,
  hlen: number,
  end: number,
): void {
  const src = ctx.addressText(AddressKind.IPv4, offset + IPV4.src[0]);
  const dst = ctx.addressText(AddressKind.IPv4, offset + IPV4.dst[0]);
  t.begin(IP.protocol, `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`, offset, end);
  const first = ctx.u8(offset);
  t.at(F.version, offset, IPV4.versionIhl, first >>> 4);
  t.at(
    F.hdrLen,
    offset,
    IPV4.versionIhl,
    first & 0x0f,
    `.... ${(first & 0x0f).toString(2).padStart(4, '0')} = Header Length: ${hlen} bytes (${first & 0x0f})`,
  );
  const ds = ctx.u8(offset + 1);
  t.open(t.at(F.dsfield, offset, IPV4.dsfield, ds, `Differentiated Services Field: ${dsfieldSummary(ds)}`));
  t.at(F.dscp, offset, IPV4.dsfield, ds >>> 2);
  t.at(F.ecn, offset, IPV4.dsfield, ds & 3);
  t.close();
  t.at(F.len, offset, IPV4.totalLength, ctx.u16(offset + 2));
  t.at(F.id, offset, IPV4.id, ctx.u16(offset + 4));
  const ff = ctx.u16(offset + 6);
  const flags = ff >>> 13;
  t.open(
    t.at(
      F.flags,
      offset,
      IPV4.flagsFragment,
      flags,
      `${flags.toString(2).padStart(3, '0')}. .... = ${flagsSummary(flags)}`,
    ),
  );
  t.at(F.flagsRb, offset, IPV4.flagsFragment, (flags & 4) !== 0);
  t.at(F.flagsDf, offset, IPV4.flagsFragment, (flags & 2) !== 0);
  t.at(F.flagsMf, offset, IPV4.flagsFragment, (flags & 1) !== 0);
  t.close();
  t.at(F.fragOffset, offset, IPV4.flagsFragment, ff & 0x1fff);
  t.at(F.ttl, offset, IPV4.ttl, ctx.u8(offset + 8));
  t.at(F.proto, offset, IPV4.protocol, ctx.u8(offset + 9));
  const checksum = ctx.u16(offset + 10);
  t.at(
    F.checksum,
    offset,
    IPV4.checksum,
    checksum,
    `Header Checksum: ${hex(checksum, 4)} [validation disabled]`,
  );
  t.at(F.src, offset, IPV4.src, src);
  t.at(F.dst, offset, IPV4.dst, dst);
  if (hlen > 20) addOptions(ctx, t, offset + 20, offset + hlen);
}
