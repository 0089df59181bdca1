/**
 * Bodies of the pcapng blocks that are not on the per-packet hot path, and the option list that
 * ends most blocks (draft-ietf-opsawg-pcapng §3.5). Each option is a TLV padded to 32 bits:
 *
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |      Option Code              |         Option Length         |
 *     /                 Option Value (padded to 32 bits)              /
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Offsets below are relative to the block body (after Block Type and Block Total Length).
 * Options are advisory: an option that overruns its block ends the list instead of failing the file.
 */
import { decodeString } from './record-parser.js';
import { int64, uint64 } from './timestamp.js';
import type { InterfaceStatistics, NameResolution } from './types.js';

/** Option codes, by block (§4.1 SHB, §4.2 IDB, §4.3 EPB, §4.6 ISB). */
export const Option = {
  endOfOptions: 0,
  comment: 1,
  ifName: 2,
  ifDescription: 3,
  ifTsresol: 9,
  ifFilter: 11,
  ifOs: 12,
  ifFcslen: 13,
  ifTsoffset: 14,
  epbFlags: 2,
  shbHardware: 2,
  shbOs: 3,
  shbUserAppl: 4,
  isbIfrecv: 4,
  isbIfdrop: 5,
  isbFilteraccept: 6,
  isbOsdrop: 7,
  isbUsrdeliv: 8,
} as const;

/** IDB body: LinkType (2), Reserved (2), SnapLen (4), options. */
export const IDB = { linkType: [0, 2], reserved: [2, 4], snapLength: [4, 8], options: 8 } as const;
/** ISB body: Interface ID (4), Timestamp high (4), low (4), options. */
export const ISB = { interfaceId: [0, 4], tsHigh: [4, 8], tsLow: [8, 12], options: 12 } as const;
/** DSB body: Secrets Type (4), Secrets Length (4), Secrets Data (padded), options. */
export const DSB = { secretsType: [0, 4], secretsLength: [4, 8], data: 8 } as const;
/** NRB record types (§4.5). */
const NameRecord = { end: 0, ipv4: 1, ipv6: 2, eui48: 3, eui64: 4 } as const;

export type OptionVisitor = (code: number, value: number, length: number) => void;

/** Calls `visit` for each option in [start, end) until opt_endofopt. */
export function forEachOption(
  view: DataView,
  start: number,
  end: number,
  le: boolean,
  visit: OptionVisitor,
): void {
  let pos = start;
  while (end - pos >= 4) {
    const code = view.getUint16(pos, le);
    const length = view.getUint16(pos + 2, le);
    const value = pos + 4;
    if (code === Option.endOfOptions || length > end - value) return;
    visit(code, value, length);
    pos = value + ((length + 3) & ~3);
  }
}

/** The options every packet block can carry: opt_comment (repeatable) and epb_flags / pack_flags. */
export interface PacketOptions {
  comments: string[];
  flags: number;
}

export function packetOptions(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  le: boolean,
): PacketOptions {
  const options: PacketOptions = { comments: [], flags: 0 };
  forEachOption(view, start, end, le, (code, value, length) => {
    if (code === Option.comment) options.comments.push(decodeString(bytes, value, value + length));
    else if (code === Option.epbFlags && length === 4) options.flags = view.getUint32(value, le);
  });
  return options;
}

/** Every opt_comment of a block (shb_comment for a section header). */
export function comments(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  le: boolean,
): string[] {
  const found: string[] = [];
  forEachOption(view, start, end, le, (code, value, length) => {
    if (code === Option.comment) found.push(decodeString(bytes, value, value + length));
  });
  return found;
}

export interface InterfaceFields {
  linkType: number;
  snapLength: number;
  name?: string;
  description?: string;
  filter?: string;
  os?: string;
  fcsLength?: number;
  /** The raw if_tsresol byte; 6 (microseconds) when absent. */
  tsresol: number;
  tsOffsetSeconds: number;
}

