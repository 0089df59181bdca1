/**
 * Literals converted to the type they are compared with, with Wireshark 4's messages when they do
 * not fit (`"abc" is not a valid number.`, `"70000" too big for this field, maximum 65535.`,
 * `Unsigned integer (2 bytes) cannot be converted from a string ("80").`). Enum fields accept their
 * value names, case-insensitively and quoted or not (`ip.proto == TCP`), as Wireshark does, and also
 * with underscores for spaces (`tls.handshake.type == client_hello`); booleans
 * their true/false words (`tcp.flags.syn == Set`) and, as Wireshark 4.2 does, `true`/`false`.
 */
import { fail } from './errors.js';
import { typeName } from './fields.js';
import {
  cidrBits,
  parseAbsoluteTime,
  parseBytes,
  parseEther,
  parseInteger,
  parseIpv4,
  parseIpv6,
  parseNumber,
} from './literals.js';
import type { Constant, Typing } from './program.js';
import { utf8 } from './strings.js';

type Where = readonly [number, number];

/** `Client Hello`, `client_hello` and `CLIENT-HELLO` name the same value. */
function loose(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function valueName(text: string, typing: Typing): number | null {
  const field = typing.field;
  const lower = text.toLowerCase();
  if (field?.strings) {
    for (const [key, name] of Object.entries(field.strings))
      if (name.toLowerCase() === lower) return Number(key);
    const wanted = loose(text);
    for (const [key, name] of Object.entries(field.strings)) if (loose(name) === wanted) return Number(key);
  }
  if (typing.ftype === 'bool') {
    const [yes, no] = field?.tfs ?? ['Set', 'Not set'];
    if (lower === yes.toLowerCase() || lower === 'true') return 1;
    if (lower === no.toLowerCase() || lower === 'false') return 0;
  }
  return null;
}

function integer(text: string, typing: Typing, where: Where, negative: boolean): Constant {
  const parsed = parseInteger(text);
  if (parsed === null) {
    const named = valueName(text, typing);
    if (named !== null) return { kind: 'number', value: named };
    const enumField = typing.field && (typing.field.strings || typing.ftype === 'bool');
    if (enumField)
      fail(`"${text}" cannot be found among the possible values for ${typing.field?.name}.`, ...where);
    fail(`"${text}" is not a valid number.`, ...where);
  }
  const bits = typing.field?.bits ?? 64;
  if (typing.ftype === 'uint' && !negative && bits < 64 && parsed > 2 ** bits - 1)
    fail(`"${text}" too big for this field, maximum ${2 ** bits - 1}.`, ...where);
  if (typing.ftype === 'int' && parsed > 2 ** 31 - (negative ? 0 : 1))
    fail(
      `"${negative ? '-' : ''}${text}" too ${negative ? 'small' : 'big'} for this field, ${negative ? 'minimum' : 'maximum'} ${negative ? -(2 ** 31) : 2 ** 31 - 1}.`,
      ...where,
    );
  const value = negative ? -parsed : parsed;
  return { kind: 'number', value: typing.ftype === 'bool' ? Number(value !== 0) : value };
}

function address(text: string, typing: Typing, where: Where): Constant {
  const { address: head, bits } = cidrBits(text);
  const v4 = typing.ftype === 'ipv4';
  const max = v4 ? 32 : 128;
  const value = v4 ? parseIpv4(head) : parseIpv6(head);
  if (value === null) fail(`"${text}" is not a valid hostname or IPv${v4 ? 4 : 6} address.`, ...where);
  if (bits !== null && !(bits <= max))
    fail(
      v4
        ? `Netmask bits in a CIDR IPv4 address should be <= 32, not ${text.slice(text.indexOf('/') + 1)}`
        : `Prefix in a IPv6 address should be <= 128, not ${text.slice(text.indexOf('/') + 1)}`,
      ...where,
    );
  return typeof value === 'number'
    ? { kind: 'ipv4', value, bits: bits ?? 32 }
    : { kind: 'ipv6', value, bits: bits ?? 128 };
}

function decimal(text: string, where: Where, negative: boolean): Constant {
  const value = parseNumber(text);
  if (value === null) fail(`"${text}" is not a valid number.`, ...where);
  return { kind: 'number', value: negative ? -value : value };
}

/** An unquoted literal (`80`, `10.0.0.0/24`, `GET`); `negative` for one written after a minus sign. */
export function convertWord(text: string, typing: Typing, where: Where, negative = false): Constant {
  switch (typing.ftype) {
    case 'uint':
    case 'int':
    case 'bool':
      return integer(text, typing, where, negative);
    case 'double':
    case 'reltime':
      return decimal(text, where, negative);
    case 'ipv4':
    case 'ipv6':
      return address(text, typing, where);
    case 'ether': {
      const value = parseEther(text);
      if (!value) fail(`"${text}" is not a valid Ethernet address.`, ...where);
      return { kind: 'bytes', value };
    }
    case 'bytes':
    case 'protocol': {
      const value = parseBytes(text);
      if (!value) fail(`"${text}" is not a valid byte string.`, ...where);
      return { kind: 'bytes', value };
    }
    case 'string':
      return { kind: 'string', value: text };
    case 'abstime':
      return absoluteTime(text, where);
    case 'none':
      return fail(`"${text}" cannot be compared with a label.`, ...where);
  }
}

function absoluteTime(text: string, where: Where): Constant {
  const value = parseAbsoluteTime(text);
  if (value === null)
    fail(
      `"${text}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`,
      ...where,
    );
  return { kind: 'number', value };
}

/** A quoted string: text for strings, its bytes for byte fields, a value name for enums. */
export function convertString(value: string, typing: Typing, where: Where): Constant {
  switch (typing.ftype) {
    case 'string':
      return { kind: 'string', value };
    case 'bytes':
    case 'protocol':
      return { kind: 'bytes', value: utf8(value) };
    case 'abstime':
      return absoluteTime(value, where);
    case 'uint':
    case 'int':
    case 'bool': {
      const named = valueName(value, typing);
      if (named !== null) return { kind: 'number', value: named };
      break;
    }
    default:
  }
  return fail(`${typeName(typing.type)} cannot be converted from a string ("${value}").`, ...where);
}

/** A character constant `'a'`: an integer, one byte, or a one-character string. */
export function convertChar(code: number, typing: Typing, where: Where): Constant {
  switch (typing.ftype) {
    case 'uint':
    case 'int':
    case 'double':
      return { kind: 'number', value: code };
    case 'bool':
      return { kind: 'number', value: Number(code !== 0) };
    case 'bytes':
    case 'protocol':
      return { kind: 'bytes', value: Uint8Array.of(code) };
    case 'string':
      return { kind: 'string', value: String.fromCharCode(code) };
    default:
      return fail(`${typeName(typing.type)} cannot be converted from a character constant.`, ...where);
  }
}
