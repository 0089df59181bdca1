/**
 * Record keys from the secrets a key log gives.
 *
 * TLS 1.0-1.2 (RFC 5246 §6.3), from CLIENT_RANDOM's master secret:
 *   key_block = PRF(master_secret, "key expansion", server_random + client_random)
 *             = client MAC key | server MAC key | client key | server key | client IV | server IV
 *
 * TLS 1.3 (RFC 8446 §7.3), from a traffic secret (…_HANDSHAKE_TRAFFIC_SECRET, …_TRAFFIC_SECRET_0):
 *   key = HKDF-Expand-Label(secret, "key", "", key_length)
 *   iv  = HKDF-Expand-Label(secret, "iv", "", 12)
 * and after a KeyUpdate (§7.2) the next secret is HKDF-Expand-Label(secret, "traffic upd", "", Hash.length).
 */
import { HASH_LENGTH, hkdfExpandLabel, type HashName } from './hkdf.js';
import { prf } from './prf.js';
import type { CipherSuite } from './suites.js';

/** One direction's record keys. `macKey` is empty for AEAD suites. */
export interface DirectionKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly macKey: Uint8Array;
}

export interface KeyBlock {
  readonly client: DirectionKeys;
  readonly server: DirectionKeys;
}

const RANDOM_LENGTH = 32;

/** Null when the version has no PRF here (SSL 3.0) or a random is not 32 bytes. */
export function tls12KeyBlock(
  version: number,
  suite: CipherSuite,
  masterSecret: Uint8Array,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
): KeyBlock | null {
  if (clientRandom.length !== RANDOM_LENGTH || serverRandom.length !== RANDOM_LENGTH) return null;
  const { macLength: mac, keyLength: key, ivLength: iv } = suite;
  const seed = new Uint8Array(2 * RANDOM_LENGTH);
  seed.set(serverRandom, 0);
  seed.set(clientRandom, RANDOM_LENGTH);
  const block = prf(version, suite.prfHash, masterSecret, 'key expansion', seed, 2 * (mac + key + iv));
  if (block === null) return null;
  let at = 0;
  const take = (n: number): Uint8Array => block.slice(at, (at += n));
  const clientMac = take(mac);
  const serverMac = take(mac);
  const clientKey = take(key);
  const serverKey = take(key);
  return {
    client: { macKey: clientMac, key: clientKey, iv: take(iv) },
    server: { macKey: serverMac, key: serverKey, iv: take(iv) },
  };
}

export function tls13TrafficKeys(
  hash: HashName,
  secret: Uint8Array,
  keyLength: number,
): { readonly key: Uint8Array; readonly iv: Uint8Array } {
  const empty = new Uint8Array(0);
  return {
    key: hkdfExpandLabel(hash, secret, 'key', empty, keyLength),
    iv: hkdfExpandLabel(hash, secret, 'iv', empty, 12),
  };
}

export function nextTrafficSecret(hash: HashName, secret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, secret, 'traffic upd', new Uint8Array(0), HASH_LENGTH[hash]);
}
