/**
 * HKDF against Node's own `crypto.hkdfSync` (OpenSSL's HKDF, an independent implementation) and the
 * HkdfLabel layout of RFC 8446 §7.1. The RFC 8448 key schedule is checked in rfc8448.test.ts.
 */
import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_LENGTH, hkdfExpand, hkdfExpandLabel, hkdfExtract, hkdfLabel, type HashName } from './hkdf.js';

const bytes = (maxLength: number) => fc.uint8Array({ maxLength });
const hashName = fc.constantFrom<HashName>('sha256', 'sha384');

describe('hkdfExtract + hkdfExpand', () => {
  it('equal crypto.hkdfSync for any salt, key material, info and length', () => {
    fc.assert(
      fc.property(
        hashName,
        bytes(80),
        bytes(80),
        bytes(60),
        fc.integer({ min: 1, max: 300 }),
        (hash, salt, ikm, info, n) => {
          const ours = hkdfExpand(hash, hkdfExtract(hash, salt, ikm), info, n);
          expect(Buffer.from(ours)).toEqual(Buffer.from(hkdfSync(hash, ikm, salt, info, n)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses lengths HKDF cannot produce', () => {
    expect(() => hkdfExpand('sha256', new Uint8Array(32), new Uint8Array(0), 255 * 32 + 1)).toThrow(
      RangeError,
    );
    expect(hkdfExpand('sha256', new Uint8Array(32), new Uint8Array(0), 0)).toHaveLength(0);
  });
});

describe('hkdfExpandLabel', () => {
  it('serialises HkdfLabel as length(2) | "tls13 " label<1> | context<1>', () => {
    // 00 10 | 09 "tls13 key" | 00 — the info for a 16-byte "key" with no context.
    expect(Buffer.from(hkdfLabel('key', new Uint8Array(0), 16)).toString('hex')).toBe(
      '0010' + '09' + Buffer.from('tls13 key').toString('hex') + '00',
    );
    expect(Buffer.from(hkdfLabel('c hs traffic', Uint8Array.of(1, 2), 48)).toString('hex')).toBe(
      '0030' + '12' + Buffer.from('tls13 c hs traffic').toString('hex') + '020102',
    );
  });

  it('is HKDF-Expand with that label as info, for both hashes', () => {
    for (const hash of ['sha256', 'sha384'] as const) {
      const salt = Buffer.from('salt');
      const ikm = Buffer.alloc(HASH_LENGTH[hash], 7);
      const info = hkdfLabel('iv', new Uint8Array(0), 12);
      const ours = hkdfExpandLabel(hash, hkdfExtract(hash, salt, ikm), 'iv', new Uint8Array(0), 12);
      expect(Buffer.from(ours)).toEqual(Buffer.from(hkdfSync(hash, ikm, salt, info, 12)));
    }
  });
});
