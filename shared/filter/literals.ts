/**
 * Literal syntax of each value type, as Wireshark 4 accepts it: integers in decimal, hex (`0x`),
 * octal (leading `0`) and binary (`0b`); IPv4/IPv6 addresses with an optional CIDR prefix; MAC
 * addresses as `aa:bb:cc:dd:ee:ff`, `aa-bb-…` or `aabb.ccdd.eeff`; byte strings `aa:bb:cc`
 * (also `-` or `.` separated, or one byte `2f`); absolute times `"2004-05-13 10:17:08.5"` or
 * `"May 13, 2004 10:17:08"` (local time, as Wireshark reads them). Each returns null when the text
 * is not of that syntax; the checker turns that into Wireshark's message.
 */

export function parseInteger(text: string): number | null {
  let value: number;
  if (/^[0-9]+$/.test(text))
    value = text.length > 1 && text.startsWith('0') ? parseInt(text, 8) : Number(text);
  else if (/^0[xX][0-9A-Fa-f]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[bB][01]+$/.test(text)) value = parseInt(text.slice(2), 2);
  else return null;
  // `08` is not octal: Wireshark rejects it like any other non-number.
  return Number.isNaN(value) || (/^0[0-7]*[89]/.test(text) && !/^0[xXbB]/.test(text)) ? null : value;
}

export function parseNumber(text: string): number | null {
  const integer = parseInteger(text);
  if (integer !== null) return integer;
  return /^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$|^\.[0-9]+$/.test(text) ? Number(text) : null;
}

export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Groups of one side of `::`, a trailing dotted IPv4 part becoming two groups; null if malformed. */
function ipv6Groups(text: string): string[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const last = parts.at(-1) as string;
  if (!last.includes('.')) return parts;
  const v4 = parseIpv4(last);
  if (v4 === null) return null;
  parts.splice(-1, 1, (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16));
  return parts;
}

/** 16 bytes, or null. Accepts `::` compression and a trailing dotted IPv4 part. */
export function parseIpv6(text: string): Uint8Array | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const left = ipv6Groups(halves[0] as string);
  const right = halves.length === 2 ? ipv6Groups(halves[1] as string) : [];
  if (!left || !right) return null;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 && missing < 1) return null;
  const groups = halves.length === 2 ? [...left, ...Array<string>(missing).fill('0'), ...right] : left;
  if (groups.length !== 8 || groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return null;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[2 * i] = n >> 8;
    out[2 * i + 1] = n & 0xff;
  });
  return out;
}

function hexBytes(groups: readonly string[], width: number): Uint8Array | null {
  if (groups.some((g) => g.length !== width || !/^[0-9A-Fa-f]+$/.test(g))) return null;
  const hex = groups.join('');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** `aa:bb:cc`, `aa-bb-cc`, `aa.bb.cc`, or a single byte `2f`. */
export function parseBytes(text: string): Uint8Array | null {
  const separator = /^[0-9A-Fa-f]{2}([:.-])/.exec(text)?.[1];
  if (separator === undefined) return /^[0-9A-Fa-f]{2}$/.test(text) ? hexBytes([text], 2) : null;
  return hexBytes(text.split(separator), 2);
}

export function parseEther(text: string): Uint8Array | null {
  const dotted = /^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/.test(text)
    ? hexBytes(text.split('.'), 4)
    : null;
  const bytes = dotted ?? parseBytes(text);
  return bytes && bytes.length === 6 ? bytes : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function localSeconds(y: number, mo: number, d: number, h: number, mi: number, s: string): number | null {
  const whole = Math.floor(Number(s));
  const date = new Date(y, mo, d, h, mi, whole);
  if (Number.isNaN(date.getTime()) || date.getDate() !== d || mo > 11 || h > 23 || mi > 59 || whole > 60)
    return null;
  return date.getTime() / 1000 + (Number(s) - whole);
}

/** Seconds since the epoch for Wireshark's absolute-time syntaxes (local time, or UTC with a `Z`). */
export function parseAbsoluteTime(text: string): number | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(Z)?$/.exec(t);
  if (iso) {
    const [, y, mo, d, h, mi, s = '0', z] = iso;
    if (z)
      return (
        Date.UTC(+(y as string), +(mo as string) - 1, +(d as string), +(h as string), +(mi as string)) /
          1000 +
        Number(s)
      );
    return localSeconds(
      +(y as string),
      +(mo as string) - 1,
      +(d as string),
      +(h as string),
      +(mi as string),
      s,
    );
  }
  const us = /^([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(t);
  if (!us) return null;
  const [, mon, d, y, h, mi, s = '0'] = us;
  const month = MONTHS.indexOf((mon as string).toLowerCase());
  return month < 0
    ? null
    : localSeconds(+(y as string), month, +(d as string), +(h as string), +(mi as string), s);
}

/** `10.0.0.0/24` → the prefix length, or null without one; NaN when the suffix is not a number. */
export function cidrBits(text: string): { address: string; bits: number | null } {
  const slash = text.indexOf('/');
  if (slash < 0) return { address: text, bits: null };
  const suffix = text.slice(slash + 1);
  return { address: text.slice(0, slash), bits: /^[0-9]+$/.test(suffix) ? Number(suffix) : NaN };
}
