/**
 * RecordDecrypter on records sealed here with node:crypto, for what a real connection cannot show on this
 * machine (3DES: this OpenSSL has no 3DES suites) or only by accident (bad padding, truncation, wrong
 * keys), and the promise that `decrypt` never throws. Real connections are in node-tls.test.ts.
 */
import { createCipheriv, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { forceNobleChacha } from './chacha.js';
import { tls13TrafficKeys, type DirectionKeys } from './key-schedule.js';
import { RecordDecrypter } from './record-decrypt.js';
import { CIPHER_SUITES, suiteById, type CipherSuite } from './suites.js';

beforeAll(() => forceNobleChacha(true));

const APP = 23;
const keysFor = (suite: CipherSuite, fill: number): DirectionKeys => ({
  key: Buffer.alloc(suite.keyLength, fill),
  iv: Buffer.alloc(suite.ivLength, fill + 1),
  macKey: Buffer.alloc(suite.macLength, fill + 2),
});

/** seq(8) | type | version(2) | length(2). */
function seqHeader(seq: bigint, type: number, version: number, length: number): Buffer {
  const out = Buffer.alloc(13);
  out.writeBigUInt64BE(seq);
  out.writeUInt8(type, 8);
  out.writeUInt16BE(version, 9);
  out.writeUInt16BE(length, 11);
  return out;
}

interface CbcOptions {
  readonly etm?: boolean;
  readonly iv: Buffer;
  readonly explicitIv: boolean;
  readonly extraPadBlocks?: number;
}

/** RFC 5246 §6.2.3.2 (MAC-then-encrypt) or RFC 7366 (encrypt-then-MAC) block-cipher record. */
function sealCbc(
  suite: CipherSuite,
  keys: DirectionKeys,
  version: number,
  seq: bigint,
  content: Buffer,
  o: CbcOptions,
) {
  const bs = suite.blockSize;
  const mac = (data: Buffer) =>
    createHmac(suite.mac!, keys.macKey)
      .update(seqHeader(seq, APP, version, data.length))
      .update(data)
      .digest();
  const inner = o.etm ? content : Buffer.concat([content, mac(content)]);
  // padding_length bytes of value padding_length, then padding_length itself: a whole number of blocks.
  const padLength = ((bs - ((inner.length + 1) % bs)) % bs) + bs * (o.extraPadBlocks ?? 0);
  const plain = Buffer.concat([inner, Buffer.alloc(padLength + 1, padLength)]);
  const cipher = createCipheriv(suite.cipher, keys.key, o.iv).setAutoPadding(false);
  const body = Buffer.concat([o.explicitIv ? o.iv : Buffer.alloc(0), cipher.update(plain), cipher.final()]);
  return o.etm ? Buffer.concat([body, mac(body)]) : body;
}

describe('CBC records', () => {
  const des3 = suiteById(0x000a)!;
  const keys = keysFor(des3, 0x10);
  const content = Buffer.from('GET / HTTP/1.1\r\nHost: example\r\n\r\n');

  it('open 3DES-EDE-CBC-SHA, with and without encrypt-then-MAC, and several pad blocks', () => {
    for (const etm of [false, true]) {
      const iv = Buffer.alloc(8, 0x5a);
      const record = sealCbc(des3, keys, 0x0303, 7n, content, {
        etm,
        iv,
        explicitIv: true,
        extraPadBlocks: 3,
      });
      const result = RecordDecrypter.forTls12(0x0303, des3, keys, { encryptThenMac: etm }).decrypt(
        7n,
        APP,
        0x0303,
        record,
      );
      expect(result).toMatchObject({ ok: true, contentType: APP });
      expect(result.ok && Buffer.from(result.plaintext).toString()).toBe(content.toString());
      expect(result.ok && result.nextIv).toBeUndefined();
    }
  });

  it('chain TLS 1.0 IVs: the key block IV first, then each record’s last ciphertext block', () => {
    const decrypter = RecordDecrypter.forTls12(0x0301, des3, keys);
    let iv = Buffer.from(keys.iv);
    let previous: Uint8Array | undefined;
    for (let seq = 0n; seq < 3n; seq++) {
      const record = sealCbc(des3, keys, 0x0301, seq, content, { iv, explicitIv: false });
      const result = decrypter.decrypt(seq, APP, 0x0301, record, previous);
      expect(result.ok && Buffer.from(result.plaintext).toString()).toBe(content.toString());
      previous = result.ok ? result.nextIv : undefined;
      iv = record.subarray(record.length - 8);
      expect(Buffer.from(previous!)).toEqual(iv);
    }
  });

  it('report bad padding and a bad MAC as a bad record MAC, and a ragged length as malformed', () => {
    const suite = suiteById(0xc013)!;
    const k = keysFor(suite, 3);
    const record = sealCbc(suite, k, 0x0303, 0n, content, { iv: Buffer.alloc(16, 1), explicitIv: true });
    const decrypter = RecordDecrypter.forTls12(0x0303, suite, k);
    // Flipping a bit in the IV flips the same bit of the first plaintext block: the MAC no longer matches.
    const flippedIv = Buffer.from(record);
    flippedIv[0]! ^= 1;
    expect(decrypter.decrypt(0n, APP, 0x0303, flippedIv)).toMatchObject({
      ok: false,
      reason: 'bad record MAC/tag',
    });
    // In the second-to-last block it lands on the padding of the last one.
    const flippedPad = Buffer.from(record);
    flippedPad[record.length - 17]! ^= 1;
    expect(decrypter.decrypt(0n, APP, 0x0303, flippedPad)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/padding/),
    });
    expect(decrypter.decrypt(1n, APP, 0x0303, record)).toMatchObject({
      ok: false,
      reason: 'bad record MAC/tag',
    });
    expect(decrypter.decrypt(0n, APP, 0x0303, record.subarray(0, record.length - 1))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(decrypter.decrypt(0n, APP, 0x0303, record.subarray(0, 16))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('AEAD records', () => {
  it('refuse a tampered or wrongly keyed TLS 1.2 GCM record, and a truncated one as malformed', () => {
    const suite = suiteById(0xc02f)!;
    const keys = keysFor(suite, 9);
    const nonce = Buffer.concat([keys.iv, Buffer.from('explicit')]);
    const cipher = createCipheriv('aes-128-gcm', keys.key, nonce);
    cipher.setAAD(seqHeader(4n, APP, 0x0303, 5));
    const record = Buffer.concat([
      Buffer.from('explicit'),
      cipher.update('hello'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    const decrypter = RecordDecrypter.forTls12(0x0303, suite, keys);
    expect(decrypter.decrypt(4n, APP, 0x0303, record)).toMatchObject({ ok: true, contentType: APP });
    expect(decrypter.decrypt(4n, 22, 0x0303, record)).toMatchObject({
      ok: false,
      reason: 'bad record MAC/tag',
    });
    const wrong = RecordDecrypter.forTls12(0x0303, suite, keysFor(suite, 8));
    expect(wrong.decrypt(4n, APP, 0x0303, record)).toMatchObject({ ok: false, reason: 'bad record MAC/tag' });
    expect(decrypter.decrypt(4n, APP, 0x0303, record.subarray(0, 23))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('strip TLS 1.3 zero padding to the inner type, and refuse an all-zero inner plaintext', () => {
    const suite = suiteById(0x1303)!;
    const secret = Buffer.alloc(32, 1);
    const { key, iv } = tls13TrafficKeys('sha256', secret, 32);
    const seal = (inner: Buffer) => {
      const header = Buffer.from([APP, 3, 3, 0, inner.length + 16]);
      const cipher = createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });
      cipher.setAAD(header, { plaintextLength: inner.length });
      return Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
    };
    const decrypter = RecordDecrypter.forTls13(suite, secret);
    const padded = decrypter.decrypt(0n, APP, 0x0303, seal(Buffer.from('ping\x16\0\0\0')));
    expect(padded).toMatchObject({ ok: true, contentType: 22 });
    expect(padded.ok && Buffer.from(padded.plaintext).toString()).toBe('ping');
    expect(decrypter.decrypt(0n, APP, 0x0303, seal(Buffer.alloc(4)))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('RecordDecrypter setup', () => {
  it('answers unsupported suites and versions on every record instead of throwing', () => {
    const cbc = suiteById(0x002f)!;
    const keys = keysFor(cbc, 1);
    const cases = [
      RecordDecrypter.forTls13(undefined, Buffer.alloc(32)),
      RecordDecrypter.forTls13(cbc, Buffer.alloc(32)),
      RecordDecrypter.forTls12(0x0303, suiteById(0x1301), keys),
      RecordDecrypter.forTls12(0x0300, cbc, keys),
      RecordDecrypter.forTls12(0x0304, cbc, keys),
    ];
    for (const d of cases)
      expect(d.decrypt(0n, APP, 0x0303, Buffer.alloc(64))).toMatchObject({
        ok: false,
        reason: 'unsupported suite',
      });
    const short = RecordDecrypter.forTls12(0x0303, cbc, { ...keys, key: Buffer.alloc(3) });
    expect(short.decrypt(0n, APP, 0x0303, Buffer.alloc(64))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses sequence numbers outside 64 bits', () => {
    const d = RecordDecrypter.forTls13(suiteById(0x1301), Buffer.alloc(32));
    expect(d.decrypt(-1n, APP, 0x0303, Buffer.alloc(40))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(d.decrypt(1n << 64n, APP, 0x0303, Buffer.alloc(40))).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('never throws, whatever the fragment, header, sequence number or previous IV', () => {
    const setups = CIPHER_SUITES.flatMap((suite) =>
      suite.tls13
        ? [RecordDecrypter.forTls13(suite, Buffer.alloc(suite.prfHash === 'sha384' ? 48 : 32, 5))]
        : [0x0301, 0x0302, 0x0303].flatMap((v) =>
            [false, true].map((etm) =>
              RecordDecrypter.forTls12(v, suite, keysFor(suite, 5), { encryptThenMac: etm }),
            ),
          ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...setups),
        fc.bigInt({ min: -2n, max: 1n << 65n }),
        fc.integer({ min: -1, max: 300 }),
        fc.integer({ min: -1, max: 0x10000 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.option(fc.uint8Array({ maxLength: 20 }), { nil: undefined }),
        (decrypter, seq, type, version, fragment, previousIv) => {
          const result = decrypter.decrypt(seq, type, version, fragment, previousIv);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