export function decodeInterface(
  bytes: Uint8Array,
  view: DataView,
  body: number,
  end: number,
  le: boolean,
): InterfaceFields {
  const fields: InterfaceFields = {
    linkType: view.getUint16(body + IDB.linkType[0], le),
    snapLength: view.getUint32(body + IDB.snapLength[0], le),
    tsresol: 6,
    tsOffsetSeconds: 0,
  };
  forEachOption(view, body + IDB.options, end, le, (code, value, length) => {
    const text = () => decodeString(bytes, value, value + length);
    if (code === Option.ifName) fields.name = text();
    else if (code === Option.ifDescription) fields.description = text();
    else if (code === Option.ifOs) fields.os = text();
    else if (code === Option.ifTsresol && length >= 1) fields.tsresol = view.getUint8(value);
    else if (code === Option.ifTsoffset && length === 8) fields.tsOffsetSeconds = int64(view, value, le);
    else if (code === Option.ifFcslen && length >= 1) fields.fcsLength = view.getUint8(value);
    // The first byte says what follows; 0 is a libpcap filter string (the only kind we can show).
    else if (code === Option.ifFilter && length >= 1 && view.getUint8(value) === 0) {
      fields.filter = decodeString(bytes, value + 1, value + length);
    }
  });
  return fields;
}

export function decodeStatistics(
  view: DataView,
  body: number,
  end: number,
  le: boolean,
  interfaceId: number,
): InterfaceStatistics {
  const stats: { -readonly [K in keyof InterfaceStatistics]: InterfaceStatistics[K] } = { interfaceId };
  const keys: Record<number, Exclude<keyof InterfaceStatistics, 'interfaceId'>> = {
    [Option.isbIfrecv]: 'received',
    [Option.isbIfdrop]: 'droppedByInterface',
    [Option.isbOsdrop]: 'droppedByOs',
    [Option.isbFilteraccept]: 'filterAccepted',
    [Option.isbUsrdeliv]: 'delivered',
  };
  forEachOption(view, body + ISB.options, end, le, (code, value, length) => {
    const key = keys[code];
    if (key !== undefined && length === 8) stats[key] = uint64(view, value, le);
  });
  return stats;
}

/** NRB records: an address, then one or more NUL-terminated names. */
export function decodeNames(
  bytes: Uint8Array,
  view: DataView,
  body: number,
  end: number,
  le: boolean,
): NameResolution[] {
  const entries: NameResolution[] = [];
  let pos = body;
  while (end - pos >= 4) {
    const type = view.getUint16(pos, le);
    const length = view.getUint16(pos + 2, le);
    const value = pos + 4;
    if (type === NameRecord.end || length > end - value) break;
    const size = (
      { [NameRecord.ipv4]: 4, [NameRecord.ipv6]: 16, [NameRecord.eui48]: 6, [NameRecord.eui64]: 8 } as Record<
        number,
        number
      >
    )[type];
    if (size !== undefined && length > size) {
      const address = formatAddress(bytes.subarray(value, value + size));
      const names = decodeNameList(bytes, value + size, value + length);
      entries.push({ address, names });
    }
    pos = value + ((length + 3) & ~3);
  }
  return entries;
}

function decodeNameList(bytes: Uint8Array, start: number, end: number): string[] {
  const names: string[] = [];
  let pos = start;
  while (pos < end) {
    let stop = bytes.subarray(pos, end).indexOf(0);
    stop = stop < 0 ? end : pos + stop;
    if (stop > pos) names.push(decodeString(bytes, pos, stop));
    pos = stop + 1;
  }
  return names;
}

/** Dotted quad, RFC 5952 IPv6, or colon-separated hardware address, by length. */
export function formatAddress(address: Uint8Array): string {
  if (address.length === 4) return address.join('.');
  if (address.length !== 16) return Array.from(address, (b) => b.toString(16).padStart(2, '0')).join(':');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((address[i] ?? 0) << 8) | (address[i + 1] ?? 0));
  // The longest run of two or more zero groups (the first on a tie) becomes "::".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j + 1;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}
