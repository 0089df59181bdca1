/**
 * DNS resource record data (RFC 1035 §3.3; AAAA RFC 3596; SRV RFC 2782; OPT RFC 6891; SVCB/HTTPS
 * RFC 9460): the fields of each RDATA type, its words in the Info column (` A 1.2.3.4`, ` MX 10 mx.example`)
 * and the suffix of the record's tree line (`, addr 1.2.3.4`), as Wireshark 4.0 writes them.
 *
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   |                 NAME (variable)               |
 *   |            TYPE           |       CLASS       |
 *   |                      TTL                      |
 *   |           RDLENGTH        |  RDATA (RDLENGTH) |
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *
 * Every read is checked against the record's end first; a short record is an exception of the message
 * (truncated or malformed), as in Wireshark.
 */
import { hex, formatBytes } from '../../../shared/fields/format.js';
import { DNS, DNS_OPTION_NAMES } from '../../../shared/fields/dns.js';
import type { FieldDef } from '../../../shared/fields/types.js';
import { ipv4At, ipv6At } from './addresses.js';
import type { FrameContext } from './context.js';
import { formatText, readName, type DnsName, type NameSource } from './dns-name.js';

const F = DNS.fields;

/** What one record contributes to Info and to its tree line. */
export interface RdataText {
  info: string;
  line: string;
}

