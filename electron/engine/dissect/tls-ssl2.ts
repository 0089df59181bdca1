/**
 * SSL 2.0 records, as far as they still appear: the SSL 2.0-compatible ClientHello that old clients send
 * to offer SSL 3.0 / TLS (RFC 5246 appendix E.2), and an SSL 2.0 conversation's messages by name.
 *
 *   2-byte header (high bit set):          3-byte header:
 *   +-+-------------+---------------+      +-+-+-----------+---------------+---------------+
 *   |1| length (15 bits)            |      |0|e| length (14 bits)          | padding length|
 *   +-+-------------+---------------+      +-+-+-----------+---------------+---------------+
 *   then: msg_type (1) and the message (ClientHello: version (2), cipher_spec_length (2),
 *   session_id_length (2), challenge_length (2), cipher specs, session id, challenge).
 */
import { TLS } from '../../../shared/fields/tls.js';
import { TlsVersion } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from './stream-info.js';
import { needMore, type TlsCall } from './tls-call.js';

const SSL2_MESSAGES: Readonly<Record<number, string>> = {
  0: 'Error',
  1: 'Client Hello',
  2: 'Client Master Key',
  3: 'Client Finished',
  4: 'Server Hello',
  5: 'Server Verify',
  6: 'Server Finished',
  7: 'Request Certificate',
  8: 'Client Certificate',
};

/** Wireshark's `ssl_is_v2_client_hello`: a 2-byte header and the ClientHello type. */
export function isV2ClientHello(ctx: FrameContext, p: number): boolean {
  return ctx.u8(p) === 0x80 && ctx.u8(p + 2) === 1;
}

/**
 * Wireshark's `ssl_looks_like_sslv2`: a 2-byte header (high bit set) and an Error, ClientHello or ServerHello
 * type after it. Nothing else is checked, so bytes after a lost segment sometimes pass (tshark 4.0 then reads
 * a long SSLv2 record and asks TCP for the rest).
 */
export function looksLikeSslv2(ctx: FrameContext, p: number): boolean {
  const type = ctx.u8(p + 2);
  return (ctx.u8(p) & 0x80) !== 0 && (type === 0 || type === 1 || type === 4);
}

/** A ClientHello whose lengths fit its record (Wireshark's `ssl_looks_like_valid_v2_handshake`). */
function validClientHello(ctx: FrameContext, body: number, length: number): boolean {
  if (length < 9 || ctx.available(body, body + 9) < 9) return false;
  const version = ctx.u16(body + 1);
  const known =
    version === TlsVersion.SSLv2 ||
    version === TlsVersion.SSLv3 ||
    version === TlsVersion.TLSv1 ||
    version === TlsVersion.TLSv1_1 ||
    version === TlsVersion.TLSv1_2;
  const specs = ctx.u16(body + 3);
  return known && specs % 3 === 0 && 9 + specs + ctx.u16(body + 5) + ctx.u16(body + 7) <= length;
}

/** The SSL 2.0 record at `p`; where the next starts, or -1 when TCP must bring more. */
export function ssl2Record(ctx: FrameContext, call: TlsCall, p: number, end: number): number {
  if (end - p < 3) return needMore(ctx, call, p, end, DESEGMENT_ONE_MORE_SEGMENT);
  if (!ctx.need('tls', p, 3, end)) return -1;
  const first = ctx.u8(p);
  const header = (first & 0x80) !== 0 ? 2 : 3;
  const length = header === 2 ? ((first & 0x7f) << 8) | ctx.u8(p + 1) : ((first & 0x3f) << 8) | ctx.u8(p + 1);
  if (end - p < header + length) return needMore(ctx, call, p, end, header + length - (end - p));
  const body = p + header;
  const type = ctx.available(body, end) >= 1 ? ctx.u8(body) : -1;
  if (call.version === 0 && type >= 2 && type <= 8) call.setVersion(TlsVersion.SSLv2);
  ctx.setProtocol('SSLv2');
  const name = SSL2_MESSAGES[type];
  const valid = name !== undefined && (type !== 1 || validClientHello(ctx, body, length));
  ctx.appendInfo(valid ? name : 'Encrypted Data');
  const t = ctx.tree;
  if (t) {
    t.open(
      t.add(
        TLS.fields.record,
        p,
        body + length,
        null,
        `SSLv2 Record Layer: ${valid ? name : 'Encrypted Data'}`,
      ),
    );
    t.add(TLS.fields.recordLength, p, p + 2, length, `Length: ${length}`);
    if (valid && type === 1) t.add(TLS.fields.handshakeVersion, body + 1, body + 3, ctx.u16(body + 1));
    t.close();
  }
  return body + length;
}
