/**
 * Signed Certificate Timestamps (RFC 6962 §3.2-3.3) embedded in a certificate's extension
 * 1.3.6.1.4.1.11129.2.4.2: TLS-encoded, so Wireshark's TLS dissector reads them (and appears again in
 * `frame.protocols`). Best effort, detail path only: a cut list ends the lines, nothing is thrown.
 *
 *   SignedCertificateTimestampList: sct_list<1..2^16-1> of SerializedSCT<1..2^16-1>
 *   SCT: version(1) | log_id(32) | timestamp(8, ms) | extensions<0..2^16-1> | hash(1) sig(1) | signature<0..2^16-1>
 */
import { TLS } from '../../../shared/fields/tls.js';
import type { FrameContext } from './context.js';
import { signatureScheme } from './tls-extension-data.js';
import { hexOf, uint } from './tls-reader.js';

const F = TLS.fields;

/** `Oct 30, 2018 19:52:03.596000000 UTC` from milliseconds since the epoch. */
function timestampText(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = d.toISOString().slice(11, 19);
  return `${month} ${day}, ${d.getUTCFullYear()} ${time}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000000 UTC`;
}

function sct(ctx: FrameContext, p: number, end: number): void {
  const t = ctx.tree;
  if (!t || ctx.available(p, end) < end - p || end - p < 47) return;
  t.add(F.sctVersion, p, p + 1, ctx.u8(p));
  t.add(F.sctLogId, p + 1, p + 33, hexOf(ctx, p + 1, p + 33));
  const ms = uint(ctx, p + 33, 4) * 2 ** 32 + uint(ctx, p + 37, 4);
  t.add(F.sctTimestamp, p + 33, p + 41, timestampText(ms));
  const extensions = ctx.u16(p + 41);
  t.add(F.sctExtensionsLength, p + 41, p + 43, extensions);
  const at = p + 43 + extensions;
  if (at + 4 > end) return;
  signatureScheme(ctx, at);
  const length = ctx.u16(at + 2);
  t.add(F.sctSignatureLength, at + 2, at + 4, length);
  t.add(
    F.sctSignature,
    at + 4,
    Math.min(at + 4 + length, end),
    hexOf(ctx, at + 4, Math.min(at + 4 + length, end)),
  );
}

/** The TLS-encoded list in `[start, end)` of the current source. */
export function dissectSctList(ctx: FrameContext, start: number, end: number): void {
  const t = ctx.tree;
  if (!t || end - start < 2 || ctx.available(start, end) < 2) return;
  const length = ctx.u16(start);
  t.add(F.sctsLength, start, start + 2, length);
  const stop = Math.min(start + 2 + length, end);
  for (let p = start + 2; p + 2 <= stop;) {
    const n = ctx.u16(p);
    t.add(F.sctLength, p, p + 2, n);
    sct(ctx, p + 2, Math.min(p + 2 + n, stop));
    p += 2 + n;
  }
}
