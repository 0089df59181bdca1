/**
 * Reads frames back from a spool in order, a large window at a time: dissecting a lane again (keys arrived)
 * reads every frame, and one read per frame would cost a system call each.
 */
import type { Spool } from './spool.js';

const WINDOW = 4 << 20;

export class SpoolWindow {
  private bytes: Uint8Array = new Uint8Array(0);
  private start = 0;

  constructor(private readonly spool: Spool) {}

  /** `length` bytes at `offset`: a view into the window (valid until the next read), or a read of their own. */
  read(offset: number, length: number): Uint8Array {
    if (offset >= this.start && offset + length <= this.start + this.bytes.length)
      return this.bytes.subarray(offset - this.start, offset - this.start + length);
    if (length > WINDOW) return this.spool.read(offset, length);
    this.start = offset;
    this.bytes = this.spool.read(offset, WINDOW);
    return this.bytes.subarray(0, Math.min(length, this.bytes.length));
  }
}
