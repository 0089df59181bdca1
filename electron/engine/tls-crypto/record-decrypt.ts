/**
 * Decrypts one direction's protected records, given the record's sequence number and header.
 *
 * TLS 1.3 (RFC 8446 §5.2-5.3): AEAD; nonce = iv XOR seq; AAD = the record header (type, version, length);
 *   TLSInnerPlaintext = content | type(1) | zeros.
 * TLS 1.2 AEAD: GCM (RFC 5288) nonce = 4-byte salt | 8-byte explicit nonce at the front of the record;
 *   ChaCha20-Poly1305 (RFC 7905) nonce = iv XOR seq. AAD = seq(8) | type | version(2) | plaintext length(2).
 * CBC (RFC 5246 §6.2.3.2), MAC-then-encrypt: [IV, TLS 1.1+] | E(content | HMAC | padding | padding_length);
 *   TLS 1.0 chains: a record's IV is the previous record's last ciphertext block (the first: the key block's).
 *   HMAC over seq(8) | type | version(2) | length(2) | content.
 * CBC Encrypt-then-MAC (RFC 7366): [IV] | E(content | padding | padding_length) | HMAC over the same
 *   header with the length of IV + ciphertext, then IV + ciphertext.
 *
 * `decrypt` never throws: every failure, including bad input, comes back as `{ ok: false }`.
 */
