/**
 * What a name in a filter refers to. Fields and protocols come from the field registry
 * (`shared/fields`, one declaration per field); on top of it, the names Wireshark defines for
 * filtering only: `ip.addr`, `tcp.port`… match either side (Wireshark adds hidden copies of the
 * source and destination under these ids; here they are aliases of both), and deprecated names that
 * still work with a warning (`ssl.*` → `tls.*`).
 */
import {
  fieldById,
  protocolById,
  type FieldDef,
  type FieldType,
  type ValueStrings,
} from '../fields/index.js';
import { allFieldIds } from '../fields/index.js';

/** How the filter engine holds a value of a field: the registry's type, collapsed to what compares alike. */
export type FType =
  | 'uint'
  | 'int'
  | 'bool'
  | 'double'
  | 'abstime'
  | 'reltime'
  | 'ipv4'
  | 'ipv6'
  | 'ether'
  | 'bytes'
  | 'string'
  | 'protocol'
  | 'none';

export interface FilterField {
  /** The name as the filter should write it (a deprecated name's replacement). */
  readonly name: string;
  readonly label: string;
  readonly type: FieldType | 'protocol';
  readonly ftype: FType;
  /** Width of an unsigned field, for `"70000" too big for this field, maximum 65535.` */
  readonly bits: number;
  readonly strings?: ValueStrings;
  readonly tfs?: readonly [string, string];
  /** The ids the dissectors emit for it: one, or both sides for `ip.addr`. */
  readonly ids: readonly string[];
  /** The protocol it belongs to (`tcp` for `tcp.analysis.retransmission`). */
  readonly protocol: string;
  readonly isProtocol: boolean;
}

interface Alias {
  readonly label: string;
  readonly of: readonly string[];
  /** A marker that only exists (Wireshark's hidden `http.request`): present when its field is. */
  readonly marker?: true;
}

/** Wireshark's "either side" fields (`ip.addr`, `tcp.port`…), which Hammerhead's dissectors do not emit. */
const ALIASES: Readonly<Record<string, Alias>> = {
  'ip.addr': { label: 'Source or Destination Address', of: ['ip.src', 'ip.dst'] },
  'ip.host': { label: 'Source or Destination Host', of: ['ip.src', 'ip.dst'] },
  'ipv6.addr': { label: 'Source or Destination Address', of: ['ipv6.src', 'ipv6.dst'] },
  'ipv6.host': { label: 'Source or Destination Host', of: ['ipv6.src', 'ipv6.dst'] },
  'tcp.port': { label: 'Source or Destination Port', of: ['tcp.srcport', 'tcp.dstport'] },
  'udp.port': { label: 'Source or Destination Port', of: ['udp.srcport', 'udp.dstport'] },
  // Wireshark's HTTP dissector adds these to every request / response; Hammerhead's request line
  // and status line always carry the method / the status code.
  'http.request': { label: 'Request', of: ['http.request.method'], marker: true },
  'http.response': { label: 'Response', of: ['http.response.code'], marker: true },
};

/** Old names Wireshark still accepts, with the name that replaced them (`ssl` became `tls` in 3.0). */
const DEPRECATED_PREFIXES: readonly (readonly [string, string])[] = [
  ['ssl', 'tls'],
  ['bootp', 'dhcp'],
];
const DEPRECATED_NAMES: Readonly<Record<string, string>> = {
  'tcp.flags.ns': 'tcp.flags.ae',
  'http.x_forwarded_for_addr': 'http.x_forwarded_for',
};

const TYPE_FTYPE: Readonly<Record<FieldType | 'protocol', FType>> = {
  protocol: 'protocol',
  none: 'none',
  uint8: 'uint',
  uint16: 'uint',
  uint24: 'uint',
  uint32: 'uint',
  uint64: 'uint',
  framenum: 'uint',
  int32: 'int',
  boolean: 'bool',
  ether: 'ether',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  bytes: 'bytes',
  string: 'string',
  double: 'double',
  absolute_time: 'abstime',
  relative_time: 'reltime',
};

