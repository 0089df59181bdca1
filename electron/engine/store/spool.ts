/**
 * A lane's spool file: every frame's bytes, written once as pcapng as they arrive, read back by
 * offset when the user selects a frame. The JS heap never holds the frames; and because the spool
 * is pcapng, saving a single lane is a copy of this file.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapngWriter } from '../pcap/pcapng-writer.js';
import type { CaptureInterface, CapturedFrame } from '../pcap/types.js';

export class Spool {
  readonly path: string;
  private readonly directory: string;
  private readonly fd: number;
  private readonly writer: PcapngWriter;
  /** Bytes handed to the file so far; anything past it is still in the writer's buffer. */
  private written = 0;
  private closed = false;

  constructor(label: string) {
    this.directory = mkdtempSync(join(tmpdir(), 'hammerhead-'));
    this.path = join(this.directory, `${label}.pcapng`);
    this.fd = openSync(this.path, 'w+', 0o600);
    this.writer = new PcapngWriter((chunk) => {
      writeSync(this.fd, chunk, 0, chunk.length, this.written);
      this.written += chunk.length;
    });
    this.writer.writeSectionHeader({});
  }

  /** Declares a source interface; returns the spool's interface id for it. */
  addInterface(iface: CaptureInterface): number {
    return this.writer.writeInterface({
      linkType: iface.linkType,
      snapLength: iface.snapLength,
      ...(iface.name !== undefined && { name: iface.name }),
      ...(iface.description !== undefined && { description: iface.description }),
    });
  }

  /** Appends a frame; returns the file offset of its bytes. */
  append(frame: CapturedFrame, spoolInterfaceId: number): number {
    if (frame.block === 'custom') return this.writer.writeCustomBlock(frame.pen ?? 0, frame.data);
    return this.writer.writePacket({
      hasTimestamp: frame.hasTimestamp,
      interfaceId: spoolInterfaceId,
      tsSeconds: frame.tsSeconds,
      tsNanos: frame.tsNanos,
      data: frame.data,
      originalLength: frame.originalLength,
      comments: frame.comments,
      flags: frame.epbFlags,
    });
  }

  read(offset: number, length: number): Uint8Array {
    if (offset + length > this.written) this.flush();
    const bytes = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, bytes, done, length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done === length ? bytes : bytes.subarray(0, done);
  }

  flush(): void {
    this.writer.flush();
  }

  copyTo(path: string): void {
    this.flush();
    copyFileSync(this.path, path);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
