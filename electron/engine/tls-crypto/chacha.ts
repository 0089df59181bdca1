/**
 * ChaCha20-Poly1305 (RFC 8439) opening, for TLS_CHACHA20_POLY1305_SHA256 and the TLS 1.2 ChaCha suites
 * (RFC 7905). Node's OpenSSL has it in createDecipheriv; Electron's BoringSSL does not (BoringSSL keeps
 * ChaCha behind its EVP_AEAD interface, which Node's cipher API does not reach), so inside Electron this
 * falls back to @noble/ciphers. Tests force the fallback so they run the code Electron runs.
 */
import { createDecipheriv, getCiphers, type CipherGCMTypes, type KeyObject } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';

const TAG_LENGTH = 16;
const NODE_NAME = 'chacha20-poly1305';

const nodeHasChacha = getCiphers().includes(NODE_NAME);
let forced = process.env['HAMMERHEAD_FORCE_NOBLE_CHACHA'] === '1';

/** Use @noble/ciphers even where node:crypto has ChaCha20-Poly1305 (tests, and to compare the two). */
export function forceNobleChacha(on: boolean): void {
  forced = on;
}

export function usingNobleChacha(): boolean {
  return forced || !nodeHasChacha;
}

/**
 * Decrypts and authenticates `sealed` (ciphertext followed by the 16-byte tag). Null when the tag does
 * not match; throws only on malformed arguments (wrong key or nonce size), which callers catch.
 */
export function chachaOpen(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  if (key.length !== 32 || nonce.length !== 12) throw new RangeError('ChaCha20-Poly1305 key or nonce size');
  if (sealed.length < TAG_LENGTH) return null;
  return usingNobleChacha()
    ? openNoble(key, nonce, aad, sealed)
    : openNode(NODE_NAME, key, nonce, aad, sealed);
}

function openNoble(
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  const cipher = chacha20poly1305(key, nonce, aad);
  try {
    return cipher.decrypt(sealed);
  } catch {
    // noble reports a bad tag by throwing; the sizes that could also make it throw were checked above.
    return null;
  }
}

/** AEAD open with node:crypto (`cipher` one of Node's AEAD names); null when the tag does not verify. */
export function openNode(
  cipher: 'chacha20-poly1305' | 'aes-128-gcm' | 'aes-256-gcm',
  key: KeyObject | Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  const split = sealed.length - TAG_LENGTH;
  // Node's typings take one AEAD family per overload; GCM's and ChaCha20-Poly1305's options are the same.
  const decipher = createDecipheriv(cipher as CipherGCMTypes, key, nonce, { authTagLength: TAG_LENGTH });
  decipher.setAAD(aad, { plaintextLength: split });
  decipher.setAuthTag(sealed.subarray(split));
  const head = decipher.update(sealed.subarray(0, split));
  try {
    const tail = decipher.final();
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    return null;
  }
}
