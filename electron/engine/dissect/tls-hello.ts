/**
 * ClientHello and ServerHello (RFC 8446 §4.1.2-4.1.4, RFC 5246 §7.4.1). A HelloRetryRequest is a
 * ServerHello whose random is SHA-256("HelloRetryRequest").
 *
 *   ClientHello                                 ServerHello
 *   +------------------------------+            +------------------------------+
 *   | legacy_version (2)           |            | legacy_version (2)           |
 *   | random (32)                  |            | random (32)                  |
 *   | legacy_session_id <0..32>    |            | legacy_session_id_echo <0..32>|
 *   | cipher_suites <2..2^16-2>    |            | cipher_suite (2)             |
 *   | legacy_compression <1..2^8-1>|            | legacy_compression_method (1)|
 *   | extensions <8..2^16-1>       |            | extensions <6..2^16-1>       |
 *   +------------------------------+            +------------------------------+
 *
 * The summary pass keeps in the session what decryption and the protocols above need: the randoms, the
 * session id, the suite, the selected version, SNI and ALPN; and which direction the server sends in.
 */
import { TLS } from '../../../shared/fields/tls.js';
import { HandshakeType } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import type { TlsCall } from './tls-call.js';
import { dissectExtensions, findSelectedVersion, HelloExtensions } from './tls-extensions.js';
import { absoluteTime, hexOf, uint, vectorLength } from './tls-reader.js';