import { createDecipheriv, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { chachaOpen, openNode } from './chacha.js';
import { tls13TrafficKeys, type DirectionKeys } from './key-schedule.js';
import { TLS1_0, TLS1_2 } from './prf.js';
import { recordIvLengthFor, type CipherName, type CipherSuite } from './suites.js';

export type DecryptFailureReason = 'bad record MAC/tag' | 'unsupported suite' | 'malformed';

export type DecryptResult =
  | {
      readonly ok: true;
      readonly plaintext: Uint8Array;
      /** The record's type; in TLS 1.3 the inner type found after stripping the zero padding. */
      readonly contentType: number;
      /** TLS 1.0 CBC: the last ciphertext block, which is the next record's IV. */
      readonly nextIv?: Uint8Array;
    }
  | {
      readonly ok: false;
      readonly reason: DecryptFailureReason;
      readonly detail: string;
      /** TLS 1.0 CBC, when the record was block-aligned: the chain goes on even past a bad record. */
      readonly nextIv?: Uint8Array;
    };

type Opener = (
  seq: bigint,
  type: number,
  version: number,
  fragment: Uint8Array,
  previousIv: Uint8Array | undefined,
) => DecryptResult;

const TAG_LENGTH = 16;
const MAX_SEQ = (1n << 64n) - 1n;

export interface Tls12Options {
  /** RFC 7366, negotiated by the encrypt_then_mac extension (22) in both hellos; CBC suites only. */
  readonly encryptThenMac?: boolean;
}

export class RecordDecrypter {
  private constructor(private readonly open: Opener) {}

  /** `trafficSecret` is a key log's …_HANDSHAKE_TRAFFIC_SECRET or …_TRAFFIC_SECRET_N for this direction. */
  static forTls13(suite: CipherSuite | undefined, trafficSecret: Uint8Array): RecordDecrypter {
    if (suite === undefined || !suite.tls13) {
      return RecordDecrypter.failing('unsupported suite', 'not a TLS 1.3 suite');
    }
    return RecordDecrypter.build(suite, () => tls13Opener(suite, trafficSecret));
  }

  /** `keys` is one side of `tls12KeyBlock`: the client's to read what the client sent, and so on. */
  static forTls12(
    version: number,
    suite: CipherSuite | undefined,
    keys: DirectionKeys,
    options: Tls12Options = {},
  ): RecordDecrypter {
    if (suite === undefined || suite.tls13) {
      return RecordDecrypter.failing('unsupported suite', 'not a TLS 1.0-1.2 suite');
    }
    if (version < TLS1_0 || version > TLS1_2) {
      return RecordDecrypter.failing('unsupported suite', `version 0x${version.toString(16)}`);
    }
    if (keys.key.length !== suite.keyLength || keys.iv.length < suite.ivLength) {
      return RecordDecrypter.failing('malformed', `key or IV size does not fit ${suite.name}`);
    }
    const etm = options.encryptThenMac === true;
    return RecordDecrypter.build(suite, () =>
      suite.blockSize > 0 ? cbcOpener(version, suite, keys, etm) : tls12AeadOpener(suite, keys),
    );
  }

  /**
   * `seq` counts this direction's records under the current keys from 0; `contentType` and `recordVersion`
   * are the record header's; `fragment` is the record body. `previousIv` is for TLS 1.0 CBC only: the
   * `nextIv` the previous record returned (omit for the first record after ChangeCipherSpec).
   */
  decrypt(
    seq: bigint,
    contentType: number,
    recordVersion: number,
    fragment: Uint8Array,
    previousIv?: Uint8Array,
  ): DecryptResult {
    try {
      if (seq < 0n || seq > MAX_SEQ) return fail('malformed', `sequence number ${seq} out of range`);
      return this.open(seq, contentType, recordVersion, fragment, previousIv);
    } catch (error) {
      return fail('malformed', messageOf(error));
    }
  }

  private static failing(reason: DecryptFailureReason, detail: string): RecordDecrypter {
    return new RecordDecrypter(() => fail(reason, detail));
  }

  /** Key import can throw on impossible input (a secret of the wrong size); the factories must not. */
  private static build(suite: CipherSuite, make: () => Opener): RecordDecrypter {
    if (!cipherAvailable(suite)) {
      return RecordDecrypter.failing('unsupported suite', `${suite.cipher} is not in this runtime's crypto`);
    }
    try {
      return new RecordDecrypter(make());
    } catch (error) {
      return RecordDecrypter.failing('malformed', messageOf(error));
    }
  }
}

function fail(reason: DecryptFailureReason, detail: string, nextIv?: Uint8Array): DecryptResult {
  return nextIv === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, nextIv };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const availability = new Map<CipherName, boolean>();

/** Whether this runtime's crypto can run the suite's cipher (Electron's BoringSSL lacks some of OpenSSL's). */
function cipherAvailable(suite: CipherSuite): boolean {
  if (suite.cipher === 'chacha20-poly1305') return true; // @noble/ciphers stands in
  let known = availability.get(suite.cipher);
  if (known === undefined) {
    try {
      createDecipheriv(suite.cipher, new Uint8Array(suite.keyLength), new Uint8Array(suite.blockSize || 12));
      known = true;
    } catch {
      known = false;
    }
    availability.set(suite.cipher, known);
  }
  return known;
}

/** nonce = iv XOR seq, the 64-bit sequence number right-aligned (RFC 8446 §5.3, RFC 7905 §2). */
function seqNonce(iv: Uint8Array, seq: bigint, out: Uint8Array): void {
  out.set(iv.subarray(0, 12));
  const view = new DataView(out.buffer, out.byteOffset, 12);
  view.setBigUint64(4, view.getBigUint64(4) ^ seq);
}

/** seq(8) | type(1) | version(2) | length(2): the TLS 1.2 AEAD additional data and the HMAC prefix. */
function writeSeqHeader(out: Uint8Array, seq: bigint, type: number, version: number, length: number): void {
  const view = new DataView(out.buffer, out.byteOffset, 13);
  view.setBigUint64(0, seq);
  view.setUint8(8, type);
  view.setUint16(9, version);
  view.setUint16(11, length);
}

/** AES-GCM or ChaCha20-Poly1305 over `sealed` = ciphertext | tag; null when the tag does not match. */
function aeadOpen(
  cipher: CipherName,
  key: KeyObject | Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  if (cipher === 'chacha20-poly1305') return chachaOpen(key as Uint8Array, nonce, aad, sealed);
  if (cipher !== 'aes-128-gcm' && cipher !== 'aes-256-gcm') throw new Error(`${cipher} is not an AEAD`);
  return openNode(cipher, key, nonce, aad, sealed);
}

/** ChaCha keys stay raw bytes (noble takes no KeyObject); AES keys are imported once per direction. */
function cipherKey(cipher: CipherName, key: Uint8Array): KeyObject | Uint8Array {
  return cipher === 'chacha20-poly1305' ? key : createSecretKey(key);
}

function tls13Opener(suite: CipherSuite, trafficSecret: Uint8Array): Opener {
  const derived = tls13TrafficKeys(suite.prfHash, trafficSecret, suite.keyLength);
  const key = cipherKey(suite.cipher, derived.key);
  const nonce = new Uint8Array(12);
  const aad = new Uint8Array(5);
  return (seq, type, version, fragment) => {
    if (fragment.length < TAG_LENGTH + 1) return fail('malformed', `record of ${fragment.length} bytes`);
    seqNonce(derived.iv, seq, nonce);
    aad[0] = type;
    aad[1] = version >>> 8;
    aad[2] = version & 0xff;
    aad[3] = fragment.length >>> 8;
    aad[4] = fragment.length & 0xff;
    const inner = aeadOpen(suite.cipher, key, nonce, aad, fragment);
    if (inner === null) return fail('bad record MAC/tag', `${suite.name}: tag mismatch at seq ${seq}`);
    let end = inner.length;
    while (end > 0 && inner[end - 1] === 0) end--;
    if (end === 0) return fail('malformed', 'TLSInnerPlaintext has no content type (all zeros)');
    return { ok: true, plaintext: inner.subarray(0, end - 1), contentType: inner[end - 1]! };
  };
}

function tls12AeadOpener(suite: CipherSuite, keys: DirectionKeys): Opener {
  const key = cipherKey(suite.cipher, keys.key);
  const explicit = suite.recordIvLength;
  const nonce = new Uint8Array(12);
  const aad = new Uint8Array(13);
  return (seq, type, version, fragment) => {
    const overhead = explicit + TAG_LENGTH;
    if (fragment.length < overhead) return fail('malformed', `record of ${fragment.length} bytes`);
    if (explicit > 0) {
      nonce.set(keys.iv.subarray(0, 4));
      nonce.set(fragment.subarray(0, explicit), 4);
    } else {
      seqNonce(keys.iv, seq, nonce);
    }
    writeSeqHeader(aad, seq, type, version, fragment.length - overhead);
    const plaintext = aeadOpen(suite.cipher, key, nonce, aad, fragment.subarray(explicit));
    if (plaintext === null) return fail('bad record MAC/tag', `${suite.name}: tag mismatch at seq ${seq}`);
    return { ok: true, plaintext, contentType: type };
  };
}

/**
 * The content length of a decrypted CBC record whose last byte is padding_length and which ends with
 * `macLength` bytes of MAC before the padding; null when the padding is not padding_length + 1 bytes
 * all equal to padding_length (RFC 5246 §6.2.3.2).
 */
function unpaddedLength(plain: Uint8Array, macLength: number): number | null {
  const padLength = plain[plain.length - 1]!;
  const contentLength = plain.length - padLength - 1 - macLength;
  if (contentLength < 0) return null;
  for (let i = plain.length - padLength - 1; i < plain.length; i++) if (plain[i] !== padLength) return null;
  return contentLength;
}

function cbcOpener(version: number, suite: CipherSuite, keys: DirectionKeys, etm: boolean): Opener {
  const { blockSize, macLength } = suite;
  const mac = suite.mac!;
  const macKey = createSecretKey(keys.macKey);
  const key = createSecretKey(keys.key);
  const ivLength = recordIvLengthFor(suite, version);
  const header = new Uint8Array(13);
  const macMatches = (expected: Uint8Array, data: Uint8Array): boolean =>
    timingSafeEqual(createHmac(mac, macKey).update(header).update(data).digest(), expected);
  return (seq, type, recordVersion, fragment, previousIv) => {
    // Encrypt-then-MAC: [IV] ciphertext | MAC. MAC-then-encrypt: [IV] ciphertext, the MAC inside.
    const body = fragment.subarray(0, Math.max(0, fragment.length - (etm ? macLength : 0)));
    const ciphertext = body.subarray(ivLength);
    if (ciphertext.length === 0 || ciphertext.length % blockSize !== 0) {
      return fail('malformed', `${ciphertext.length} bytes of ciphertext, block size ${blockSize}`);
    }
    const iv = ivLength > 0 ? body.subarray(0, ivLength) : (previousIv ?? keys.iv);
    if (iv.length !== blockSize) return fail('malformed', `IV of ${iv.length} bytes`);
    const nextIv = ivLength > 0 ? undefined : ciphertext.slice(ciphertext.length - blockSize);
    if (etm) {
      writeSeqHeader(header, seq, type, recordVersion, body.length);
      if (!macMatches(fragment.subarray(body.length), body)) {
        return fail('bad record MAC/tag', `${suite.name}: MAC mismatch at seq ${seq}`, nextIv);
      }
    }
    const decipher = createDecipheriv(suite.cipher, key, iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    const contentLength = unpaddedLength(plain, etm ? 0 : macLength);
    if (contentLength === null) {
      return fail('bad record MAC/tag', `${suite.name}: bad CBC padding at seq ${seq}`, nextIv);
    }
    const content = plain.subarray(0, contentLength);
    if (!etm) {
      writeSeqHeader(header, seq, type, recordVersion, contentLength);
      if (!macMatches(plain.subarray(contentLength, contentLength + macLength), content)) {
        return fail('bad record MAC/tag', `${suite.name}: MAC mismatch at seq ${seq}`, nextIv);
      }
    }
    return nextIv === undefined
      ? { ok: true, plaintext: content, contentType: type }
      : { ok: true, plaintext: content, contentType: type, nextIv };
  };
}
