/**
 * Handshake message bodies other than the hellos (RFC 5246 §7.4, RFC 8446 §4.3-4.6, RFC 8422 §5.4, RFC 6066
 * §8): their structure is read on both paths (a bad length ends the frame's dissection in both, as in
 * Wireshark's single pass), their lines added on the detail path.
 *
 *   ServerKeyExchange (ECDHE):  curve_type(1)=3 | named_curve(2) | point<1> | [scheme(2)] | signature<2>
 *   ServerKeyExchange (DHE):    dh_p<2> | dh_g<2> | dh_Ys<2> | [scheme(2)] | signature<2>
 *   ClientKeyExchange:          ECDHE: point<1>   DHE: dh_Yc<2>   RSA: encrypted pre-master secret<2>
 *   NewSessionTicket:           lifetime(4) | [TLS 1.3: age_add(4) | nonce<1>] | ticket<2> | [extensions<2>]
 *   CertificateRequest (≤1.2):  types<1> | [1.2: schemes<2>] | authorities<2>
 *   CertificateVerify:          [scheme(2)] | signature<2>        Finished: verify_data (the rest)
 */
import { TLS } from '../../../shared/fields/tls.js';
import { TLS_CIPHER_SUITES } from '../../../shared/fields/tls-names.js';
import { HandshakeType, TlsVersion } from '../../../shared/fields/tls-values.js';
import type { FieldDef } from '../../../shared/fields/types.js';
import type { FrameContext } from './context.js';
import type { TlsCall } from './tls-call.js';
import { dissectCertificate } from './tls-certificate.js';
import { signatureScheme } from './tls-extension-data.js';
import { dissectExtensions, HelloExtensions } from './tls-extensions.js';
import { clientHello, encryptedExtensions, serverHello } from './tls-hello.js';
import { hexOf, uint, vectorLength } from './tls-reader.js';
import { TLS_STATE, type TlsSession } from './tls-session.js';
import { rememberMaster } from './tls-decrypt.js';

const F = TLS.fields;
const extensions = new HelloExtensions();

/** A vector of bytes: its length as `lengthDef`, its bytes as `def`; its end, or -1. */
function opaque(
  ctx: FrameContext,
  p: number,
  end: number,
  size: number,
  lengthDef: FieldDef,
  def: FieldDef,
): number {
  const n = vectorLength(ctx, p, end, size, lengthDef);
  if (n < 0 || !ctx.need('tls', p + size, n, end)) return -1;
  ctx.tree?.add(def, p + size, p + size + n, hexOf(ctx, p + size, p + size + n));
  return p + size + n;
}

/** The suite the server chose (the detail path reads it from the session; it cannot change it). */
function suiteName(ctx: FrameContext, call: TlsCall): string {
  const suite = (call.session ?? ctx.state(TLS_STATE).byStream.get(call.stream))?.cipherSuite ?? -1;
  return TLS_CIPHER_SUITES[suite] ?? '';
}

function serverKeyExchange(ctx: FrameContext, call: TlsCall, p: number, end: number): void {
  const suite = suiteName(ctx, call);
  let at = p;
  if (suite.includes('_ECDHE_') || suite.includes('_ECDH_anon_')) {
    if (!ctx.need('tls', at, 3, end)) return;
    ctx.tree?.add(F.curveType, at, at + 1, ctx.u8(at));
    ctx.tree?.add(F.namedCurve, at + 1, at + 3, ctx.u16(at + 1));
    at = opaque(ctx, at + 3, end, 1, F.serverPointLength, F.serverPoint);
  } else if (suite.includes('_DHE_') || suite.includes('_DH_anon_') || suite.includes('_RSA_EXPORT_')) {
    // DHE: p, g, Ys; RSA export (RFC 2246 §7.4.3): modulus, exponent.
    const parts = suite.includes('_RSA_EXPORT_') ? 2 : 3;
    for (let i = 0; i < parts && at >= 0; i++)
      at = opaque(ctx, at, end, 2, F.signatureLength, F.handshakeData);
  } else {
    if (end > p) ctx.tree?.add(F.handshakeData, p, end, hexOf(ctx, p, end));
    return;
  }
  if (at >= 0 && at < end) signature(ctx, call, at, end, F.signatureLength, F.signature);
}

/** A digitally-signed element: the scheme first from TLS 1.2 on. */
function signature(
  ctx: FrameContext,
  call: TlsCall,
  p: number,
  end: number,
  lengthDef: FieldDef,
  def: FieldDef,
): void {
  let at = p;
  if (call.version >= TlsVersion.TLSv1_2 || call.version === 0) {
    if (!ctx.need('tls', at, 2, end)) return;
    signatureScheme(ctx, at);
    at += 2;
  }
  opaque(ctx, at, end, 2, lengthDef, def);
}

function clientKeyExchange(ctx: FrameContext, call: TlsCall, p: number, end: number): void {
  const suite = suiteName(ctx, call);
  if (suite.includes('_ECDHE_') || suite.includes('_ECDH_'))
    opaque(ctx, p, end, 1, F.clientPointLength, F.clientPoint);
  else if (suite.includes('_DHE_') || suite.includes('_DH_'))
    opaque(ctx, p, end, 2, F.clientPointLength, F.clientPoint);
  else if (suite.startsWith('TLS_RSA_') && call.version !== TlsVersion.SSLv3)
    opaque(ctx, p, end, 2, F.epmsLength, F.epms);
  else if (end > p) ctx.tree?.add(F.handshakeData, p, end, hexOf(ctx, p, end));
}

