/**
 * One interface's helper output in the CLI: pcap bytes → the incremental reader → the summary
 * dissection → a line per frame (tshark's columns, or JSON), and into the -w file. Frame numbers
 * and the time base are shared across interfaces, as tshark numbers a merged capture.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { emptyFrameInput, fillFrameInput } from '../engine/dissect/frame-input.js';
import { createLaneDissector, type SummaryOut } from '../engine/dissect/index.js';
import { createCaptureReader } from '../engine/pcap/capture-reader.js';
import type { CaptureInterface, CaptureReadError } from '../engine/pcap/types.js';
import type { HelperRun } from '../engine/capture/local-process.js';
import type { KeyLookup } from '../engine/tls-keys/secrets.js';
import type { CaptureFile } from './capture-file.js';
import { formatFrameJson, formatFrameLine, type TimeBase } from './format.js';
import { LineBuffer } from './line-buffer.js';

export interface SharedOutput {
  readonly out: Writable;
  readonly json: boolean;
  readonly file: CaptureFile | null;
  /** TLS keys (--keylog), followed as the browser appends: sessions set up later decrypt. */
  readonly keys: KeyLookup;
  readonly time: TimeBase;
  /** Frames printed so far, all interfaces. */
  number: number;
}

export class CaptureSink {
  frames = 0;
  failure: string | null = null;
  private readonly fileInterfaces: number[] = [];
  private readonly interfaces: CaptureInterface[] = [];

  constructor(
    readonly name: string,
    readonly run: HelperRun,
    private readonly filter: string,
    private readonly shared: SharedOutput,
    /** Interface name in lines and JSON when several are captured. */
    private readonly label: string | null,
  ) {}

  /** Reads the helper's output to its end; `limitBytes` stops the helper once passed. */
  async drain(limitBytes?: number): Promise<void> {
    const lines = new LineBuffer();
    const reader = this.reader(lines);
    try {
      for await (const chunk of this.run.capture.chunks) {
        reader.feed(chunk);
        if (limitBytes !== undefined && this.run.bytes >= limitBytes) void this.run.stop();
        if (lines.length > 0 && !this.shared.out.write(lines.take())) await once(this.shared.out, 'drain');
        if (reader.failed) break;
      }
      reader.end();
    } catch (error) {
      this.failure ??= error instanceof Error ? error.message : String(error);
      void this.run.stop();
    }
    if (lines.length > 0) this.shared.out.write(lines.take());
  }

  /** The helper's final counters into the -w file, once it has ended. */
  writeStatistics(): void {
    const counters = this.run.counters;
    const fileInterface = this.fileInterfaces[0];
    if (counters && fileInterface !== undefined)
      this.shared.file?.statistics(fileInterface, counters.stats, counters.captured);
  }

  private reader(lines: LineBuffer) {
    const dissector = createLaneDissector(undefined, { keys: this.shared.keys });
    const summary: SummaryOut = {
      protocol: '',
      source: '',
      destination: '',
      info: '',
      streamId: -1,
      flags: 0,
    };
    const input = emptyFrameInput();
    const shared = this.shared;
    return createCaptureReader({
      interface: (iface) => {
        this.interfaces[iface.id] = iface;
        const fileId = shared.file?.addInterface(iface, this.name, this.filter);
        if (fileId !== undefined) this.fileInterfaces[iface.id] = fileId;
      },
      error: (error: CaptureReadError) => (this.failure ??= `${error.message} (at byte ${error.offset})`),
      frame: (frame) => {
        const iface = this.interfaces[frame.interfaceId];
        const number = ++shared.number;
        this.frames++;
        fillFrameInput(input, frame, number, iface?.linkType ?? -1);
        dissector.summarize(input, summary);
        const line = shared.json
          ? formatFrameJson(number, frame, summary)
          : formatFrameLine(number, frame, summary, shared.time, iface?.ticksPerSecond ?? 1e6);
        const full = lines.push(this.labelled(line));
        if (full) shared.out.write(full);
        const fileId = this.fileInterfaces[frame.interfaceId];
        if (fileId !== undefined) shared.file?.write(fileId, frame);
      },
    });
  }

  private labelled(line: string): string {
    if (!this.label) return line;
    return this.shared.json
      ? `{"interface":${JSON.stringify(this.label)},${line.slice(1)}`
      : `${this.label} ${line}`;
  }
}
