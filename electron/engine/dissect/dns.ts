/**
 * Domain Name System (RFC 1035 §4; mDNS RFC 6762 on UDP 5353; LLMNR RFC 4795 on UDP 5355; over TCP
 * with a two-byte length prefix, RFC 1035 §4.2.2 / RFC 7766, through TCP reassembly).
 *
 *                                   1  1  1  1  1  1
 *     0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   |                      ID                       |
 *   |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 *   |                    QDCOUNT                    |
 *   |                    ANCOUNT                    |
 *   |                    NSCOUNT                    |
 *   |                    ARCOUNT                    |
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   | Question | Answer | Authority | Additional     |
 *
 * Info as tshark 4.0 writes it: `Standard query 0x1234 A example.com`, then every record of every section
 * (` A 1.2.3.4`, ` CNAME x`, ` OPT`), built as the message is read so that an exception part-way leaves the
 * records read so far, as Wireshark's does.
 */
import {
  DNS,
  DNS_CLASS_NAMES,
  DNS_OPCODE_NAMES,
  DNS_RCODE_NAMES,
  DNS_TYPE_NAMES,
  LLMNR,
  MDNS,
} from '../../../shared/fields/dns.js';
import { hex } from '../../../shared/fields/format.js';
import type { ProtocolDef } from '../../../shared/fields/types.js';
import type { FrameContext } from './context.js';
import { readName, type NameSource } from './dns-name.js';
import { dissectOpt, dissectRdata, durationText } from './dns-rr.js';
import { addDnsHeader } from './dns-tree.js';
import type { Dissector } from './registry.js';

const F = DNS.fields;
export const DNS_HEADER_LENGTH = 12;
const SECTIONS = ['Answers', 'Authoritative nameservers', 'Additional records'] as const;

/** Which flavour of the format: the protocol column and the mDNS class bits differ. */
export interface DnsVariant {
  readonly protocol: ProtocolDef;
  readonly multicast: boolean;
}
const PLAIN: DnsVariant = { protocol: DNS.protocol, multicast: false };
const MULTICAST: DnsVariant = { protocol: MDNS.protocol, multicast: true };
const LINK_LOCAL: DnsVariant = { protocol: LLMNR.protocol, multicast: false };

function typeName(type: number): string {
  return DNS_TYPE_NAMES[type] ?? `Unknown (${type})`;
}

function className(cls: number): string {
  return DNS_CLASS_NAMES[cls] ?? `Unknown (${hex(cls, 4)})`;
}

/** `Standard query response 0x1234 No such name`. */
function headerInfo(id: number, flags: number): string {
  const response = (flags & 0x8000) !== 0;
  const opcode = (flags >>> 11) & 0xf;
  let text = `${DNS_OPCODE_NAMES[opcode] ?? `Unknown operation (${opcode})`}${response ? ' response' : ''} ${hex(id, 4)}`;
  const rcode = flags & 0xf;
  if (response && rcode !== 0) text += ` ${DNS_RCODE_NAMES[rcode] ?? `Unknown error (${rcode})`}`;
  return text;
}

function question(ctx: FrameContext, src: NameSource, at: number, variant: DnsVariant): number {
  const name = readName(src, at);
  if (name.problem === 'truncated' || name.problem === 'malformed') {
    ctx.exception(name.problem, 'dns', at, name.end + 1);
    return -1;
  }
  if (!ctx.need('dns', name.end, 4, src.reportedEnd)) return -1;
  const type = ctx.u16(name.end);
  const rawClass = ctx.u16(name.end + 2);
  const qu = variant.multicast ? (rawClass & 0x8000) !== 0 : false;
  const suffix = variant.multicast ? `, "${qu ? 'QU' : 'QM'}" question` : '';
  ctx.appendInfo(` ${typeName(type)} ${name.text}${suffix}`);
  const t = ctx.tree;
  if (t) {
    const cls = variant.multicast ? rawClass & 0x7fff : rawClass;
    const line = `${name.text}: type ${typeName(type)}, class ${className(cls)}${suffix}`;
    t.open(t.text(line, at, name.end + 4));
    t.add(F.qryName, at, name.end, name.text);
    t.add(F.qryNameLen, at, name.end, name.length);
    t.add(F.labels, at, name.end, name.labels);
    t.add(F.qryType, name.end, name.end + 2, type);
    t.add(variant.multicast ? F.qryClassMdns : F.qryClass, name.end + 2, name.end + 4, cls);
    if (variant.multicast) t.add(F.qryQu, name.end + 2, name.end + 4, qu);
    t.close();
  }
  return name.end + 4;
}

