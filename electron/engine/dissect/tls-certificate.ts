/**
 * The Certificate message (RFC 5246 §7.4.2; RFC 8446 §4.4.2 for TLS 1.3, where it is encrypted and so only
 * seen once decrypted). Each certificate is shown with its subject and decoded by x509.ts on the detail path;
 * the summary pass only walks the lengths (a bad one ends the frame's dissection, as in Wireshark).
 *
 *   TLS ≤ 1.2:  certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>
 *   TLS 1.3:    certificate_request_context<0..255> | certificate_list<0..2^24-1> of
 *               { cert_data<1..2^24-1>, extensions<0..2^16-1> }
 */
import { TLS } from '../../../shared/fields/tls.js';
import { HandshakeType } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import { dissectExtensions, HelloExtensions } from './tls-extensions.js';
import { hexOf, vectorLength } from './tls-reader.js';
import { addCertificateTree, subjectSummary } from './x509.js';

const F = TLS.fields;
const extensions = new HelloExtensions();

export function dissectCertificate(ctx: FrameContext, tls13: boolean, start: number, end: number): void {
  let p = start;
  if (tls13) {
    const n = vectorLength(ctx, p, end, 1, F.certTypesCount);
    if (n < 0) return;
    p += 1 + n;
  }
  const length = vectorLength(ctx, p, end, 3, F.certificatesLength);
  if (length < 0) return;
  const stop = p + 3 + length;
  const t = ctx.tree;
  if (t) t.open(t.add(F.certificates, p + 3, stop, null, `Certificates (${length} bytes)`));
  for (let at = p + 3; at < stop && !ctx.stopped;) {
    const n = vectorLength(ctx, at, stop, 3, F.certificateLength);
    if (n < 0) break;
    certificate(ctx, at + 3, at + 3 + n);
    at += 3 + n;
    if (tls13 && at < stop) {
      const before = ctx.stopped;
      dissectExtensions(ctx, at, stop, extensions.reset(HandshakeType.Certificate, false));
      if (ctx.stopped && !before) break;
      at += 2 + (ctx.available(at, stop) >= 2 ? ctx.u16(at) : 0);
    }
  }
  if (t) t.close();
}

function certificate(ctx: FrameContext, start: number, end: number): void {
  const t = ctx.tree;
  if (!t || !ctx.need('tls', start, end - start, end)) return;
  const subject = subjectSummary(ctx.bytes.subarray(start, end));
  const hex = hexOf(ctx, start, end);
  const display = `Certificate: ${hex}${subject === null ? '' : ` (${subject})`}`;
  t.open(t.add(F.certificate, start, end, hex, display));
  addCertificateTree(ctx, start, end);
  t.close();
}
