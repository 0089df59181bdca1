/**
 * HKDF (RFC 5869) and the TLS 1.3 wrappers around it (RFC 8446 §7.1):
 *
 *   HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *   struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; } HkdfLabel;
 *   Derive-Secret(Secret, Label, Messages) =
 *     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 *
 * Built on HMAC rather than `crypto.hkdf`, which hides Extract and Expand behind one call: TLS 1.3 needs
 * them separately (Extract with the previous stage's secret as salt, Expand-Label on traffic secrets).
 */
import { createHash, createHmac } from 'node:crypto';

/** The hashes TLS 1.3 suites name (and TLS 1.2 PRFs use). */
export type HashName = 'sha256' | 'sha384';

export const HASH_LENGTH: Readonly<Record<HashName, number>> = { sha256: 32, sha384: 48 };

const LABEL_PREFIX = 'tls13 ';

/** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM); an empty salt is Hash.length zeros (RFC 5869 §2.2). */
export function hkdfExtract(hash: HashName, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  const key = salt.length === 0 ? new Uint8Array(HASH_LENGTH[hash]) : salt;
  return new Uint8Array(createHmac(hash, key).update(ikm).digest());
}

/** HKDF-Expand(PRK, info, L): T(i) = HMAC(PRK, T(i-1) | info | i), concatenated and cut to L. */
export function hkdfExpand(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hashLength = HASH_LENGTH[hash];
  if (length < 0 || length > 255 * hashLength) throw new RangeError(`HKDF-Expand length ${length}`);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Uint8Array.of(i)).digest();
    out.set(previous.subarray(0, Math.min(hashLength, length - at)), at);
    at += hashLength;
  }
  return out;
}

/** The HkdfLabel structure above, serialised. */
export function hkdfLabel(label: string, context: Uint8Array, length: number): Uint8Array {
  const fullLabel = Buffer.from(LABEL_PREFIX + label, 'latin1');
  if (fullLabel.length > 255 || context.length > 255) throw new RangeError(`HkdfLabel too long: ${label}`);
  const out = new Uint8Array(2 + 1 + fullLabel.length + 1 + context.length);
  out[0] = length >>> 8;
  out[1] = length & 0xff;
  out[2] = fullLabel.length;
  out.set(fullLabel, 3);
  out[3 + fullLabel.length] = context.length;
  out.set(context, 4 + fullLabel.length);
  return out;
}

export function hkdfExpandLabel(
  hash: HashName,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array {
  return hkdfExpand(hash, secret, hkdfLabel(label, context, length), length);
}

/** Transcript-Hash(Messages): the hash of the handshake messages concatenated (headers included). */
export function transcriptHash(hash: HashName, messages: readonly Uint8Array[]): Uint8Array {
  const h = createHash(hash);
  for (const m of messages) h.update(m);
  return new Uint8Array(h.digest());
}

/**
 * Derive-Secret with the transcript already hashed: callers hash the transcript as it grows, so taking
 * the hash (not the messages) avoids keeping every message. "derived" uses the hash of no messages.
 */
export function deriveSecret(
  hash: HashName,
  secret: Uint8Array,
  label: string,
  transcript: Uint8Array,
): Uint8Array {
  return hkdfExpandLabel(hash, secret, label, transcript, HASH_LENGTH[hash]);
}