const F = TLS.fields;
const RANDOM = 32;
/** RFC 8446 §4.1.3: the random of a HelloRetryRequest. */
const HRR_RANDOM = [
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2,
  0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

const scan = { version: 0, helloRetry: false };
const hello = new HelloExtensions();

/**
 * Wireshark's `tls_scan_server_hello`: the version a ServerHello selects (supported_versions when its legacy
 * version is TLS 1.2) and whether it is a HelloRetryRequest, read leniently before the message is dissected.
 */
export function scanServerHello(ctx: FrameContext, p: number, end: number): typeof scan {
  scan.version = ctx.available(p, end) >= 2 ? ctx.u16(p) : 0;
  scan.helloRetry = false;
  if (scan.version !== 0x0303 || end - p < 46 || ctx.available(p, end) < end - p) return scan;
  scan.helloRetry = HRR_RANDOM.every((b, i) => ctx.u8(p + 2 + i) === b);
  let at = p + 2 + RANDOM;
  const sessionId = ctx.u8(at);
  at += 1;
  if (end - at < sessionId + 5) return scan;
  at += sessionId + 5;
  const selected = findSelectedVersion(ctx, at, end);
  if (selected !== 0) scan.version = selected;
  return scan;
}

/** Version and random, common to both hellos; false when the bytes end first. */
function versionAndRandom(ctx: FrameContext, p: number, end: number): boolean {
  if (!ctx.need('tls', p, 2 + RANDOM, end)) return false;
  const t = ctx.tree;
  if (!t) return true;
  t.add(F.handshakeVersion, p, p + 2, ctx.u16(p));
  const r = p + 2;
  t.open(t.add(F.random, r, r + RANDOM, hexOf(ctx, r, r + RANDOM)));
  t.add(F.randomTime, r, r + 4, absoluteTime(uint(ctx, r, 4)));
  t.add(F.randomBytes, r + 4, r + RANDOM, hexOf(ctx, r + 4, r + RANDOM));
  t.close();
  return true;
}

/** The session id vector; its end, or -1. */
function sessionId(ctx: FrameContext, p: number, end: number): number {
  const n = vectorLength(ctx, p, end, 1, F.sessionIdLength);
  if (n < 0 || !ctx.need('tls', p + 1, n, end)) return -1;
  if (n > 0) ctx.tree?.add(F.sessionId, p + 1, p + 1 + n, hexOf(ctx, p + 1, p + 1 + n));
  return p + 1 + n;
}

function cipherSuites(ctx: FrameContext, p: number, end: number): number {
  const n = vectorLength(ctx, p, end, 2, F.cipherSuitesLength);
  if (n < 0 || !ctx.need('tls', p + 2, n, end)) return -1;
  const t = ctx.tree;
  if (t) {
    const count = n >>> 1;
    t.open(
      t.add(
        F.cipherSuites,
        p + 2,
        p + 2 + n,
        null,
        `Cipher Suites (${count} suite${count === 1 ? '' : 's'})`,
      ),
    );
    for (let i = 0; i + 1 < n; i += 2) t.add(F.cipherSuite, p + 2 + i, p + 4 + i, ctx.u16(p + 2 + i));
    t.close();
  }
  return p + 2 + n;
}

function compressionMethods(ctx: FrameContext, p: number, end: number): number {
  const n = vectorLength(ctx, p, end, 1, F.compMethodsLength);
  if (n < 0 || !ctx.need('tls', p + 1, n, end)) return -1;
  const t = ctx.tree;
  if (t) {
    t.open(
      t.add(F.compMethods, p + 1, p + 1 + n, null, `Compression Methods (${n} method${n === 1 ? '' : 's'})`),
    );
    for (let i = 0; i < n; i++) t.add(F.compMethod, p + 1 + i, p + 2 + i, ctx.u8(p + 1 + i));
    t.close();
  }
  return p + 1 + n;
}

export function clientHello(ctx: FrameContext, call: TlsCall, start: number, end: number): void {
  const session = call.session;
  // The receiver of a ClientHello is the server (Wireshark's `ssl_set_server`).
  if (session) session.serverDirection = ctx.stream.direction === 0 ? 1 : 0;
  if (!versionAndRandom(ctx, start, end)) return;
  if (session) session.clientRandom = ctx.bytes.slice(start + 2, start + 2 + RANDOM);
  let p = sessionId(ctx, start + 2 + RANDOM, end);
  if (p >= 0 && session) session.sessionId = ctx.bytes.slice(start + 3 + RANDOM, p);
  if (p >= 0) p = cipherSuites(ctx, p, end);
  if (p >= 0) p = compressionMethods(ctx, p, end);
  if (p < 0 || p >= end) return;
  dissectExtensions(ctx, p, end, hello.reset(HandshakeType.ClientHello, false));
  if (!session) return;
  session.serverName = hello.serverName;
  session.alpnOffered = hello.alpn;
  session.offeredTicket = hello.sessionTicket;
  // Early data is TLS 1.3 only: Wireshark takes the conversation as 1.3 from here (its `has_early_data`).
  if (hello.earlyData) call.setVersion(0x0304);
}

export function serverHello(
  ctx: FrameContext,
  call: TlsCall,
  start: number,
  end: number,
  retry: boolean,
): void {
  if (!versionAndRandom(ctx, start, end)) return;
  const session = call.session;
  if (session && !retry) session.serverRandom = ctx.bytes.slice(start + 2, start + 2 + RANDOM);
  const p = sessionId(ctx, start + 2 + RANDOM, end);
  if (p >= 0 && session && !retry) session.serverSessionId = ctx.bytes.slice(start + 3 + RANDOM, p);
  if (p < 0 || !ctx.need('tls', p, 3, end)) return;
  const suite = ctx.u16(p);
  ctx.tree?.add(F.cipherSuite, p, p + 2, suite);
  ctx.tree?.add(F.compMethod, p + 2, p + 3, ctx.u8(p + 2));
  if (p + 3 < end) dissectExtensions(ctx, p + 3, end, hello.reset(HandshakeType.ServerHello, retry));
  else hello.reset(HandshakeType.ServerHello, retry);
  if (!session) return;
  session.cipherSuite = suite;
  session.helloRetryRequest = retry;
  session.serverVersion = hello.selectedVersion || ctx.u16(start);
  // The server only echoes encrypt_then_mac the client offered (RFC 7366 §2).
  session.encryptThenMac = hello.encryptThenMac;
  if (hello.alpn.length > 0) session.alpn = hello.alpn[0] ?? null;
}

/** Extensions of an EncryptedExtensions message (TLS 1.3 §4.3.1; seen only once decrypted). */
export function encryptedExtensions(ctx: FrameContext, call: TlsCall, start: number, end: number): void {
  dissectExtensions(ctx, start, end, hello.reset(HandshakeType.EncryptedExtensions, false));
  // TLS 1.3 servers answer ALPN here, not in the ServerHello.
  if (call.session && hello.alpn.length > 0) call.session.alpn = hello.alpn[0] ?? null;
}