const TYPE_BITS: Partial<Record<FieldType, number>> = {
  uint8: 8,
  uint16: 16,
  uint24: 24,
  uint32: 32,
  framenum: 32,
};

/** Wireshark's names of field types, as its messages print them. */
const TYPE_NAMES: Readonly<Record<FieldType | 'protocol', string>> = {
  protocol: 'Protocol',
  none: 'Label',
  uint8: 'Unsigned integer (1 byte)',
  uint16: 'Unsigned integer (2 bytes)',
  uint24: 'Unsigned integer (3 bytes)',
  uint32: 'Unsigned integer (4 bytes)',
  uint64: 'Unsigned integer (8 bytes)',
  framenum: 'Frame number',
  int32: 'Signed integer (4 bytes)',
  boolean: 'Boolean',
  ether: 'Ethernet or other MAC address',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  bytes: 'Byte sequence',
  string: 'Character string',
  double: 'Floating point (double-precision)',
  absolute_time: 'Date and time',
  relative_time: 'Time offset',
};

export function typeName(type: FieldType | 'protocol'): string {
  return TYPE_NAMES[type];
}

function protocolOf(id: string): string {
  for (let cut = id.lastIndexOf('.'); cut > 0; cut = id.lastIndexOf('.', cut - 1)) {
    const prefix = id.slice(0, cut);
    if (protocolById(prefix)) return prefix;
  }
  return id.split('.')[0] ?? id;
}

function fromDef(name: string, def: FieldDef, ids: readonly string[], label = def.label): FilterField {
  return {
    name,
    label,
    type: def.type,
    ftype: TYPE_FTYPE[def.type],
    bits: TYPE_BITS[def.type] ?? 64,
    ...(def.strings && { strings: def.strings }),
    ...(def.tfs && { tfs: def.tfs }),
    ids,
    protocol: protocolOf(ids[0] ?? name),
    isProtocol: false,
  };
}

/** The field or protocol a current (non-deprecated) name refers to. */
function resolveCurrent(name: string): FilterField | undefined {
  const def = fieldById(name);
  if (def) return fromDef(name, def, [name]);
  const protocol = protocolById(name);
  if (protocol)
    return {
      name,
      label: protocol.name,
      type: 'protocol',
      ftype: 'protocol',
      bits: 0,
      ids: [name],
      protocol: name,
      isProtocol: true,
    };
  const alias = Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
  const side = alias && fieldById(alias.of[0] ?? '');
  if (!alias || !side) return undefined;
  return fromDef(name, alias.marker ? { ...side, type: 'none' } : side, alias.of, alias.label);
}

/** The current name for a deprecated one, or undefined. */
export function replacementOf(name: string): string | undefined {
  if (Object.hasOwn(DEPRECATED_NAMES, name)) return DEPRECATED_NAMES[name];
  for (const [old, now] of DEPRECATED_PREFIXES) {
    if (name === old) return now;
    if (name.startsWith(`${old}.`)) return now + name.slice(old.length);
  }
  return undefined;
}

export interface Resolved {
  readonly field: FilterField;
  /** Set when the name is deprecated: the filter works, with a warning. */
  readonly deprecated: string | null;
}

/** Looks a filter name up: a field, a protocol, an alias, or a deprecated name of one of them. */
export function resolveName(name: string): Resolved | undefined {
  const current = resolveCurrent(name);
  if (current) return { field: current, deprecated: null };
  const replacement = replacementOf(name);
  const field = replacement === undefined ? undefined : resolveCurrent(replacement);
  return field ? { field, deprecated: replacement as string } : undefined;
}

/** The registry is complete once its modules have loaded: the sorted list is made once. */
let names: readonly string[] | undefined;

/** Every name a filter may use (registry ids, protocols and aliases), sorted: what autocomplete offers. */
export function filterNames(): readonly string[] {
  names ??= [...new Set([...allFieldIds(), ...Object.keys(ALIASES)])].sort();
  return names;
}
