/**
 * Just enough DER (ITU-T X.690 §8.1, §10) to find where the parts of an X.509 certificate are, so that
 * its tree lines carry byte ranges; the values themselves come from Node's X509Certificate (x509.ts).
 *
 *   +--------+----------------------------+---------------------+
 *   | tag    | length (1 byte, or 0x8N    | contents (length)   |
 *   |        |  then N bytes big-endian)  |                     |
 *   +--------+----------------------------+---------------------+
 */

/** One TLV: its tag, where it starts, where its contents start, where it ends. */
export interface Der {
  readonly tag: number;
  readonly start: number;
  readonly content: number;
  readonly end: number;
}

/** The TLV at `p` within `[p, limit)`, or null when its header or length does not fit. */
export function derAt(bytes: Uint8Array, p: number, limit: number): Der | null {
  if (limit - p < 2) return null;
  const tag = bytes[p] ?? 0;
  // Multi-byte tags do not occur in certificates' structure.
  if ((tag & 0x1f) === 0x1f) return null;
  let length = bytes[p + 1] ?? 0;
  let content = p + 2;
  if (length & 0x80) {
    const size = length & 0x7f;
    if (size === 0 || size > 3 || content + size > limit) return null;
    length = 0;
    for (let i = 0; i < size; i++) length = length * 256 + (bytes[content + i] ?? 0);
    content += size;
  }
  const end = content + length;
  return end > limit ? null : { tag, start: p, content, end };
}

/** The TLVs inside a constructed one (stops at the first that does not parse). */
export function derChildren(bytes: Uint8Array, parent: Der): Der[] {
  const out: Der[] = [];
  for (let p = parent.content; p < parent.end;) {
    const child = derAt(bytes, p, parent.end);
    if (!child) break;
    out.push(child);
    p = child.end;
  }
  return out;
}

/** An OBJECT IDENTIFIER's contents in dotted form (X.690 §8.19). */
export function oidText(bytes: Uint8Array, der: Der): string {
  const arcs: number[] = [];
  let value = 0;
  for (let p = der.content; p < der.end; p++) {
    const b = bytes[p] ?? 0;
    value = value * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (arcs.length === 0)
      arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join('.');
}
