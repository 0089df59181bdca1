/**
 * ICMPv6 (RFC 4443) with Neighbor Discovery (RFC 4861) and MLD (RFC 2710, RFC 3810) enough for Info.
 *
 *   0                   1                   2                   3
 *  +---------------+---------------+-------------------------------+
 *  |     Type      |     Code      |           Checksum            |
 *  +---------------+---------------+-------------------------------+
 *  |                     Message Body                              |
 *
 * ND messages carry TLV options (type, length in 8-byte units); the link-layer address options give
 * Info its ` from 00:11:…` / ` is at 00:11:…`. Errors quote the offending IPv6 packet.
 */
import { hex } from '../../../shared/fields/format.js';
import { ICMPV6, ICMPV6_CODES, ICMPV6_TYPES } from '../../../shared/fields/icmp.js';
import { AddressKind, type FrameContext } from './context.js';
import { expectedReplyChecksum, ICMPV6_ECHO_STATE } from './icmp-echo.js';
import type { Dissector } from './registry.js';

export const ICMPV6_HEADER = { type: [0, 1], code: [1, 2], checksum: [2, 4], body: [4, 8] } as const;
export const ICMPV6_HEADER_LENGTH = 8;

const F = ICMPV6.fields;
const ECHO_REQUEST = 128;
const ECHO_REPLY = 129;
/** Where each ND message's options start, and so how long its fixed part must be. */
const ND_OPTIONS_AT: Readonly<Record<number, number>> = { 133: 8, 134: 16, 135: 24, 136: 24, 137: 40 };
/** Fixed lengths of other bodies (MLD query). */
const MIN_LENGTH: Readonly<Record<number, number>> = { 130: 24, 131: 24, 132: 24 };
const ERROR_TYPES = new Set([1, 2, 3, 4]);
const IPV6_HEADER_LENGTH = 40;

function typeText(type: number, code: number): string {
  const name = ICMPV6_TYPES[type] ?? `Unknown (${type})`;
  const codes = ICMPV6_CODES[type];
  return codes ? `${name} (${codes.names[code] ?? codes.unknown(code)})` : name;
}

function naFlags(word: number): string {
  const names: string[] = [];
  if (word & 0x80000000) names.push('rtr');
  if (word & 0x40000000) names.push('sol');
  if (word & 0x20000000) names.push('ovr');
  return names.length > 0 ? names.join(', ') : 'none';
}

/** The link-layer address options' Info text; an option of length 0 ends the walk (RFC 4861 §4.6). */
function ndOptions(ctx: FrameContext, start: number, end: number): string {
  let text = '';
  const t = ctx.tree;
  for (let at = start; at + 2 <= Math.min(end, ctx.capturedEnd);) {
    const type = ctx.u8(at);
    const length = ctx.u8(at + 1) * 8;
    if (length === 0 || at + length > end) break;
    if (t) {
      t.open(
        t.add(
          F.opt,
          at,
          at + length,
          null,
          `ICMPv6 Option (${F.optType.strings?.[type] ?? `Unknown (${type})`})`,
        ),
      );
      t.add(F.optType, at, at + 1, type);
      t.add(F.optLength, at + 1, at + 2, length / 8, `Length: ${length / 8} (${length} bytes)`);
    }
    if ((type === 1 || type === 2) && length === 8 && at + 8 <= ctx.capturedEnd) {
      const mac = ctx.addressText(AddressKind.Ether, at + 2);
      text += type === 1 ? ` from ${mac}` : ` is at ${mac}`;
      t?.add(F.optLinkaddr, at + 2, at + 8, mac);
    }
    t?.close();
    at += length;
  }
  return text;
}

function echoInfo(ctx: FrameContext, type: number, offset: number): string {
  const checksum = ctx.u16(offset + 2);
  const ident = ctx.u16(offset + 4);
  const seq = ctx.u16(offset + 6);
  let text = ` id=${hex(ident, 4)}, seq=${seq}, hop limit=${ctx.ipTtl}`;
  if (ctx.frozen > 0) return text;
  const echoes = ctx.state(ICMPV6_ECHO_STATE);
  if (ctx.detail) {
    const partner = echoes.partners.get(ctx.frameNumber);
    return type === ECHO_REPLY && partner !== undefined ? `${text} (request in ${partner})` : text;
  }
  // The reply's type is one more than the request's: its checksum is 0x0100 smaller.
  if (type === ECHO_REQUEST) echoes.request(ctx, expectedReplyChecksum(checksum, 0xfeff), ident, seq);
  else {
    const request = echoes.reply(ctx, checksum, ident, seq);
    if (request > 0) text += ` (request in ${request})`;
  }
  return text;
}

