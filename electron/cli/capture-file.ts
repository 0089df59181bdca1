/**
 * `capture -w OUT.pcapng`: every frame of every interface into one pcapng as it arrives, one
 * interface block per captured interface, the helpers' final counters as statistics blocks. It is
 * written beside the target and renamed at the end, so a failed capture never leaves half a file
 * under the name asked for (the partial file stays, and the message names it).
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { CaptureStats } from '../../shared/contract/index.js';
import { PcapngWriter } from '../engine/pcap/pcapng-writer.js';
import type { CaptureInterface, CapturedFrame } from '../engine/pcap/types.js';

export class CaptureFile {
  readonly partial: string;
  private readonly fd: number;
  private readonly writer: PcapngWriter;
  private position = 0;

  constructor(readonly path: string) {
    this.partial = `${path}.partial`;
    this.fd = openSync(this.partial, 'w', 0o644);
    this.writer = new PcapngWriter((chunk) => {
      writeSync(this.fd, chunk, 0, chunk.length, this.position);
      this.position += chunk.length;
    });
    this.writer.writeSectionHeader({ comment: 'Hammerhead live capture' });
  }

  addInterface(iface: CaptureInterface, name: string, filter: string): number {
    return this.writer.writeInterface({
      linkType: iface.linkType,
      snapLength: iface.snapLength,
      name,
      ...(filter && { filter }),
    });
  }

  write(fileInterface: number, frame: CapturedFrame): void {
    this.writer.writePacket({
      interfaceId: fileInterface,
      tsSeconds: frame.tsSeconds,
      tsNanos: frame.tsNanos,
      hasTimestamp: frame.hasTimestamp,
      data: frame.data,
      originalLength: frame.originalLength,
      comments: frame.comments,
      flags: frame.epbFlags,
    });
  }

  statistics(fileInterface: number, stats: CaptureStats, captured: number): void {
    const now = Date.now();
    this.writer.writeStatistics(
      {
        interfaceId: fileInterface,
        received: stats.received,
        droppedByOs: stats.droppedByKernel,
        ...(stats.droppedByInterface !== null && { droppedByInterface: stats.droppedByInterface }),
        delivered: captured,
      },
      { tsSeconds: Math.floor(now / 1000), tsNanos: (now % 1000) * 1e6 },
    );
  }

  /** Flushes, closes and renames into place; throws (ENOSPC…) with the partial file left. */
  finish(): void {
    try {
      this.writer.flush();
    } finally {
      closeSync(this.fd);
    }
    renameSync(this.partial, this.path);
  }
}
