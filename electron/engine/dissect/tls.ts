/**
 * Transport Layer Security over TCP: TLS 1.3 (RFC 8446), 1.2 (RFC 5246), 1.1 (RFC 4346), 1.0 (RFC 2246)
 * and SSL 3.0 (RFC 6101) records, read from the reassembled TCP stream. A record may span segments (TCP is
 * asked for the rest) and a segment may hold several records; each call reads records until its bytes end.
 *
 *   TLSPlaintext / TLSCiphertext (RFC 8446 §5.1):
 *   +--------------+-------------------------------+-------------------------------+
 *   | ContentType  |   legacy_record_version (2)   |          length (2)           |
 *   +--------------+-------------------------------+-------------------------------+
 *   |                     fragment (length bytes) ...
 *
 * As tshark 4.0.17 does (packet-tls.c `dissect_ssl`): the conversation's version decides how records are
 * read; until a record other than a ClientHello settles it, each record's own version names the Protocol
 * column (`TLSv1 Client Hello`); bytes that are no record are `Continuation Data` (version unknown, or an
 * unknown content type in TLS 1.3) or an `Ignored Unknown Record` (TLS 1.0-1.2). Info lists the records' contents separated by commas.
 * Found on Wireshark's TLS ports and, elsewhere, by its `tls_tcp` heuristic (a handshake or application data
 * record header with a known version and a sane length).
 */
import { TLS } from '../../../shared/fields/tls.js';
import { TlsVersion } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import type { Dissector } from './registry.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from './stream-info.js';
import { needMore, shortName, tlsCall, type TlsCall } from './tls-call.js';
import { isContentType, ssl3Record } from './tls-record.js';
import { ssl2Record, isV2ClientHello, looksLikeSslv2 } from './tls-ssl2.js';

/** Wireshark's TLS ports (`tcp.port` entries of the tls dissector in 4.0.17). */
export const TLS_PORTS = [
  443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684, 5868,
  8883, 11207, 19999, 27017, 324,
] as const;

/**
 * Versions whose records Wireshark reads directly (its switch on the conversation's version); TLS 1.3 is not
 * among them: its records go through the same checks as an unknown version's.
 */
function readsSsl3(version: number): boolean {
  return knownRecordVersion(version);
}

/** The record versions `ssl_looks_like_sslv3` accepts (TLS 1.3 records say 1.2). */
function knownRecordVersion(version: number): boolean {
  return (
    version === TlsVersion.SSLv3 ||
    version === TlsVersion.TLSv1 ||
    version === TlsVersion.TLSv1_1 ||
    version === TlsVersion.TLSv1_2 ||
    version === TlsVersion.GMTLS
  );
}

/** One record (or what stands for one) at `p`; where the next starts, or -1 when TCP must bring more. */
function nextRecord(ctx: FrameContext, call: TlsCall, p: number, end: number): number {
  const v = call.version;
  if (v === TlsVersion.SSLv2) return ssl2Record(ctx, call, p, end);
  if (end - p < 5) return needMore(ctx, call, p, end, DESEGMENT_ONE_MORE_SEGMENT);
  if (!ctx.need('tls', p, 3, end)) return -1;
  if (readsSsl3(v))
    return isV2ClientHello(ctx, p) ? ssl2Record(ctx, call, p, end) : ssl3Record(ctx, call, p, end);
  if (looksLikeSslv2(ctx, p)) return ssl2Record(ctx, call, p, end);
  if (looksLikeSslv3(ctx, p)) return ssl3Record(ctx, call, p, end);
  ctx.appendSep('Continuation Data');
  return end;
}

/** Wireshark's `ssl_looks_like_sslv3`: a content type and a version it knows. */
function looksLikeSslv3(ctx: FrameContext, p: number): boolean {
  return isContentType(ctx.u8(p)) && knownRecordVersion(ctx.u16(p + 1));
}

/** Four printable bytes first: plain text on a TLS port, not TLS (Wireshark declines it). */
function printableStart(ctx: FrameContext, offset: number, end: number): boolean {
  if (Math.min(end, ctx.capturedEnd) - offset <= 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = ctx.u8(offset + i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

function dissectTls(ctx: FrameContext, offset: number, end: number): boolean {
  if (printableStart(ctx, offset, end)) return false;
  const call = tlsCall;
  call.begin(ctx, offset);
  ctx.setProtocol(shortName(call.version, 'SSL'));
  ctx.setInfo('');
  ctx.tree?.begin(TLS.protocol, TLS.protocol.name, offset, end);
  for (let p = offset; p < end && !ctx.stopped;) {
    const next = nextRecord(ctx, call, p, end);
    if (next < 0) break;
    p = next;
  }
  return true;
}

/** Wireshark's `is_sslv3_or_tls` (and the SSLv2 ClientHello test): the start of a TLS conversation. */
function looksLikeTls(ctx: FrameContext, offset: number, end: number): boolean {
  const captured = Math.min(end, ctx.capturedEnd) - offset;
  if (captured < 5) return false;
  const type = ctx.u8(offset);
  const version = ctx.u16(offset + 1);
  const length = ctx.u16(offset + 3);
  const known =
    (type === 22 || type === 23) &&
    (version === TlsVersion.SSLv3 ||
      version === TlsVersion.TLSv1 ||
      version === TlsVersion.TLSv1_1 ||
      version === TlsVersion.TLSv1_2) &&
    length > 0 &&
    length < (1 << 14) + 2048;
  return known || (captured >= 46 && isV2ClientHelloStrict(ctx, offset));
}

/** Wireshark's `is_sslv2_clienthello`: an SSL 2.0-compatible ClientHello (RFC 5246 appendix E.2). */
function isV2ClientHelloStrict(ctx: FrameContext, offset: number): boolean {
  if (ctx.u8(offset) !== 0x80 || ctx.u8(offset + 2) !== 1) return false;
  const specs = ctx.u16(offset + 5);
  const session = ctx.u16(offset + 7);
  return specs !== 0 && specs % 3 === 0 && (session === 0 || session === 16) && ctx.u16(offset + 9) === 32;
}

export const tlsDissector: Dissector = {
  id: 'tls',
  bindings: TLS_PORTS.map((key) => ({ table: 'tcp.port' as const, key })),
  stream: true,
  keepsLayer: true,
  heuristic: { table: 'tcp.port', test: looksLikeTls },
  dissect: dissectTls,
};