/** Wireshark's `unsigned_time_secs_to_str`: `1 hour, 15 minutes`. */
export function durationText(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  const parts: string[] = [];
  const units: readonly [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  let rest = seconds;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}

/** A name inside RDATA; on failure the message stops with the matching exception. */
export function rdataName(ctx: FrameContext, src: NameSource, at: number, def: FieldDef): DnsName | null {
  const name = readName(src, at);
  if (name.problem === 'truncated' || name.problem === 'malformed') {
    ctx.exception(name.problem, 'dns', at, name.end + 1);
    return null;
  }
  ctx.tree?.add(def, at, name.end, name.text, `${def.label}: ${name.text}`);
  return name;
}

function u32Line(ctx: FrameContext, def: FieldDef, at: number, duration: boolean): number {
  const value = ctx.u32(at);
  const display = duration ? `${def.label}: ${value} (${durationText(value)})` : undefined;
  ctx.tree?.add(def, at, at + 4, value, display);
  return value;
}

function address(ctx: FrameContext, at: number, end: number, v6: boolean): RdataText | null {
  if (!ctx.need('dns', at, v6 ? 16 : 4, end)) return null;
  const text = v6 ? ipv6At(ctx.bytes, at) : ipv4At(ctx.bytes, at);
  ctx.tree?.add(v6 ? F.aaaa : F.a, at, at + (v6 ? 16 : 4), text);
  return { info: ` ${text}`, line: `, addr ${text}` };
}

function singleName(
  ctx: FrameContext,
  src: NameSource,
  at: number,
  def: FieldDef,
  word: string,
): RdataText | null {
  const name = rdataName(ctx, src, at, def);
  if (!name) return null;
  return { info: ` ${name.text}`, line: word === '' ? `, ${name.text}` : `, ${word} ${name.text}` };
}

function soa(ctx: FrameContext, src: NameSource, at: number, end: number): RdataText | null {
  const mname = rdataName(ctx, src, at, F.soaMname);
  if (!mname) return null;
  const rname = rdataName(ctx, src, mname.end, F.soaRname);
  if (!rname || !ctx.need('dns', rname.end, 20, end)) return null;
  u32Line(ctx, F.soaSerial, rname.end, false);
  u32Line(ctx, F.soaRefresh, rname.end + 4, true);
  u32Line(ctx, F.soaRetry, rname.end + 8, true);
  u32Line(ctx, F.soaExpire, rname.end + 12, true);
  u32Line(ctx, F.soaMinimum, rname.end + 16, true);
  return { info: ` ${mname.text}`, line: `, mname ${mname.text}` };
}

function mx(ctx: FrameContext, src: NameSource, at: number, end: number): RdataText | null {
  if (!ctx.need('dns', at, 2, end)) return null;
  const preference = ctx.u16(at);
  ctx.tree?.add(F.mxPreference, at, at + 2, preference);
  const exchange = rdataName(ctx, src, at + 2, F.mxExchange);
  if (!exchange) return null;
  return {
    info: ` ${preference} ${exchange.text}`,
    line: `, preference ${preference}, mx ${exchange.text}`,
  };
}

function srv(ctx: FrameContext, src: NameSource, at: number, end: number): RdataText | null {
  if (!ctx.need('dns', at, 6, end)) return null;
  const [priority, weight, port] = [ctx.u16(at), ctx.u16(at + 2), ctx.u16(at + 4)];
  ctx.tree?.add(F.srvPriority, at, at + 2, priority);
  ctx.tree?.add(F.srvWeight, at + 2, at + 4, weight);
  ctx.tree?.add(F.srvPort, at + 4, at + 6, port);
  const target = rdataName(ctx, src, at + 6, F.srvTarget);
  if (!target) return null;
  return {
    info: ` ${priority} ${weight} ${port} ${target.text}`,
    line: `, priority ${priority}, weight ${weight}, port ${port}, target ${target.text}`,
  };
}

/** A <character-string>: a length byte and that many bytes. */
function characterString(
  ctx: FrameContext,
  at: number,
  end: number,
  lengthDef: FieldDef,
  def: FieldDef,
): [number, string] | null {
  if (!ctx.need('dns', at, 1, end)) return null;
  const length = ctx.u8(at);
  ctx.tree?.add(lengthDef, at, at + 1, length);
  if (!ctx.need('dns', at + 1, length, end)) return null;
  const text = formatText(ctx.bytes, at + 1, at + 1 + length);
  ctx.tree?.add(def, at + 1, at + 1 + length, text);
  return [at + 1 + length, text];
}

function txt(ctx: FrameContext, at: number, end: number): RdataText | null {
  for (let p = at; p < end;) {
    const read = characterString(ctx, p, end, F.txtLength, F.txt);
    if (!read) return null;
    p = read[0];
  }
  return { info: '', line: '' };
}

function hinfo(ctx: FrameContext, at: number, end: number): RdataText | null {
  const cpu = characterString(ctx, at, end, F.hinfoCpuLength, F.hinfoCpu);
  if (!cpu) return null;
  const os = characterString(ctx, cpu[0], end, F.hinfoOsLength, F.hinfoOs);
  if (!os) return null;
  return { info: ` ${cpu[1]} ${os[1]}`, line: `, CPU ${cpu[1]}, OS ${os[1]}` };
}

/** SVCB/HTTPS: priority, target, then key/length/value parameters shown as bytes. */
function svcb(ctx: FrameContext, src: NameSource, at: number, end: number): RdataText | null {
  if (!ctx.need('dns', at, 2, end)) return null;
  const priority = ctx.u16(at);
  ctx.tree?.add(F.svcPriority, at, at + 2, priority);
  const target = rdataName(ctx, src, at + 2, F.svcTarget);
  if (!target) return null;
  for (let p = target.end; p < end;) {
    if (!ctx.need('dns', p, 4, end)) return null;
    const length = ctx.u16(p + 2);
    if (!ctx.need('dns', p + 4, length, end)) return null;
    const t = ctx.tree;
    if (t) {
      t.open(t.add(F.svcParam, p, p + 4 + length, null, `SvcParam: key${ctx.u16(p)}`));
      t.add(F.svcParamKey, p, p + 2, ctx.u16(p));
      t.add(F.svcParamLength, p + 2, p + 4, length);
      const value = ctx.bytes.subarray(p + 4, p + 4 + length);
      t.add(
        F.svcParamValue,
        p + 4,
        p + 4 + length,
        formatBytes(value),
        `SvcParamValue: ${formatBytes(value)}`,
      );
      t.close();
    }
    p += 4 + length;
  }
  return { info: ` ${priority} ${target.text}`, line: `, priority ${priority}, target ${target.text}` };
}

/** The RDATA of a record of `type` at `[at, end)`, end being the record's end. */
export function dissectRdata(
  ctx: FrameContext,
  src: NameSource,
  type: number,
  at: number,
  end: number,
): RdataText | null {
  switch (type) {
    case 1:
      return address(ctx, at, end, false);
    case 28:
      return address(ctx, at, end, true);
    case 2:
      return singleName(ctx, src, at, F.ns, 'ns');
    case 5:
      return singleName(ctx, src, at, F.cname, 'cname');
    case 12:
      return singleName(ctx, src, at, F.ptr, '');
    case 6:
      return soa(ctx, src, at, end);
    case 15:
      return mx(ctx, src, at, end);
    case 33:
      return srv(ctx, src, at, end);
    case 16:
      return txt(ctx, at, end);
    case 13:
      return hinfo(ctx, at, end);
    case 64:
    case 65:
      return svcb(ctx, src, at, end);
    default:
      if (end > at) {
        if (!ctx.need('dns', at, end - at, end)) return null;
        const bytes = ctx.bytes.subarray(at, end);
        ctx.tree?.add(F.data, at, end, formatBytes(bytes), `Data: ${formatBytes(bytes)}`);
      }
      return { info: '', line: '' };
  }
}

/** One EDNS option: code, length, data, and the few options whose data Wireshark breaks down. */
function ednsOption(ctx: FrameContext, at: number, end: number): number {
  if (!ctx.need('dns', at, 4, end)) return -1;
  const code = ctx.u16(at);
  const length = ctx.u16(at + 2);
  if (!ctx.need('dns', at + 4, length, end)) return -1;
  const t = ctx.tree;
  if (t) {
    const name = DNS_OPTION_NAMES[code] ?? 'Unknown';
    t.open(t.add(F.opt, at, at + 4 + length, null, `Option: ${name}`));
    t.add(F.optCode, at, at + 2, code);
    t.add(F.optLen, at + 2, at + 4, length);
    if (length > 0) {
      const data = ctx.bytes.subarray(at + 4, at + 4 + length);
      t.add(F.optData, at + 4, at + 4 + length, formatBytes(data), `Option Data: ${formatBytes(data)}`);
    }
    t.close();
  }
  return at + 4 + length;
}

/** OPT pseudo-record (RFC 6891 §6.1.2): CLASS is the UDP payload size, TTL the extended flags. */
export function dissectOpt(ctx: FrameContext, at: number, rdata: number, end: number): void {
  const t = ctx.tree;
  if (t) {
    t.add(F.udpPayloadSize, at + 2, at + 4, ctx.u16(at + 2));
    t.add(F.extRcode, at + 4, at + 5, ctx.u8(at + 4));
    t.add(F.ednsVersion, at + 5, at + 6, ctx.u8(at + 5));
    const z = ctx.u16(at + 6);
    t.open(t.add(F.ednsZ, at + 6, at + 8, z, `Z: ${hex(z, 4)}`));
    t.add(F.zDo, at + 6, at + 8, (z & 0x8000) !== 0);
    t.add(F.zReserved, at + 6, at + 8, z & 0x7fff);
    t.close();
    t.add(F.rdLength, at + 8, at + 10, end - rdata);
  }
  for (let p = rdata; p >= 0 && p < end;) p = ednsOption(ctx, p, end);
}
