/**
 * Internet Control Message Protocol (RFC 792).
 *
 *   0                   1                   2                   3
 *  +---------------+---------------+-------------------------------+
 *  |     Type      |     Code      |           Checksum            |
 *  +---------------+---------------+-------------------------------+
 *  |   Identifier (echo, timestamp) |  Sequence Number             |   or unused / MTU / gateway
 *  +-------------------------------+-------------------------------+
 *  |   data, or the IP header + 8 bytes of the packet in error     |
 *
 * Info as Wireshark: the type name padded to 20 characters, the code in parentheses, and for echoes
 * `id=0x0001, seq=2/512, ttl=64` (the sequence in both byte orders) and `(request in N)` on replies.
 * Errors quote the offending packet; it is dissected on the detail path with the columns frozen.
 */
import { hex } from '../../../shared/fields/format.js';
import { ICMP, ICMP_CODES, ICMP_TYPES } from '../../../shared/fields/icmp.js';
import type { FrameContext } from './context.js';
import { expectedReplyChecksum, ICMP_ECHO_STATE } from './icmp-echo.js';
import type { Dissector } from './registry.js';

export const ICMP_HEADER = {
  type: [0, 1],
  code: [1, 2],
  checksum: [2, 4],
  ident: [4, 6],
  seq: [6, 8],
} as const;
export const ICMP_HEADER_LENGTH = 8;

const F = ICMP.fields;
const ECHO_REPLY = 0;
const ECHO_REQUEST = 8;
/** Types whose second word is an identifier and sequence number. */
const ID_SEQ_TYPES = new Set([0, 8, 13, 14, 15, 16, 17, 18]);
/** Bytes these types need beyond the 8-byte header (timestamps, address mask). */
const BODY_LENGTH: Readonly<Record<number, number>> = { 13: 12, 14: 12, 17: 4, 18: 4 };
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

function typeText(type: number, code: number): string {
  const name = ICMP_TYPES[type] ?? 'Unknown ICMP (obsolete or malformed?)';
  const codes = ICMP_CODES[type];
  const codeText = codes ? ` (${codes[code] ?? `Unknown code: ${code}`})` : '';
  return name.padEnd(20) + codeText;
}

function swap16(value: number): number {
  return ((value & 0xff) << 8) | (value >>> 8);
}

function echoInfo(ctx: FrameContext, type: number, checksum: number, ident: number, seq: number): string {
  let text = ` id=${hex(ident, 4)}, seq=${seq}/${swap16(seq)}, ttl=${ctx.ipTtl}`;
  if (ctx.frozen > 0 || (type !== ECHO_REQUEST && type !== ECHO_REPLY)) return text;
  const echoes = ctx.state(ICMP_ECHO_STATE);
  if (ctx.detail) {
    const partner = echoes.partners.get(ctx.frameNumber);
    return type === ECHO_REPLY && partner !== undefined ? `${text} (request in ${partner})` : text;
  }
  if (type === ECHO_REQUEST) echoes.request(ctx, expectedReplyChecksum(checksum, 0x0800), ident, seq);
  else {
    const request = echoes.reply(ctx, checksum, ident, seq);
    if (request > 0) text += ` (request in ${request})`;
  }
  return text;
}

function addTree(
  ctx: FrameContext,
  offset: number,
  end: number,
  type: number,
  code: number,
  idSeq: boolean,
): void {
  const t = ctx.tree;
  if (!t) return;
  t.begin(ICMP.protocol, ICMP.protocol.name, offset, end);
  t.add(F.type, offset, offset + 1, type, `Type: ${type} (${ICMP_TYPES[type] ?? 'Unknown'})`);
  const codes = ICMP_CODES[type];
  t.add(
    F.code,
    offset + 1,
    offset + 2,
    code,
    codes?.[code] ? `Code: ${code} (${codes[code]})` : `Code: ${code}`,
  );
  const checksum = ctx.u16(offset + 2);
  t.add(F.checksum, offset + 2, offset + 4, checksum, `Checksum: ${hex(checksum, 4)} [unverified]`);
  if (idSeq && ctx.available(offset, end) >= ICMP_HEADER_LENGTH) {
    const ident = ctx.u16(offset + 4);
    const seq = ctx.u16(offset + 6);
    t.at(F.ident, offset, ICMP_HEADER.ident, ident);
    t.at(F.identLe, offset, ICMP_HEADER.ident, swap16(ident));
    t.at(F.seq, offset, ICMP_HEADER.seq, seq);
    t.at(F.seqLe, offset, ICMP_HEADER.seq, swap16(seq));
    const partner = ctx.state(ICMP_ECHO_STATE).partners.get(ctx.frameNumber);
    if (partner !== undefined) t.add(type === ECHO_REPLY ? F.respTo : F.respIn, offset, offset, partner);
  } else if (ERROR_TYPES.has(type) && ctx.available(offset, end) >= ICMP_HEADER_LENGTH) {
    t.add(F.unused, offset + 4, offset + 8, null, `Unused: ${hex(ctx.u32(offset + 4), 8).slice(2)}`);
  }
}

/** The packet in error, dissected for the tree only: its addresses must not reach the columns. */
function quoted(ctx: FrameContext, start: number, end: number): void {
  if (!ctx.tree || start >= Math.min(end, ctx.capturedEnd)) return;
  const saved = {
    kind: ctx.netKind,
    src: ctx.netSrcOffset,
    dst: ctx.netDstOffset,
    ttl: ctx.ipTtl,
    end: ctx.datagramEnd,
    bytes: ctx.netBytes,
  };
  ctx.frozen++;
  ctx.nextById('ip', start, end);
  ctx.frozen--;
  ctx.stopped = false;
  [ctx.netKind, ctx.netSrcOffset, ctx.netDstOffset, ctx.ipTtl, ctx.datagramEnd] = [
    saved.kind,
    saved.src,
    saved.dst,
    saved.ttl,
    saved.end,
  ];
  ctx.netBytes = saved.bytes;
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  ctx.setProtocol('ICMP');
  ctx.setInfo('');
  if (!ctx.need('icmp', offset, 4, end)) return;
  const type = ctx.u8(offset);
  const code = ctx.u8(offset + 1);
  const checksum = ctx.u16(offset + 2);
  ctx.setInfo(typeText(type, code));
  const idSeq = ID_SEQ_TYPES.has(type);
  addTree(ctx, offset, end, type, code, idSeq);
  if (!ctx.need('icmp', offset, ICMP_HEADER_LENGTH, end)) return;
  if (idSeq) ctx.appendInfo(echoInfo(ctx, type, checksum, ctx.u16(offset + 4), ctx.u16(offset + 6)));
  const body = BODY_LENGTH[type];
  if (body !== undefined && !ctx.need('icmp', offset, ICMP_HEADER_LENGTH + body, end)) return;
  if (ERROR_TYPES.has(type)) quoted(ctx, offset + ICMP_HEADER_LENGTH, end);
  else ctx.data(offset + ICMP_HEADER_LENGTH + (body ?? 0), end);
}

export const icmpDissector: Dissector = {
  id: 'icmp',
  bindings: [{ table: 'ip.proto', key: 1 }],
  dissect,
};
