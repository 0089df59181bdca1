/**
 * The two ChaCha20-Poly1305 paths (node:crypto where OpenSSL has it, @noble/ciphers as in Electron) agree
 * on every input, and both refuse a forged tag. Sealing uses node:crypto, independent of both openers.
 */
import { createCipheriv, getCiphers } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chachaOpen, forceNobleChacha, usingNobleChacha } from './chacha.js';

const nodeHasChacha = getCiphers().includes('chacha20-poly1305');

function seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

const openWith = (noble: boolean, ...args: Parameters<typeof chachaOpen>) => {
  forceNobleChacha(noble);
  return chachaOpen(...args);
};

afterEach(() => forceNobleChacha(true));

describe.skipIf(!nodeHasChacha)('chachaOpen (node:crypto has ChaCha20-Poly1305 here)', () => {
  const input = fc.record({
    key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    nonce: fc.uint8Array({ minLength: 12, maxLength: 12 }),
    aad: fc.uint8Array({ maxLength: 13 }),
    plaintext: fc.uint8Array({ maxLength: 300 }),
  });

  it('opens what was sealed, the same way on both paths', () => {
    fc.assert(
      fc.property(input, ({ key, nonce, aad, plaintext }) => {
        const sealed = seal(key, nonce, aad, plaintext);
        const viaNoble = openWith(true, key, nonce, aad, sealed);
        const viaNode = openWith(false, key, nonce, aad, sealed);
        expect(Buffer.from(viaNoble!)).toEqual(Buffer.from(plaintext));
        expect(Buffer.from(viaNode!)).toEqual(Buffer.from(plaintext));
      }),
      { numRuns: 100 },
    );
  });

  it('returns null on both paths when any byte of ciphertext, tag or AAD changes', () => {
    fc.assert(
      fc.property(input, fc.nat(), (v, at) => {
        const sealed = seal(v.key, v.nonce, v.aad, v.plaintext);
        const flipped = Buffer.from(sealed);
        flipped[at % flipped.length]! ^= 1;
        const aad = Buffer.concat([v.aad, Buffer.of(0)]);
        for (const noble of [true, false]) {
          expect(openWith(noble, v.key, v.nonce, v.aad, flipped)).toBeNull();
          expect(openWith(noble, v.key, v.nonce, aad, sealed)).toBeNull();
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('chacha path selection', () => {
  it('uses noble when forced, and throws only on impossible key or nonce sizes', () => {
    forceNobleChacha(true);
    expect(usingNobleChacha()).toBe(true);
    forceNobleChacha(false);
    expect(usingNobleChacha()).toBe(!nodeHasChacha);
    expect(
      chachaOpen(new Uint8Array(32), new Uint8Array(12), new Uint8Array(0), new Uint8Array(15)),
    ).toBeNull();
    expect(() =>
      chachaOpen(new Uint8Array(31), new Uint8Array(12), new Uint8Array(0), new Uint8Array(16)),
    ).toThrow(RangeError);
  });

  it('reads HAMMERHEAD_FORCE_NOBLE_CHACHA=1 when loaded', async () => {
    vi.stubEnv('HAMMERHEAD_FORCE_NOBLE_CHACHA', '1');
    vi.resetModules();
    const fresh = await import('./chacha.js');
    expect(fresh.usingNobleChacha()).toBe(true);
    vi.unstubAllEnvs();
  });
});