function newSessionTicket(ctx: FrameContext, call: TlsCall, p: number, end: number): void {
  if (!ctx.need('tls', p, 4, end)) return;
  const lifetime = uint(ctx, p, 4);
  ctx.tree?.add(
    F.ticketLifetime,
    p,
    p + 4,
    lifetime,
    `Session Ticket Lifetime Hint: ${lifetime} seconds${lifetimeText(lifetime)}`,
  );
  let at = p + 4;
  const tls13 = call.version === TlsVersion.TLSv1_3;
  if (tls13) {
    if (!ctx.need('tls', at, 4, end)) return;
    ctx.tree?.add(F.ticketAgeAdd, at, at + 4, uint(ctx, at, 4));
    at = opaque(ctx, at + 4, end, 1, F.ticketNonceLength, F.ticketNonce);
  }
  const ticketAt = at;
  if (at >= 0) at = opaque(ctx, at, end, 2, F.ticketLength, F.ticket);
  if (!tls13 && at > ticketAt + 2 && call.session)
    issuedTicket(ctx, call.session, ctx.bytes.slice(ticketAt + 2, at));
  if (tls13 && at >= 0 && at < end)
    dissectExtensions(ctx, at, end, extensions.reset(HandshakeType.NewSessionTicket, false));
}

/** A TLS ≤ 1.2 ticket: a later session resuming with it uses this one's master secret. */
function issuedTicket(ctx: FrameContext, session: TlsSession, ticket: Uint8Array): void {
  session.issuedTicket = ticket;
  const master = session.decryption?.master;
  if (master) rememberMaster(ctx.state(TLS_STATE), 'ticket', ticket, master);
}

/** `(2 hours)`: Wireshark's `unsigned_time_secs_to_str` after the seconds. */
function lifetimeText(seconds: number): string {
  if (seconds === 0) return '';
  const units: [number, string][] = [
    [Math.floor(seconds / 86400), 'day'],
    [Math.floor(seconds / 3600) % 24, 'hour'],
    [Math.floor(seconds / 60) % 60, 'minute'],
    [seconds % 60, 'second'],
  ];
  const parts = units.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return ` (${parts.join(', ')})`;
}

function certificateRequest(ctx: FrameContext, call: TlsCall, p: number, end: number): void {
  if (call.version === TlsVersion.TLSv1_3) {
    const at = opaque(ctx, p, end, 1, F.certTypesCount, F.handshakeData);
    if (at >= 0 && at < end)
      dissectExtensions(ctx, at, end, extensions.reset(HandshakeType.CertificateRequest, false));
    return;
  }
  const types = vectorLength(ctx, p, end, 1, F.certTypesCount);
  if (types < 0 || !ctx.need('tls', p + 1, types, end)) return;
  for (let i = 0; i < types; i++) ctx.tree?.add(F.certType, p + 1 + i, p + 2 + i, ctx.u8(p + 1 + i));
  let at = p + 1 + types;
  if (call.version === TlsVersion.TLSv1_2) {
    const n = vectorLength(ctx, at, end, 2, F.sigHashAlgsLength);
    if (n < 0 || !ctx.need('tls', at + 2, n - (n % 2), end)) return;
    for (let i = 0; i + 1 < n; i += 2) signatureScheme(ctx, at + 2 + i);
    at += 2 + n;
  }
  opaque(ctx, at, end, 2, F.dnamesLength, F.dname);
}

/** RFC 6066 §8: an OCSP response (Wireshark hands it to its OCSP dissector, which `frame.protocols` lists). */
function certificateStatus(ctx: FrameContext, p: number, end: number): void {
  if (!ctx.need('tls', p, 1, end)) return;
  const type = ctx.u8(p);
  ctx.tree?.add(F.certStatusType, p, p + 1, type);
  const stop = opaque(ctx, p + 1, end, 3, F.signatureLength, F.handshakeData);
  if (type === 1 && stop > p + 4) ctx.tree?.mark('ocsp');
}

/** The body `[p, end)` of a message of `type`. */
export function dissectMessageBody(
  ctx: FrameContext,
  call: TlsCall,
  type: number,
  p: number,
  end: number,
  retry: boolean,
): void {
  const t = ctx.tree;
  switch (type) {
    case HandshakeType.ClientHello:
      return clientHello(ctx, call, p, end);
    case HandshakeType.ServerHello:
      return serverHello(ctx, call, p, end, retry);
    case HandshakeType.NewSessionTicket:
      return newSessionTicket(ctx, call, p, end);
    case HandshakeType.EncryptedExtensions:
      return encryptedExtensions(ctx, call, p, end);
    case HandshakeType.Certificate:
      return dissectCertificate(ctx, call.version === TlsVersion.TLSv1_3, p, end);
    case HandshakeType.ServerKeyExchange:
      return serverKeyExchange(ctx, call, p, end);
    case HandshakeType.CertificateRequest:
      return certificateRequest(ctx, call, p, end);
    case HandshakeType.CertificateVerify:
      return signature(ctx, call, p, end, F.certVerifySignatureLength, F.certVerifySignature);
    case HandshakeType.ClientKeyExchange:
      return clientKeyExchange(ctx, call, p, end);
    case HandshakeType.Finished:
      if (end > p) t?.add(F.verifyData, p, end, hexOf(ctx, p, end));
      return;
    case HandshakeType.CertificateStatus:
      return certificateStatus(ctx, p, end);
    case HandshakeType.KeyUpdate:
      if (ctx.need('tls', p, 1, end)) t?.add(F.keyUpdateRequest, p, p + 1, ctx.u8(p));
      return;
  }
}