/** The message-specific part of Info; false when the body is cut short (the exception is recorded). */
function body(ctx: FrameContext, type: number, offset: number, end: number): boolean {
  if (type === ECHO_REQUEST || type === ECHO_REPLY) {
    if (!ctx.need('icmpv6', offset, ICMPV6_HEADER_LENGTH, end)) return false;
    ctx.appendInfo(echoInfo(ctx, type, offset));
    ctx.data(offset + ICMPV6_HEADER_LENGTH, end);
    return true;
  }
  const optionsAt = ND_OPTIONS_AT[type];
  if (optionsAt !== undefined) {
    if (!ctx.need('icmpv6', offset, optionsAt, end)) return false;
    if (type === 135) ctx.appendInfo(` for ${ctx.addressText(AddressKind.IPv6, offset + 8)}`);
    if (type === 136)
      ctx.appendInfo(` ${ctx.addressText(AddressKind.IPv6, offset + 8)} (${naFlags(ctx.u32(offset + 4))})`);
    ctx.appendInfo(ndOptions(ctx, offset + optionsAt, end));
    return true;
  }
  if (ERROR_TYPES.has(type))
    return ctx.need('icmpv6', offset, ICMPV6_HEADER_LENGTH + IPV6_HEADER_LENGTH, end);
  const minimum = MIN_LENGTH[type];
  return minimum === undefined || ctx.need('icmpv6', offset, minimum, end);
}

function addTree(ctx: FrameContext, offset: number, end: number, type: number, code: number): void {
  const t = ctx.tree;
  if (!t) return;
  t.begin(ICMPV6.protocol, ICMPV6.protocol.name, offset, end);
  t.add(F.type, offset, offset + 1, type, `Type: ${ICMPV6_TYPES[type] ?? 'Unknown'} (${type})`);
  t.add(F.code, offset + 1, offset + 2, code);
  const checksum = ctx.u16(offset + 2);
  t.add(F.checksum, offset + 2, offset + 4, checksum, `Checksum: ${hex(checksum, 4)} [unverified]`);
  if ((type === ECHO_REQUEST || type === ECHO_REPLY) && ctx.available(offset, end) >= 8) {
    t.add(F.echoId, offset + 4, offset + 6, ctx.u16(offset + 4));
    t.add(F.echoSeq, offset + 6, offset + 8, ctx.u16(offset + 6));
    const partner = ctx.state(ICMPV6_ECHO_STATE).partners.get(ctx.frameNumber);
    if (partner !== undefined) t.add(type === ECHO_REPLY ? F.respTo : F.respIn, offset, offset, partner);
  }
  if ((type === 135 || type === 136) && ctx.available(offset, end) >= 24) {
    if (type === 136) t.add(F.naFlags, offset + 4, offset + 8, ctx.u32(offset + 4));
    t.add(
      type === 135 ? F.nsTarget : F.naTarget,
      offset + 8,
      offset + 24,
      ctx.addressText(AddressKind.IPv6, offset + 8),
    );
  }
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('ICMPv6');
  ctx.setInfo('');
  if (!ctx.need('icmpv6', offset, 1, end)) return;
  const type = ctx.u8(offset);
  ctx.setInfo(ICMPV6_TYPES[type] ?? `Unknown (${type})`);
  if (!ctx.need('icmpv6', offset, 4, end)) return;
  const code = ctx.u8(offset + 1);
  ctx.setInfo(typeText(type, code));
  addTree(ctx, offset, end, type, code);
  if (!body(ctx, type, offset, end)) return;
  if (ERROR_TYPES.has(type) && ctx.tree) {
    ctx.frozen++;
    ctx.nextById('ipv6', offset + ICMPV6_HEADER_LENGTH, end);
    ctx.frozen--;
  }
}

export const icmpv6Dissector: Dissector = {
  id: 'icmpv6',
  bindings: [{ table: 'ip.proto', key: 58 }],
  dissect,
};
