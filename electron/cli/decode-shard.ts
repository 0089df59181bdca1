/**
 * Which worker dissects a frame when `decode` runs on several threads (decode-parallel.ts). What the
 * dissectors remember from frame to frame is kept per conversation (TCP streams and their reassembly,
 * TLS sessions, HTTP and HTTP/2 state, ICMP echo pairs, IP fragments), so frames of one conversation must
 * meet the same dissector, in order:
 *
 * - TCP and UDP that are not fragments: by their address and port pair, both directions alike;
 * - other IP (ICMP, fragments, other protocols): by the address pair, so that a fragment meets the others
 *   of its datagram and an echo reply its request;
 * - anything else (ARP, other link layers, custom blocks): the first worker.
 *
 * Only headers are read here, with bounds checks; a frame too short to tell goes to the first worker.
 */
import { LinkType } from '../../shared/link-types.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
const TCP = 6;
const UDP = 17;

export function shardOf(linkType: number, data: Uint8Array, shards: number): number {
  if (shards <= 1) return 0;
  const ip = ipOffset(linkType, data);
  if (ip < 0 || ip >= data.length) return 0;
  const version = (data[ip] ?? 0) >> 4;
  const hash = version === 4 ? ipv4Hash(data, ip) : version === 6 ? ipv6Hash(data, ip) : 0;
  return (hash >>> 0) % shards;
}

/** Where the IP header starts for this link type, or -1 when the frame is not IP. */
function ipOffset(linkType: number, data: Uint8Array): number {
  switch (linkType) {
    case LinkType.EN10MB: {
      let at = 12;
      let type = u16(data, at);
      for (let tags = 0; tags < 2 && ETHERTYPE_VLAN.includes(type); tags++) {
        at += 4;
        type = u16(data, at);
      }
      return isIp(type) ? at + 2 : -1;
    }
    case LinkType.LINUX_SLL:
      return isIp(u16(data, 14)) ? 16 : -1;
    case LinkType.LINUX_SLL2:
      return isIp(u16(data, 0)) ? 20 : -1;
    case LinkType.NULL:
    case LinkType.LOOP:
      return data.length > 4 ? 4 : -1;
    case LinkType.RAW:
    case 12:
    case 14:
    case LinkType.IPV4:
    case LinkType.IPV6:
      return 0;
    default:
      return -1;
  }
}

function isIp(type: number): boolean {
  return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6;
}

function ipv4Hash(data: Uint8Array, ip: number): number {
  if (data.length < ip + 20) return 0;
  const addresses = symmetric(bytesHash(data, ip + 12, 4), bytesHash(data, ip + 16, 4));
  const protocol = data[ip + 9] ?? 0;
  const fragment = (u16(data, ip + 6) & 0x3fff) !== 0;
  const ports = ip + ((data[ip] ?? 0) & 0x0f) * 4;
  if (fragment || (protocol !== TCP && protocol !== UDP) || data.length < ports + 4) return mix(addresses);
  return mix(addresses ^ portsHash(data, ports));
}

function ipv6Hash(data: Uint8Array, ip: number): number {
  if (data.length < ip + 40) return 0;
  const addresses = symmetric(bytesHash(data, ip + 8, 16), bytesHash(data, ip + 24, 16));
  const next = data[ip + 6] ?? 0;
  // Extension headers (a fragment header among them) are not walked: such packets go by address pair.
  if ((next !== TCP && next !== UDP) || data.length < ip + 44) return mix(addresses);
  return mix(addresses ^ portsHash(data, ip + 40));
}

/** The two ports, in either order alike. */
function portsHash(data: Uint8Array, at: number): number {
  return Math.imul(u16(data, at) ^ u16(data, at + 2), 0x9e3779b1);
}

/** The two endpoints' hashes combined so that swapping them changes nothing. */
function symmetric(a: number, b: number): number {
  return (a ^ b) + Math.imul(Math.min(a >>> 0, b >>> 0) ^ 0x5bd1e995, 0x01000193);
}

/** FNV-1a over `length` bytes. */
function bytesHash(data: Uint8Array, at: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = at; i < at + length; i++) h = Math.imul(h ^ (data[i] ?? 0), 0x01000193);
  return h;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

function u16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}
