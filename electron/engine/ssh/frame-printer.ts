/**
 * The CLI's view of a live capture: each frame through the incremental reader and the summary
 * dissection, printed in `hammerhead decode`'s line format (electron/cli/format.ts), and with `-w`
 * written to pcapng as it arrives (an interface block per capture interface, then the counters as
 * an Interface Statistics Block at the end). Memory stays flat, however long the capture runs.
 */
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { formatFrameLine, type TimeBase } from '../../cli/format.js';
import { LineBuffer } from '../../cli/line-buffer.js';
import { emptyFrameInput, fillFrameInput } from '../dissect/frame-input.js';
import { createLaneDissector, type SummaryOut } from '../dissect/index.js';
import { createCaptureReader } from '../pcap/capture-reader.js';
import { PcapngWriter } from '../pcap/pcapng-writer.js';
import type { CaptureInterface, CaptureReader, CapturedFrame } from '../pcap/types.js';
import type { TcpdumpCounters } from './tcpdump-counters.js';

export class FramePrinter {
  frames = 0;
  private readonly interfaces: CaptureInterface[] = [];
  private readonly fileIds: number[] = [];
  private readonly dissector = createLaneDissector();
  private readonly summary: SummaryOut = {
    protocol: '',
    source: '',
    destination: '',
    info: '',
    streamId: -1,
    flags: 0,
  };
  private readonly time: TimeBase = { first: null };
  private readonly input = emptyFrameInput();
  private readonly lines = new LineBuffer();
  private readonly reader: CaptureReader;
  private readonly writer: PcapngWriter | null;
  private position = 0;

  constructor(
    private readonly out: Writable,
    fd: number | null,
    private readonly about: { readonly label: string; readonly filter: string },
  ) {
    this.writer =
      fd === null
        ? null
        : new PcapngWriter((chunk) => {
            writeSync(fd, chunk, 0, chunk.length, this.position);
            this.position += chunk.length;
          });
    this.writer?.writeSectionHeader({ comment: `Hammerhead: captured over SSH on ${about.label}` });
    this.reader = createCaptureReader({
      interface: (iface) => this.addInterface(iface),
      frame: (frame) => this.frame(frame),
    });
  }

  async feed(chunk: Uint8Array): Promise<void> {
    this.reader.feed(chunk);
    if (this.lines.length > 0 && !this.out.write(this.lines.take())) await once(this.out, 'drain');
  }

  async end(counters: TcpdumpCounters | null): Promise<void> {
    if (this.lines.length > 0 && !this.out.write(this.lines.take())) await once(this.out, 'drain');
    const writer = this.writer;
    if (!writer) return;
    if (counters && this.fileIds[0] !== undefined) {
      const now = Date.now();
      writer.writeStatistics(
        {
          interfaceId: this.fileIds[0],
          received: counters.received,
          droppedByOs: counters.droppedByKernel,
          delivered: counters.captured,
          ...(counters.droppedByInterface !== null && { droppedByInterface: counters.droppedByInterface }),
        },
        { tsSeconds: Math.floor(now / 1000), tsNanos: (now % 1000) * 1e6 },
      );
    }
    writer.flush();
  }

  private addInterface(iface: CaptureInterface): void {
    this.interfaces[iface.id] = iface;
    const id = this.writer?.writeInterface({
      linkType: iface.linkType,
      snapLength: iface.snapLength,
      name: this.about.label,
      ...(this.about.filter && { filter: this.about.filter }),
    });
    if (id !== undefined) this.fileIds[iface.id] = id;
  }

  private frame(frame: CapturedFrame): void {
    const iface = this.interfaces[frame.interfaceId];
    this.frames++;
    fillFrameInput(this.input, frame, this.frames, iface?.linkType ?? -1);
    this.dissector.summarize(this.input, this.summary);
    const full = this.lines.push(
      formatFrameLine(this.frames, frame, this.summary, this.time, iface?.ticksPerSecond ?? 1e6),
    );
    if (full) this.out.write(full);
    this.writer?.writePacket({
      interfaceId: this.fileIds[frame.interfaceId] ?? 0,
      tsSeconds: frame.tsSeconds,
      tsNanos: frame.tsNanos,
      data: frame.data,
      originalLength: frame.originalLength,
    });
  }
}
