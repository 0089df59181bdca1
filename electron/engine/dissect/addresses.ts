/**
 * Address text as Wireshark prints it with `-n`: MAC `00:11:22:33:44:55`, IPv4 dotted quad, IPv6 in
 * RFC 5952 form (with the IPv4-embedded forms BSD `inet_ntop` uses). The summary pass formats two
 * addresses per frame, almost always ones it has seen before, so each kind has a small direct-mapped
 * cache keyed by the address bits: a hit costs a hash and a compare, and allocates nothing.
 */

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A direct-mapped cache from `words`-word keys to strings; a collision simply replaces the entry. */
class AddressCache {
  private readonly keys: Uint32Array;
  private readonly values: (string | undefined)[];
  private readonly mask: number;

  constructor(
    private readonly words: number,
    sizeLog2: number,
  ) {
    this.keys = new Uint32Array(words << sizeLog2);
    this.values = new Array<string | undefined>(1 << sizeLog2);
    this.mask = (1 << sizeLog2) - 1;
  }

  slot(hash: number): number {
    return (Math.imul(hash, 0x9e3779b1) >>> 16) & this.mask;
  }

  get(slot: number, key: readonly number[] | Uint32Array): string | undefined {
    const base = slot * this.words;
    for (let i = 0; i < this.words; i++) if (this.keys[base + i] !== key[i]) return undefined;
    return this.values[slot];
  }

  set(slot: number, key: readonly number[] | Uint32Array, value: string): void {
    const base = slot * this.words;
    for (let i = 0; i < this.words; i++) this.keys[base + i] = key[i] ?? 0;
    this.values[slot] = value;
  }
}

function u32(b: Uint8Array, o: number): number {
  return (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
}

const macCache = new AddressCache(2, 12);
const macKey = new Uint32Array(2);

export function macAt(b: Uint8Array, o: number): string {
  macKey[0] = u32(b, o);
  macKey[1] = (((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0)) + 1; // +1: the all-zero key must not match an empty slot
  const slot = macCache.slot(macKey[0] ^ macKey[1]);
  const hit = macCache.get(slot, macKey);
  if (hit !== undefined) return hit;
  let text = HEX2[b[o] ?? 0] ?? '';
  for (let i = 1; i < 6; i++) text += `:${HEX2[b[o + i] ?? 0]}`;
  macCache.set(slot, macKey, text);
  return text;
}

const ipv4Cache = new AddressCache(1, 14);
const ipv4Key = new Uint32Array(1);

export function ipv4String(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

export function ipv4At(b: Uint8Array, o: number): string {
  // The slot's key word is compared with the address + 1 so that 0.0.0.0 does not hit an empty slot.
  ipv4Key[0] = (u32(b, o) + 1) >>> 0;
  const slot = ipv4Cache.slot(ipv4Key[0]);
  const hit = ipv4Cache.get(slot, ipv4Key);
  if (hit !== undefined) return hit;
  const text = ipv4String(u32(b, o));
  ipv4Cache.set(slot, ipv4Key, text);
  return text;
}

const ipv6Cache = new AddressCache(5, 12);
const ipv6Key = new Uint32Array(5);

export function ipv6At(b: Uint8Array, o: number): string {
  for (let i = 0; i < 4; i++) ipv6Key[i] = u32(b, o + 4 * i);
  ipv6Key[4] = 1; // marks the slot as filled, so :: does not hit an empty slot
  const slot = ipv6Cache.slot((ipv6Key[0] ?? 0) ^ (ipv6Key[1] ?? 0) ^ (ipv6Key[2] ?? 0) ^ (ipv6Key[3] ?? 0));
  const hit = ipv6Cache.get(slot, ipv6Key);
  if (hit !== undefined) return hit;
  const text = formatIpv6(b, o);
  ipv6Cache.set(slot, ipv6Key, text);
  return text;
}

/** RFC 5952: lower case, no leading zeros, the longest (first) run of two or more zero groups as `::`. */
export function formatIpv6(b: Uint8Array, o: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(((b[o + 2 * i] ?? 0) << 8) | (b[o + 2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) keep the dotted form, as inet_ntop does.
  const embedded = bestStart === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (embedded && i === 6) return `${out}${out.endsWith(':') ? '' : ':'}${ipv4String(u32(b, o + 12))}`;
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += (words[i] ?? 0).toString(16);
  }
  return out;
}
