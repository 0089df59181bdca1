/**
 * Reads a lane's spool file front to back in large windows, for passes over every frame (filter
 * extraction). `Spool.read` costs a system call per frame (~2 µs, a third of a frame's dissection);
 * frames were appended in order, so one 4 MiB read serves thousands of them.
 *
 * A returned view is valid until the next call (the window is reused): copy what you keep.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const WINDOW = 4 * 1024 * 1024;

export class SpoolScanner {
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(WINDOW);
  private start = 0;
  private end = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  bytes(offset: number, length: number): Uint8Array {
    if (offset < this.start || offset + length > this.end) this.fill(offset, length);
    const at = offset - this.start;
    return this.buffer.subarray(at, Math.min(at + length, this.end - this.start));
  }

  private fill(offset: number, length: number): void {
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < this.buffer.length) {
      const n = readSync(this.fd, this.buffer, done, this.buffer.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    this.start = offset;
    this.end = offset + done;
  }

  close(): void {
    closeSync(this.fd);
  }
}
