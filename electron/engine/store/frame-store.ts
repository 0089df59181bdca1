/**
 * The per-lane packet index: summary columns in chunked typed arrays, one slot per frame. Frame
 * bytes are not here; they live in the lane's spool file and are read back by offset on demand.
 * Info is not here either: it is mostly unique per frame (`Seq=… Ack=…`), so it would cost more
 * than every other column together; the lane re-derives it for the rows on screen from the
 * frame's bytes and what the summary pass recorded (as Wireshark's later passes do).
 * Memory per frame is the sum of the column widths: 52 bytes (the last 4: which protocols a frame has,
 * for display filters).
 */
import type { PacketRow } from '../../../shared/contract/index.js';
import { ChunkedColumn } from './chunked-column.js';
import { StringTable } from './string-table.js';

/** What the summary dissection pass produces for one frame. */
export interface FrameSummary {
  readonly protocol: string;
  readonly source: string;
  readonly destination: string;
  readonly streamId: number;
  readonly flags: number;
  /** Protocols dissected in the frame, a bit each (the dissector's `protocolBit`). */
  readonly protocols?: number;
}

export interface FrameRecord {
  readonly interfaceId: number;
  readonly hasTimestamp: boolean;
  readonly tsSeconds: number;
  readonly tsNanos: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  /** Where the frame's bytes start in the spool file. */
  readonly spoolOffset: number;
}

/** Marks "no timestamp" in the nanoseconds column (valid values stop at 999,999,999). */
const NO_TIMESTAMP = 0xffffffff;

export class FrameStore {
  private length = 0;
  private readonly secondsColumn = new ChunkedColumn(Float64Array);
  private readonly nanosColumn = new ChunkedColumn(Uint32Array);
  private readonly captured = new ChunkedColumn(Uint32Array);
  private readonly original = new ChunkedColumn(Uint32Array);
  private readonly spoolOffsets = new ChunkedColumn(Float64Array);
  private readonly interfaces = new ChunkedColumn(Uint16Array);
  private readonly protocols = new ChunkedColumn(Uint16Array);
  private readonly sources = new ChunkedColumn(Uint32Array);
  private readonly destinations = new ChunkedColumn(Uint32Array);
  private readonly streams = new ChunkedColumn(Int32Array);
  private readonly flagBits = new ChunkedColumn(Uint32Array);
  private readonly presence = new ChunkedColumn(Uint32Array);
  private readonly addresses = new StringTable();
  private readonly protocolNames = new StringTable();
  /** Comments are rare: a sparse map, not a column. */
  private readonly comments = new Map<number, readonly string[]>();

  get count(): number {
    return this.length;
  }

  /** Appends a frame and returns its index (frame number - 1). */
  append(frame: FrameRecord, summary: FrameSummary, comments: readonly string[] = []): number {
    const i = this.length;
    this.secondsColumn.set(i, frame.hasTimestamp ? frame.tsSeconds : 0);
    this.nanosColumn.set(i, frame.hasTimestamp ? frame.tsNanos : NO_TIMESTAMP);
    this.captured.set(i, frame.capturedLength);
    this.original.set(i, frame.originalLength);
    this.spoolOffsets.set(i, frame.spoolOffset);
    this.interfaces.set(i, frame.interfaceId);
    this.protocols.set(i, this.protocolNames.intern(summary.protocol));
    this.sources.set(i, this.addresses.intern(summary.source));
    this.destinations.set(i, this.addresses.intern(summary.destination));
    this.streams.set(i, summary.streamId);
    this.flagBits.set(i, summary.flags);
    this.presence.set(i, summary.protocols ?? 0);
    if (comments.length > 0) this.comments.set(i, comments);
    this.length = i + 1;
    return i;
  }

  /** Replaces the columns dissection gives (the lane was dissected again with new keys). */
  rewrite(index: number, summary: FrameSummary): void {
    this.protocols.set(index, this.protocolNames.intern(summary.protocol));
    this.sources.set(index, this.addresses.intern(summary.source));
    this.destinations.set(index, this.addresses.intern(summary.destination));
    this.streams.set(index, summary.streamId);
    this.flagBits.set(index, summary.flags);
    this.presence.set(index, summary.protocols ?? 0);
  }

  /** The row of frame `index`; its Info text comes from the caller (see the header comment). */
  row(index: number, info: string): PacketRow {
    const nanos = this.nanosColumn.get(index);
    return {
      number: (index + 1) as PacketRow['number'],
      time: nanos === NO_TIMESTAMP ? null : { seconds: this.secondsColumn.get(index), nanos },
      source: this.source(index),
      destination: this.destination(index),
      protocol: this.protocol(index),
      length: this.original.get(index),
      capturedLength: this.captured.get(index),
      info,
      stream: this.streams.get(index),
      flags: this.flagBits.get(index),
      interfaceId: this.interfaces.get(index),
    };
  }

  hasTimestamp(index: number): boolean {
    return this.nanosColumn.get(index) !== NO_TIMESTAMP;
  }

  source(index: number): string {
    return this.addresses.get(this.sources.get(index));
  }
  destination(index: number): string {
    return this.addresses.get(this.destinations.get(index));
  }
  protocol(index: number): string {
    return this.protocolNames.get(this.protocols.get(index));
  }
  /** Raw time columns for sorting: seconds is 0 for frames without a timestamp. */
  seconds(index: number): number {
    return this.secondsColumn.get(index);
  }
  nanos(index: number): number {
    return this.nanosColumn.get(index);
  }
  originalLength(index: number): number {
    return this.original.get(index);
  }
  capturedLength(index: number): number {
    return this.captured.get(index);
  }
  spoolOffset(index: number): number {
    return this.spoolOffsets.get(index);
  }
  interfaceId(index: number): number {
    return this.interfaces.get(index);
  }
  /** tcp.stream, or -1 (display filters read it without dissecting). */
  stream(index: number): number {
    return this.streams.get(index);
  }
  /** FrameFlag bits. */
  flags(index: number): number {
    return this.flagBits.get(index);
  }
  /** The protocols dissected in the frame (display filters skip frames without theirs). */
  protocolBits(index: number): number {
    return this.presence.get(index);
  }
  frameComments(index: number): readonly string[] {
    return this.comments.get(index) ?? [];
  }
  record(index: number): FrameRecord {
    const nanos = this.nanosColumn.get(index);
    return {
      interfaceId: this.interfaces.get(index),
      hasTimestamp: nanos !== NO_TIMESTAMP,
      tsSeconds: this.secondsColumn.get(index),
      tsNanos: nanos === NO_TIMESTAMP ? 0 : nanos,
      capturedLength: this.captured.get(index),
      originalLength: this.original.get(index),
      spoolOffset: this.spoolOffsets.get(index),
    };
  }

  /** Bytes of engine memory this index holds (the figure the benchmark divides by frames). */
  get byteLength(): number {
    const columns = [
      this.secondsColumn,
      this.nanosColumn,
      this.captured,
      this.original,
      this.spoolOffsets,
      this.interfaces,
      this.protocols,
      this.sources,
      this.destinations,
      this.streams,
      this.flagBits,
      this.presence,
    ];
    let total = this.addresses.byteLength + this.protocolNames.byteLength;
    for (const column of columns) total += column.byteLength;
    return total;
  }
}