/** One resource record; returns where the next begins, or -1 after an exception. */
function record(ctx: FrameContext, src: NameSource, at: number, variant: DnsVariant): number {
  const name = readName(src, at);
  if (name.problem === 'truncated' || name.problem === 'malformed') {
    ctx.exception(name.problem, 'dns', at, name.end + 1);
    return -1;
  }
  const p = name.end;
  if (!ctx.need('dns', p, 10, src.reportedEnd)) return -1;
  const type = ctx.u16(p);
  const rawClass = ctx.u16(p + 2);
  const flush = variant.multicast && type !== 41 && (rawClass & 0x8000) !== 0;
  const rdLength = ctx.u16(p + 8);
  const end = p + 10 + rdLength;
  ctx.appendInfo(` ${typeName(type)}${flush ? ', cache flush' : ''}`);
  // The record's data must lie within the message before any of it is read (Wireshark's subtree).
  if (!ctx.need('dns', p + 10, rdLength, src.reportedEnd)) return -1;
  const t = ctx.tree;
  const node = t?.text('', at, Math.min(end, src.reportedEnd));
  if (t && node) {
    t.open(node);
    addRecordHead(ctx, at, p, type, rawClass, name.text, variant);
  }
  const text =
    type === 41
      ? (dissectOpt(ctx, p, p + 10, end), { info: '', line: '' })
      : recordData(ctx, src, p, type, end);
  if (t && node) {
    t.close();
    const cls = variant.multicast && type !== 41 ? rawClass & 0x7fff : rawClass;
    node.display =
      type === 41
        ? `${name.text}: type OPT`
        : `${name.text}: type ${typeName(type)}, class ${className(cls)}${flush ? ', cache flush' : ''}${text?.line ?? ''}`;
  }
  if (!text || ctx.stopped) return -1;
  ctx.appendInfo(text.info);
  return end;
}

function recordData(ctx: FrameContext, src: NameSource, p: number, type: number, end: number) {
  ctx.tree?.add(F.rdLength, p + 8, p + 10, end - p - 10);
  return dissectRdata(ctx, src, type, p + 10, end);
}

function addRecordHead(
  ctx: FrameContext,
  at: number,
  p: number,
  type: number,
  rawClass: number,
  name: string,
  variant: DnsVariant,
): void {
  const t = ctx.tree;
  if (!t) return;
  if (type === 33 && name.split('.').length >= 3) {
    const [service = '', proto = '', ...rest] = name.split('.');
    t.add(F.srvService, at, p, service);
    t.add(F.srvProto, at, p, proto);
    t.add(F.srvName, at, p, rest.join('.'));
  } else t.add(F.respName, at, p, name);
  t.add(F.respType, p, p + 2, type);
  if (type === 41) return;
  if (variant.multicast) {
    t.add(F.respClassMdns, p + 2, p + 4, rawClass & 0x7fff);
    t.add(F.cacheFlush, p + 2, p + 4, (rawClass & 0x8000) !== 0);
  } else t.add(F.respClass, p + 2, p + 4, rawClass);
  const ttl = ctx.u32(p + 4);
  t.add(F.ttl, p + 4, p + 8, ttl, `Time to live: ${ttl} (${durationText(ttl)})`);
}

/** Reads one section of `count` records (questions when `section` is -1). */
function section(
  ctx: FrameContext,
  src: NameSource,
  at: number,
  count: number,
  index: number,
  variant: DnsVariant,
): number {
  if (count === 0) return at;
  const t = ctx.tree;
  const node = t?.text(index < 0 ? 'Queries' : (SECTIONS[index] ?? ''), at, at);
  if (t && node) t.open(node);
  let p = at;
  for (let i = 0; i < count && p >= 0; i++)
    p = index < 0 ? question(ctx, src, p, variant) : record(ctx, src, p, variant);
  if (t && node) {
    t.close();
    node.range = [at, Math.max(at, Math.min(p < 0 ? src.reportedEnd : p, ctx.capturedEnd))];
  }
  return p;
}

/** A DNS message at `[offset, end)`: header, then the four sections. */
export function dissectDnsMessage(ctx: FrameContext, offset: number, end: number, variant: DnsVariant): void {
  ctx.setProtocol(variant.protocol.short);
  ctx.setInfo('');
  const t = ctx.tree;
  if (!ctx.need('dns', offset, 4, end)) return;
  const flags = ctx.u16(offset + 2);
  const response = (flags & 0x8000) !== 0;
  t?.begin(variant.protocol, `${variant.protocol.name} (${response ? 'response' : 'query'})`, offset, end);
  ctx.setInfo(headerInfo(ctx.u16(offset), flags));
  if (!ctx.need('dns', offset, DNS_HEADER_LENGTH, end)) return;
  if (t) addDnsHeader(ctx, t, offset, flags);
  const src: NameSource = { bytes: ctx.bytes, start: offset, capturedEnd: ctx.capturedEnd, reportedEnd: end };
  let p = section(ctx, src, offset + DNS_HEADER_LENGTH, ctx.u16(offset + 4), -1, variant);
  for (let i = 0; i < 3 && p >= 0; i++) p = section(ctx, src, p, ctx.u16(offset + 6 + 2 * i), i, variant);
}

function udpDns(variant: DnsVariant) {
  return (ctx: FrameContext, offset: number, end: number): void =>
    dissectDnsMessage(ctx, offset, end, variant);
}

export const dnsDissector: Dissector = {
  id: 'dns',
  bindings: [{ table: 'udp.port', key: 53 }],
  dissect: udpDns(PLAIN),
};

export const mdnsDissector: Dissector = {
  id: 'mdns',
  bindings: [{ table: 'udp.port', key: 5353 }],
  dissect: udpDns(MULTICAST),
};

export const llmnrDissector: Dissector = {
  id: 'llmnr',
  bindings: [{ table: 'udp.port', key: 5355 }],
  dissect: udpDns(LINK_LOCAL),
};

export { PLAIN as DNS_PLAIN };
