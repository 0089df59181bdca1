/**
 * The suite table against Wireshark's cipher suite names (shared/fields/tls-names.ts, from its IANA-based
 * `ssl_31_ciphersuite`), and the sizes each record-protection scheme implies.
 */
import { describe, expect, it } from 'vitest';
import { TLS_CIPHER_SUITES } from '../../../shared/fields/tls-names.js';
import { CIPHER_SUITES, recordIvLengthFor, suiteById, suiteName } from './suites.js';

describe('cipher suites', () => {
  it('name every suite as the IANA registry (and Wireshark) does', () => {
    for (const suite of CIPHER_SUITES)
      expect(suite.name, `0x${suite.id.toString(16)}`).toBe(TLS_CIPHER_SUITES[suite.id]);
    expect(CIPHER_SUITES).toHaveLength(69);
  });

  it('covers the suites browsers and servers negotiate', () => {
    const ids = [
      0x1301, 0x1302, 0x1303, 0xc02b, 0xc02c, 0xc02f, 0xc030, 0x009c, 0x009d, 0x009e, 0x009f, 0xcca8, 0xcca9,
      0xccaa, 0x002f, 0x0035, 0x0033, 0x0039, 0xc009, 0xc00a, 0xc013, 0xc014, 0x003c, 0x003d, 0x0067, 0x006b,
      0xc023, 0xc027, 0xc024, 0xc028, 0x000a, 0x0016, 0xc012,
    ];
    for (const id of ids) expect(suiteName(id), `0x${id.toString(16)}`).not.toBeNull();
  });

  it('returns null for suites it cannot decrypt', () => {
    expect(suiteName(0x0005)).toBeNull(); // TLS_RSA_WITH_RC4_128_SHA
    expect(suiteName(0x1304)).toBeNull(); // TLS_AES_128_CCM_SHA256
    expect(suiteName(0xffff)).toBeNull();
    expect(suiteById(0x0000)).toBeUndefined();
  });

  it('gives each scheme its key, IV and MAC sizes', () => {
    expect(suiteById(0x1302)).toMatchObject({
      keyLength: 32,
      ivLength: 12,
      recordIvLength: 0,
      mac: null,
      prfHash: 'sha384',
      tls13: true,
    });
    expect(suiteById(0xc02f)).toMatchObject({
      keyLength: 16,
      ivLength: 4,
      recordIvLength: 8,
      mac: null,
      prfHash: 'sha256',
    });
    expect(suiteById(0x009d)).toMatchObject({ cipher: 'aes-256-gcm', prfHash: 'sha384' });
    expect(suiteById(0xcca8)).toMatchObject({ keyLength: 32, ivLength: 12, recordIvLength: 0, tls13: false });
    expect(suiteById(0xc014)).toMatchObject({
      keyLength: 32,
      ivLength: 16,
      mac: 'sha1',
      macLength: 20,
      prfHash: 'sha256',
    });
    expect(suiteById(0xc028)).toMatchObject({ mac: 'sha384', macLength: 48, prfHash: 'sha384' });
    expect(suiteById(0x000a)).toMatchObject({
      cipher: 'des-ede3-cbc',
      keyLength: 24,
      ivLength: 8,
      blockSize: 8,
    });
  });

  it('drops the explicit CBC IV for TLS 1.0 only', () => {
    const cbc = suiteById(0x002f)!;
    expect([0x0301, 0x0302, 0x0303].map((v) => recordIvLengthFor(cbc, v))).toEqual([0, 16, 16]);
    expect(recordIvLengthFor(suiteById(0xc02f)!, 0x0303)).toBe(8);
  });
});
