/**
 * Output lines encoded into a byte buffer as they are made, instead of joined into big strings
 * that the stream encodes later: the Info column's `→` makes every line a two-byte string, and
 * flattening a megabyte rope of them before encoding was the single largest cost in a decode's
 * profile. Encoding short lines one at a time avoids the flattening; the UTF-8 conversion remains.
 */
const SIZE = 1024 * 1024;

export class LineBuffer {
  private buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;

  /** Appends a line; returns a full buffer to write when this one has no room left, else null. */
  push(line: string): Buffer | null {
    let full: Buffer | null = null;
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.used + line.length * 3 > this.buffer.length) full = this.take(Math.max(SIZE, line.length * 3));
    this.used += this.buffer.write(line, this.used);
    return full;
  }

  /** The bytes so far (a fresh buffer takes their place, so the caller may keep them). */
  take(nextSize = SIZE): Buffer {
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(nextSize);
    this.used = 0;
    return full;
  }

  get length(): number {
    return this.used;
  }
}
