/**
 * The TLS PRFs against the published known-answer vectors (TLS WG mailing list: msg03416 for TLS 1.2
 * P_SHA256/P_SHA384, and the "PRF Testvector" for the TLS 1.0 MD5/SHA-1 PRF), and the key block layout.
 * The real-connection tests in node-tls.test.ts check the same functions against OpenSSL's key blocks.
 */
import { describe, expect, it } from 'vitest';
import { tls12KeyBlock } from './key-schedule.js';
import { prf, tls10Prf, tls12Prf } from './prf.js';
import { suiteById } from './suites.js';

const h = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const hexOf = (bytes: Uint8Array | null): string => (bytes ? Buffer.from(bytes).toString('hex') : 'null');

const P_SHA256 = {
  secret: h('9bbe436ba940f017b17652849a71db35'),
  seed: h('a0ba9f936cda311827a6f796ffd5198c'),
  output: `e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af
    0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66`,
};
const P_SHA384 = {
  secret: h('b80b733d6ceefcdc71566ea48e5567df'),
  seed: h('cd665cf6a8447dd6ff8b27555edb7465'),
  output: `7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0
    e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd
    4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f`,
};
const TLS10 = {
  secret: Buffer.alloc(48, 0xab),
  seed: Buffer.alloc(64, 0xcd),
  output: `d3d4d1e349b5d515044666d51de32bab258cb521b6b053463e354832fd976754443bcf9a296519bc289abcbc1187e4eb
    d31e602353776c408aafb74cbc85eff69255f9788faa184cbb957a9819d84a5d7eb006eb459d3ae8de9810454b8b2d8f1afbc655
    a8c9a013`,
};

const strip = (s: string): string => s.replace(/\s+/g, '');

describe('TLS PRFs', () => {
  it('P_SHA256 and P_SHA384 match the TLS 1.2 vectors', () => {
    const a = strip(P_SHA256.output);
    expect(hexOf(tls12Prf(P_SHA256.secret, 'test label', P_SHA256.seed, a.length / 2))).toBe(a);
    const b = strip(P_SHA384.output);
    expect(hexOf(tls12Prf(P_SHA384.secret, 'test label', P_SHA384.seed, b.length / 2, 'sha384'))).toBe(b);
  });

  it('the MD5 xor SHA-1 PRF matches the TLS 1.0 vector', () => {
    const out = strip(TLS10.output);
    expect(hexOf(tls10Prf(TLS10.secret, 'PRF Testvector', TLS10.seed, out.length / 2))).toBe(out);
  });

  it('splits an odd-length secret with the middle byte in both halves', () => {
    // RFC 2246 §5: S1 and S2 share a byte when the secret's length is odd; changing it changes both.
    const secret = Buffer.from('0102030405', 'hex');
    const changed = Buffer.from('0102ff0405', 'hex');
    const a = tls10Prf(secret, 'x', new Uint8Array(0), 20);
    const b = tls10Prf(changed, 'x', new Uint8Array(0), 20);
    expect(hexOf(a)).not.toBe(hexOf(b));
  });

  it('picks the PRF by version, and none for SSL 3.0', () => {
    const s = P_SHA256.secret;
    expect(hexOf(prf(0x0303, 'sha256', s, 'l', P_SHA256.seed, 16))).toBe(
      hexOf(tls12Prf(s, 'l', P_SHA256.seed, 16)),
    );
    expect(hexOf(prf(0x0301, 'sha256', s, 'l', P_SHA256.seed, 16))).toBe(
      hexOf(tls10Prf(s, 'l', P_SHA256.seed, 16)),
    );
    expect(hexOf(prf(0x0302, 'sha384', s, 'l', P_SHA256.seed, 16))).toBe(
      hexOf(tls10Prf(s, 'l', P_SHA256.seed, 16)),
    );
    expect(prf(0x0300, 'sha256', s, 'l', P_SHA256.seed, 16)).toBeNull();
    expect(prf(0x0304, 'sha256', s, 'l', P_SHA256.seed, 16)).toBeNull();
  });
});

describe('tls12KeyBlock', () => {
  const master = Buffer.alloc(48, 0x11);
  const clientRandom = Buffer.alloc(32, 0x22);
  const serverRandom = Buffer.alloc(32, 0x33);
  const seed = Buffer.concat([serverRandom, clientRandom]);

  it('cuts client MAC, server MAC, client key, server key, client IV, server IV in that order', () => {
    const suite = suiteById(0xc027)!; // AES-128-CBC, HMAC-SHA256: 32 + 32 + 16 + 16 + 16 + 16
    const block = hexOf(tls12Prf(master, 'key expansion', seed, 128));
    const keys = tls12KeyBlock(0x0303, suite, master, clientRandom, serverRandom)!;
    const parts = [
      keys.client.macKey,
      keys.server.macKey,
      keys.client.key,
      keys.server.key,
      keys.client.iv,
      keys.server.iv,
    ];
    expect(parts.map(hexOf).join('')).toBe(block);
    expect(parts.map((p) => p.length)).toEqual([32, 32, 16, 16, 16, 16]);
  });

  it('uses SHA-384 for *_SHA384 suites and no MAC keys for AEADs', () => {
    const suite = suiteById(0xc030)!; // AES-256-GCM-SHA384: 32 + 32 + 4 + 4
    const keys = tls12KeyBlock(0x0303, suite, master, clientRandom, serverRandom)!;
    expect(hexOf(keys.client.key)).toBe(hexOf(tls12Prf(master, 'key expansion', seed, 32, 'sha384')));
    expect(keys.client.macKey).toHaveLength(0);
    expect(keys.server.iv).toHaveLength(4);
  });

  it('uses the TLS 1.0 PRF for TLS 1.0 and 1.1, and gives nothing for SSL 3.0 or bad randoms', () => {
    const suite = suiteById(0x002f)!;
    const keys = tls12KeyBlock(0x0302, suite, master, clientRandom, serverRandom)!;
    expect(hexOf(keys.client.macKey)).toBe(hexOf(tls10Prf(master, 'key expansion', seed, 20)));
    expect(tls12KeyBlock(0x0300, suite, master, clientRandom, serverRandom)).toBeNull();
    expect(tls12KeyBlock(0x0303, suite, master, clientRandom.subarray(1), serverRandom)).toBeNull();
  });
});
