/**
 * The dissection and formatting of one share of a parallel `decode` (decode-parallel.ts): a lane
 * dissector and the lines it prints, as UTF-8 with where each ends. A worker thread runs one on the
 * batches it is sent (decode-worker.ts); the main thread runs one itself on its own share, frame by frame.
 */
import { emptyFrameInput, fillFrameInput } from '../engine/dissect/frame-input.js';
import {
  createLaneDissector,
  emptySummary,
  type LaneDissector,
  type SummaryOut,
} from '../engine/dissect/index.js';
import type { CapturedFrame } from '../engine/pcap/types.js';
import type { KeyLookup } from '../engine/tls-keys/secrets.js';
import { BLOCKS, Field, FRAME_FIELDS, type FramesMessage, type LinesMessage } from './decode-messages.js';
import { formatFrameJson, formatFrameLine, type TimeBase } from './format.js';

type MutableFrame = { -readonly [K in keyof CapturedFrame]: CapturedFrame[K] };

export class LineDecoder {
  private readonly dissector: LaneDissector;
  private readonly interfaces: { linkType: number; ticksPerSecond: number }[] = [];
  private readonly summary: SummaryOut = emptySummary();
  private readonly input = emptyFrameInput();
  readonly time: TimeBase = { first: null };
  private numbers: number[] = [];
  private ends: number[] = [];
  private out = new Output();
  /** One frame object, refilled from a batch's fields for every frame. */
  private readonly frame: MutableFrame = {
    interfaceId: 0,
    hasTimestamp: true,
    tsSeconds: 0,
    tsNanos: 0,
    capturedLength: 0,
    originalLength: 0,
    data: new Uint8Array(0),
    comments: [],
    epbFlags: 0,
    block: 'pcap',
    pen: undefined,
    customCopy: undefined,
  };

  constructor(
    keys: KeyLookup,
    private readonly json: boolean,
  ) {
    this.dissector = createLaneDissector(undefined, { keys });
  }

  addInterface(id: number, linkType: number, ticksPerSecond: number): void {
    this.interfaces[id] = { linkType, ticksPerSecond };
  }

  /** Dissects and formats one frame; its line waits in this decoder until `take`. */
  decode(number: number, frame: CapturedFrame): void {
    const iface = this.interfaces[frame.interfaceId];
    fillFrameInput(this.input, frame, number, iface?.linkType ?? -1);
    this.dissector.summarize(this.input, this.summary);
    this.out.write(
      this.json
        ? formatFrameJson(number, frame, this.summary)
        : formatFrameLine(number, frame, this.summary, this.time, iface?.ticksPerSecond ?? 1e6),
    );
    this.numbers.push(number);
    this.ends.push(this.out.used);
  }

  /** Every frame of a batch sent to a worker. */
  decodeBatch(message: FramesMessage): void {
    if (message.first) this.time.first ??= message.first;
    const { count, fields, bytes } = message;
    const frame = this.frame;
    for (let i = 0; i < count; i++) {
      const f = i * FRAME_FIELDS;
      const offset = fields[f + Field.offset] ?? 0;
      frame.interfaceId = fields[f + Field.interfaceId] ?? 0;
      frame.hasTimestamp = fields[f + Field.hasTimestamp] === 1;
      frame.tsSeconds = fields[f + Field.seconds] ?? 0;
      frame.tsNanos = fields[f + Field.nanos] ?? 0;
      frame.capturedLength = fields[f + Field.captured] ?? 0;
      frame.originalLength = fields[f + Field.original] ?? 0;
      frame.data = bytes.subarray(offset, offset + frame.capturedLength);
      frame.block = BLOCKS[fields[f + Field.block] ?? 0] ?? 'pcap';
      const custom = frame.block === 'custom';
      frame.pen = custom ? fields[f + Field.pen] : undefined;
      frame.customCopy = custom ? fields[f + Field.customCopy] === 1 : undefined;
      this.decode(fields[f + Field.number] ?? 0, frame);
    }
  }

  /** The lines so far (null when there are none), handed over with their buffer. */
  take(): LinesMessage | null {
    if (this.numbers.length === 0) return null;
    const lines: LinesMessage = {
      kind: 'lines',
      numbers: Int32Array.from(this.numbers),
      ends: Int32Array.from(this.ends),
      bytes: this.out.bytes(),
    };
    this.numbers = [];
    this.ends = [];
    this.out = new Output();
    return lines;
  }
}

/** Lines as UTF-8 in one buffer of their own (it is transferred, so never a pooled one). */
class Output {
  private buffer = Buffer.allocUnsafeSlow(256 * 1024);
  used = 0;

  write(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.used + line.length * 3 > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.used + line.length * 3));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(line, this.used);
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }
}
