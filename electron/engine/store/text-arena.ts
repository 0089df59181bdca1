/**
 * Info strings are mostly unique per frame (`Seq=… Ack=…`), so interning does not help them; they
 * are kept as UTF-8 in large shared buffers, addressed by a 32-bit offset and a 16-bit length per
 * frame. That is ~70 bytes a frame instead of a JS string's header, UTF-16 body and array slot.
 */
const SEGMENT_BITS = 24;
const SEGMENT_SIZE = 1 << SEGMENT_BITS;
/** Longer texts are cut; an Info column this long is never read in full. */
export const MAX_TEXT_BYTES = 0xffff;

export interface TextRef {
  offset: number;
  length: number;
}

export class TextArena {
  private readonly segments: Uint8Array[] = [];
  /** Bytes used in the last segment; segments start small so that a short lane costs little. */
  private position = 0;
  private capacity = 0;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  /** Appends `text` and returns where it lives; `offset` fits in 32 bits up to 256 segments (4 GiB). */
  append(text: string, out: TextRef): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const worst = Math.min(text.length * 3, MAX_TEXT_BYTES);
    if (this.position + worst > this.capacity) {
      // Each segment owns a SEGMENT_SIZE slot of the offset space, whatever its real size.
      this.capacity = Math.min(SEGMENT_SIZE, 0x10000 * 2 ** this.segments.length);
      this.segments.push(new Uint8Array(this.capacity));
      this.position = 0;
    }
    const segment = this.segments[this.segments.length - 1] as Uint8Array;
    const room = segment.subarray(this.position, this.position + worst);
    const { written } = this.encoder.encodeInto(text, room);
    out.offset = (this.segments.length - 1) * SEGMENT_SIZE + this.position;
    out.length = written;
    this.position += written;
  }

  get(offset: number, length: number): string {
    const segment = this.segments[Math.floor(offset / SEGMENT_SIZE)];
    if (!segment) return '';
    const start = offset % SEGMENT_SIZE;
    return this.decoder.decode(segment.subarray(start, start + length));
  }

  get byteLength(): number {
    let total = 0;
    for (const segment of this.segments) total += segment.byteLength;
    return total;
  }
}
