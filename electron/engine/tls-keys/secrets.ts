/**
 * What a key log says about one TLS connection, found by its ClientHello random, and how the dissectors
 * ask for it. The key store (key-store.ts) implements `KeyLookup`; the TLS dissector only reads it.
 */
import type { DecryptionSecrets } from '../pcap/types.js';

/** pcapng Decryption Secrets Block type "TLSK": an NSS key log. */
export const TLS_KEY_LOG_SECRETS = 0x544c534b;

/** The NSS key log a Decryption Secrets Block holds, or null when it holds other secrets. */
export function keyLogOf(secrets: DecryptionSecrets): string | null {
  if (secrets.secretsType !== TLS_KEY_LOG_SECRETS) return null;
  const { data } = secrets;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
}

/** The NSS key log labels Hammerhead decrypts with (others are parsed and ignored). */
export const SECRET_LABELS = [
  'CLIENT_RANDOM',
  'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
  'SERVER_HANDSHAKE_TRAFFIC_SECRET',
  'CLIENT_TRAFFIC_SECRET_0',
  'SERVER_TRAFFIC_SECRET_0',
] as const;
export type SecretLabel = (typeof SECRET_LABELS)[number];

/** The secrets known for one client random, by label (48-byte master secret; TLS 1.3 traffic secrets). */
export type TlsSecrets = Readonly<Partial<Record<SecretLabel, Uint8Array>>>;

export interface KeyLookup {
  /** The secrets for a ClientHello random (64 lowercase hex digits), if any source has one. */
  secrets(clientRandomHex: string): TlsSecrets | undefined;
  /** Increases whenever any source gains or loses a secret (dissections compare it to know they are stale). */
  readonly generation: number;
}

/** A lookup that knows nothing (lanes created before any key source, and tests). */
export const NO_KEYS: KeyLookup = { secrets: () => undefined, generation: 0 };
