/**
 * Builders for the TLS and HTTP/2 tests: records, handshake messages, hellos with the extensions browsers
 * send, HTTP/2 frames. Each builder writes the wire format its RFC gives (the layout is in the comment);
 * the tests show the resulting bytes where their offsets matter. tshark 4.0.17 read the same frames,
 * written as a pcap, to give the expected columns.
 */
import { hex } from './test-support.js';

export function bytes(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const u16 = (n: number): number[] => [(n >>> 8) & 0xff, n & 0xff];
export const u24 = (n: number): number[] => [(n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** `opaque x<0..2^(8*size)-1>`: the length in `size` bytes, then the bytes. */
export function vector(size: 1 | 2 | 3, ...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const body = bytes(...parts);
  const prefix = size === 1 ? [body.length] : size === 2 ? u16(body.length) : u24(body.length);
  return bytes(prefix, body);
}

/** TLSPlaintext: type(1) version(2) length(2) fragment. */
export function record(
  type: number,
  version: number,
  ...fragment: (Uint8Array | readonly number[])[]
): Uint8Array {
  const body = bytes(...fragment);
  return bytes([type], u16(version), u16(body.length), body);
}

/** Handshake: msg_type(1) length(3) body. */
export function handshake(type: number, ...body: (Uint8Array | readonly number[])[]): Uint8Array {
  const b = bytes(...body);
  return bytes([type], u24(b.length), b);
}

/** Extension: type(2) extension_data<0..2^16-1>. */
export function extension(type: number, ...data: (Uint8Array | readonly number[])[]): Uint8Array {
  return bytes(u16(type), vector(2, ...data));
}

export const RANDOM = Uint8Array.from({ length: 32 }, (_, i) => i);
export const SERVER_RANDOM = Uint8Array.from({ length: 32 }, (_, i) => 0x70 + i);
/** RFC 8446 §4.1.3: SHA-256("HelloRetryRequest"), the random that makes a ServerHello an HRR. */
export const HRR_RANDOM = hex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');

/** An X25519MLKEM768 client share is 1184 (ML-KEM-768 key) + 32 (X25519) bytes. */
export const MLKEM_SHARE = Uint8Array.from({ length: 1216 }, (_, i) => i & 0xff);

/**
 * A ClientHello as a TLS 1.3 browser sends it: legacy version TLS 1.2, 32-byte session id, three suites,
 * SNI, ALPN h2 + http/1.1, supported_groups, signature_algorithms, supported_versions 1.3 + 1.2, key_share
 * with X25519MLKEM768 (4588) and x25519 (29).
 */
export function clientHello(serverName = 'app.example.test'): Uint8Array {
  const name = ascii(serverName);
  return handshake(
    1,
    u16(0x0303),
    RANDOM,
    vector(1, new Uint8Array(32).fill(0xee)),
    vector(2, u16(0x1301), u16(0x1302), u16(0xc02f)),
    vector(1, [0]),
    vector(
      2,
      extension(0, vector(2, [0], vector(2, name))),
      extension(16, vector(2, vector(1, ascii('h2')), vector(1, ascii('http/1.1')))),
      extension(10, vector(2, u16(0x11ec), u16(0x001d), u16(0x0017))),
      extension(13, vector(2, u16(0x0403), u16(0x0804), u16(0x0401))),
      extension(43, vector(1, u16(0x0304), u16(0x0303))),
      extension(
        51,
        vector(2, u16(0x11ec), vector(2, MLKEM_SHARE), u16(0x001d), vector(2, new Uint8Array(32).fill(0x29))),
      ),
    ),
  );
}

/** A ServerHello choosing TLS_AES_128_GCM_SHA256 and TLS 1.3 (or TLS 1.2 and a 1.2 suite when `tls12`). */
export function serverHello(options: { tls12?: boolean; random?: Uint8Array } = {}): Uint8Array {
  const tls12 = options.tls12 === true;
  const extensions = tls12
    ? vector(2, extension(0xff01, [0]), extension(16, vector(2, vector(1, ascii('h2')))))
    : vector(
        2,
        extension(43, u16(0x0304)),
        extension(51, u16(0x001d), vector(2, new Uint8Array(32).fill(0x33))),
      );
  return handshake(
    2,
    u16(0x0303),
    options.random ?? SERVER_RANDOM,
    vector(1, new Uint8Array(32).fill(0xee)),
    u16(tls12 ? 0xc02f : 0x1301),
    [0],
    extensions,
  );
}

/**
 * A self-signed ECDSA certificate (openssl req -x509 …): C=US, O=Hammerhead Test, CN=app.example.test,
 * serial 0x0102, valid 2026-11-25 08:41:25 to 2036-11-22 08:41:25 UTC, SAN app.example.test and
 * www.example.test; 509 bytes of DER.
 */
export const CERTIFICATE = hex(`
  308201f93082019ea00302010202020102300a06082a8648ce3d040302304231
  0b300906035504061302555331183016060355040a0c0f48616d6d6572686561
  6420546573743119301706035504030c106170702e6578616d706c652e746573
  74301e170d3236313132353038343132355a170d333631313232303834313235
  5a3042310b300906035504061302555331183016060355040a0c0f48616d6d65
  726865616420546573743119301706035504030c106170702e6578616d706c65
  2e746573743059301306072a8648ce3d020106082a8648ce3d03010703420004
  3c89b41184ee99146455db1d14e5dc3ef244a0f45d3685719eb25baed121c404
  d5a8babdacd0c8bab054d298c6c524c078999013a975b429676502a7e51dd23a
  a38183308180301d0603551d0e04160414fb66318906c10a25678e7fe27ce139
  d35f32b118301f0603551d23041830168014fb66318906c10a25678e7fe27ce1
  39d35f32b118300f0603551d130101ff040530030101ff302d0603551d110426
  302482106170702e6578616d706c652e7465737482107777772e6578616d706c
  652e74657374300a06082a8648ce3d04030203490030460221008cbd51465d7c
  90c7118165dcbd6eb8aa1d6ec6a8b52b03a19f4cbdc84fdf8c78022100d99d76
  dad38c3db9c6d28854c3f9d6ea9a1de9b65b1aa5ad1e682756a44ed3cd`);

/** Certificate (TLS 1.2): certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>. */
export const certificateMessage = (): Uint8Array => handshake(11, vector(3, vector(3, CERTIFICATE)));

/** ServerKeyExchange for ECDHE: named_curve x25519, a 32-byte point, ecdsa_secp256r1_sha256, signature. */
export const serverKeyExchange = (): Uint8Array =>
  handshake(
    12,
    [3],
    u16(0x001d),
    vector(1, new Uint8Array(32).fill(0x9f)),
    u16(0x0403),
    vector(2, new Uint8Array(70).fill(0x30)),
  );

/** Bytes that look like ciphertext (no zero run, an unknown handshake type first). */
export const ciphertext = (n: number, seed = 0x5a): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (seed + i * 37) & 0xff || 1);

/** HTTP/2 frame: length(24) type(8) flags(8) R(1) stream(31) payload. */
export function h2frame(
  type: number,
  flags: number,
  stream: number,
  ...payload: (Uint8Array | readonly number[])[]
): Uint8Array {
  const body = bytes(...payload);
  return bytes(
    u24(body.length),
    [type, flags],
    [(stream >>> 24) & 0x7f, (stream >>> 16) & 0xff, (stream >>> 8) & 0xff, stream & 0xff],
    body,
  );
}
