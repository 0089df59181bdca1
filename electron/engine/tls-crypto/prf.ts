/**
 * The TLS pseudo-random functions that stretch a master secret into key material.
 *
 *   TLS 1.2 (RFC 5246 §5):       PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 *   TLS 1.0/1.1 (RFC 2246 §5):   PRF(secret, label, seed) =
 *                                  P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed)
 *                                S1, S2 = the first and last ceil(len/2) bytes of the secret
 *   P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...,
 *                          A(0) = seed, A(i) = HMAC(secret, A(i-1))
 *
 * SSL 3.0 derives keys with its own MD5/SHA-1 construction, not a PRF; it is not supported (null).
 */
import { createHmac } from 'node:crypto';
import type { HashName } from './hkdf.js';

type PHash = 'md5' | 'sha1' | HashName;

export const TLS1_0 = 0x0301;
export const TLS1_1 = 0x0302;
export const TLS1_2 = 0x0303;

export function pHash(hash: PHash, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let a: Uint8Array = seed;
  for (let at = 0; at < length;) {
    a = createHmac(hash, secret).update(a).digest();
    const block = createHmac(hash, secret).update(a).update(seed).digest();
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

function labelled(label: string, seed: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from(label, 'latin1'), seed]);
}

export function tls12Prf(
  secret: Uint8Array,
  label: string,
  seed: Uint8Array,
  length: number,
  hash: HashName = 'sha256',
): Uint8Array {
  return pHash(hash, secret, labelled(label, seed), length);
}

export function tls10Prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  const half = Math.ceil(secret.length / 2);
  const full = labelled(label, seed);
  const md5 = pHash('md5', secret.subarray(0, half), full, length);
  const sha1 = pHash('sha1', secret.subarray(secret.length - half), full, length);
  for (let i = 0; i < length; i++) md5[i]! ^= sha1[i]!;
  return md5;
}

/**
 * The PRF a record-layer version uses: TLS 1.0 and 1.1 the MD5/SHA-1 one, TLS 1.2 P_hash with the
 * suite's hash (SHA-384 for *_SHA384 suites, as Wireshark does). Null for SSL 3.0 and unknown versions.
 */
export function prf(
  version: number,
  hash: HashName,
  secret: Uint8Array,
  label: string,
  seed: Uint8Array,
  length: number,
): Uint8Array | null {
  if (version === TLS1_0 || version === TLS1_1) return tls10Prf(secret, label, seed, length);
  if (version === TLS1_2) return tls12Prf(secret, label, seed, length, hash);
  return null;
}
