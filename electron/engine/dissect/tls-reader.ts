/**
 * Reading TLS's presentation-language structures (RFC 8446 §3): integers and length-prefixed vectors,
 * with Wireshark's treatment of bad lengths (`ssl_add_vector`): a length prefix that does not fit is a
 * malformed packet (the dissection of the frame ends, Info says `[Malformed Packet]`); a vector longer than
 * its container is a problem noted on its length and cut to what is there.
 */
import type { FieldDef } from '../../../shared/fields/types.js';
import type { FrameContext } from './context.js';

/** An unsigned integer of 1 to 4 bytes at `p` (the caller checked the bytes with `ctx.need`). */
export function uint(ctx: FrameContext, p: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + ctx.u8(p + i);
  return value;
}

/**
 * The length of the vector whose `size`-byte prefix is at `p`, its content within `[p + size, end)`; adds the
 * prefix to the tree as `def`. -1 when the prefix does not fit (the frame's dissection has ended).
 */
export function vectorLength(
  ctx: FrameContext,
  p: number,
  end: number,
  size: number,
  def: FieldDef | null,
): number {
  if (end - p < size) {
    ctx.tree?.text(`No more room for vector of length ${size}`, p, end);
    ctx.exception('malformed', 'tls', p, p + size);
    return -1;
  }
  if (!ctx.need('tls', p, size, end)) return -1;
  const length = uint(ctx, p, size);
  if (def) ctx.tree?.add(def, p, p + size, length);
  const room = end - p - size;
  if (length <= room) return length;
  ctx.problem(
    'malformed',
    'tls',
    `Vector length ${length} is too large, truncating it to ${room}`,
    p,
    p + size,
  );
  return room;
}

/** `length` bytes at `p` as text (Wireshark shows names as UTF-8, bad sequences replaced). */
export function text(ctx: FrameContext, p: number, length: number): string {
  const stop = Math.min(p + length, ctx.capturedEnd);
  return p >= stop ? '' : decoder.decode(ctx.bytes.subarray(p, stop));
}

const decoder = new TextDecoder('utf-8');

/** Hex of bytes for a field value, cut after 36 bytes as Wireshark's tree does. */
export function hexOf(ctx: FrameContext, start: number, end: number): string {
  const stop = Math.min(end, ctx.capturedEnd, start + 36);
  let out = '';
  for (let i = start; i < stop; i++) out += ctx.u8(i).toString(16).padStart(2, '0');
  return end - start > 36 ? `${out}…` : out;
}

/** Wireshark's absolute time form: `Aug 21, 1996 15:42:28.000000000 UTC`. */
export function absoluteTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const month = MONTHS[d.getUTCMonth()] ?? '';
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0'));
  return `${month} ${day}, ${d.getUTCFullYear()} ${time.join(':')}.000000000 UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
