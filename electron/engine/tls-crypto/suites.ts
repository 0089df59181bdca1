/**
 * The cipher suites Hammerhead can decrypt, by IANA number (TLS Cipher Suites registry), with what the
 * record layer needs from each: cipher, key and IV sizes, MAC, and the hash of the PRF (TLS 1.2) or of
 * HKDF (TLS 1.3). Key exchange and authentication do not matter once a key log gives the secrets, so
 * suites differing only there share a shape.
 *
 * Not here: RC4, NULL, export, single DES, Camellia, SEED, ARIA, CCM (Electron's BoringSSL has no CCM
 * cipher for createDecipheriv) and the GOST/SM suites.
 */
import type { HashName } from './hkdf.js';

export type CipherName =
  'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305' | 'aes-128-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';

export type MacName = 'sha1' | 'sha256' | 'sha384';

export interface CipherSuite {
  readonly id: number;
  /** The IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  readonly name: string;
  readonly cipher: CipherName;
  readonly keyLength: number;
  /**
   * Implicit IV from the key block / traffic secret: the 4-byte GCM salt (TLS 1.2), 12 bytes for ChaCha
   * and TLS 1.3, one block for CBC (only TLS 1.0 uses it).
   */
  readonly ivLength: number;
  /**
   * Bytes at the start of each record before the ciphertext: the 8-byte GCM explicit nonce (TLS 1.2),
   * one block of explicit IV for CBC in TLS 1.1+ (none in TLS 1.0: see recordIvLengthFor).
   */
  readonly recordIvLength: number;
  /** Cipher block size; 0 for AEADs. */
  readonly blockSize: number;
  /** HMAC hash for CBC suites; null for AEADs. */
  readonly mac: MacName | null;
  readonly macLength: number;
  /** TLS 1.2 PRF hash, or the TLS 1.3 HKDF hash. */
  readonly prfHash: HashName;
  readonly tls13: boolean;
}

type Shape = Omit<CipherSuite, 'id' | 'name'>;

const MAC_LENGTH: Readonly<Record<MacName, number>> = { sha1: 20, sha256: 32, sha384: 48 };

const tls13 = (cipher: CipherName, keyLength: number, prfHash: HashName): Shape => ({
  cipher,
  keyLength,
  ivLength: 12,
  recordIvLength: 0,
  blockSize: 0,
  mac: null,
  macLength: 0,
  prfHash,
  tls13: true,
});

const gcm = (keyLength: 16 | 32): Shape => ({
  cipher: keyLength === 16 ? 'aes-128-gcm' : 'aes-256-gcm',
  keyLength,
  ivLength: 4,
  recordIvLength: 8,
  blockSize: 0,
  mac: null,
  macLength: 0,
  prfHash: keyLength === 16 ? 'sha256' : 'sha384',
  tls13: false,
});

const chacha: Shape = { ...tls13('chacha20-poly1305', 32, 'sha256'), tls13: false };

const cbc = (cipher: CipherName, keyLength: number, blockSize: number, mac: MacName): Shape => ({
  cipher,
  keyLength,
  ivLength: blockSize,
  recordIvLength: blockSize,
  blockSize,
  mac,
  macLength: MAC_LENGTH[mac],
  prfHash: mac === 'sha384' ? 'sha384' : 'sha256',
  tls13: false,
});

const AES128_SHA = cbc('aes-128-cbc', 16, 16, 'sha1');
const AES256_SHA = cbc('aes-256-cbc', 32, 16, 'sha1');
const AES128_SHA256 = cbc('aes-128-cbc', 16, 16, 'sha256');
const AES256_SHA256 = cbc('aes-256-cbc', 32, 16, 'sha256');
const AES256_SHA384 = cbc('aes-256-cbc', 32, 16, 'sha384');
const DES3_SHA = cbc('des-ede3-cbc', 24, 8, 'sha1');

const TABLE: readonly (readonly [number, string, Shape])[] = [
  [0x1301, 'TLS_AES_128_GCM_SHA256', tls13('aes-128-gcm', 16, 'sha256')],
  [0x1302, 'TLS_AES_256_GCM_SHA384', tls13('aes-256-gcm', 32, 'sha384')],
  [0x1303, 'TLS_CHACHA20_POLY1305_SHA256', tls13('chacha20-poly1305', 32, 'sha256')],

  [0x009c, 'TLS_RSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0x009d, 'TLS_RSA_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', gcm(32)],

  [0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', chacha],
  [0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', chacha],
  [0xccaa, 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', chacha],

  [0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0x0033, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0x0035, 'TLS_RSA_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0x0039, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0xc009, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0xc00a, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0xc014, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', AES256_SHA],

  [0x003c, 'TLS_RSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0x003d, 'TLS_RSA_WITH_AES_256_CBC_SHA256', AES256_SHA256],
  [0x0067, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0x006b, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', AES256_SHA256],
  [0xc023, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0xc027, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0xc024, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', AES256_SHA384],
  [0xc028, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', AES256_SHA384],

  [0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0xc012, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],

  // Static DH/ECDH and DSS key exchanges: the same record protection as the suites above.
  [0x00a0, 'TLS_DH_RSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0x00a1, 'TLS_DH_RSA_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0x00a2, 'TLS_DHE_DSS_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0x00a3, 'TLS_DHE_DSS_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0x00a4, 'TLS_DH_DSS_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0x00a5, 'TLS_DH_DSS_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0xc02d, 'TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0xc02e, 'TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0xc031, 'TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256', gcm(16)],
  [0xc032, 'TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384', gcm(32)],
  [0x0030, 'TLS_DH_DSS_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0x0031, 'TLS_DH_RSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0x0032, 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0x0036, 'TLS_DH_DSS_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0x0037, 'TLS_DH_RSA_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0x0038, 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0xc004, 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0xc005, 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0xc00e, 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA', AES128_SHA],
  [0xc00f, 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA', AES256_SHA],
  [0x003e, 'TLS_DH_DSS_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0x003f, 'TLS_DH_RSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0x0040, 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0x0068, 'TLS_DH_DSS_WITH_AES_256_CBC_SHA256', AES256_SHA256],
  [0x0069, 'TLS_DH_RSA_WITH_AES_256_CBC_SHA256', AES256_SHA256],
  [0x006a, 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA256', AES256_SHA256],
  [0xc025, 'TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0xc029, 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256', AES128_SHA256],
  [0xc026, 'TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384', AES256_SHA384],
  [0xc02a, 'TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384', AES256_SHA384],
  [0x000d, 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0x0010, 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0x0013, 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0xc003, 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0xc008, 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
  [0xc00d, 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA', DES3_SHA],
];

const BY_ID: ReadonlyMap<number, CipherSuite> = new Map(
  TABLE.map(([id, name, shape]) => [id, Object.freeze({ id, name, ...shape })]),
);

/** Every suite in the table, in table order. */
export const CIPHER_SUITES: readonly CipherSuite[] = [...BY_ID.values()];

export function suiteById(id: number): CipherSuite | undefined {
  return BY_ID.get(id);
}

/** The IANA name of a suite this module can decrypt; null for any other id. */
export function suiteName(id: number): string | null {
  return BY_ID.get(id)?.name ?? null;
}

/** CBC records carry an explicit IV from TLS 1.1 (RFC 4346 §6.2.3.2) on; TLS 1.0 chains the last block. */
export function recordIvLengthFor(suite: CipherSuite, version: number): number {
  return suite.blockSize > 0 && version <= 0x0301 ? 0 : suite.recordIvLength;
}
