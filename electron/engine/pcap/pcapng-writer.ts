/**
 * pcapng writer (draft-ietf-opsawg-pcapng), little-endian, for the spool file and "Save as". It
 * writes into one reusable buffer (block-buffer.ts) and hands it to the sink at ~1 MiB and on
 * `flush()`:
 *
 *   SHB (shb_userappl "Hammerhead", shb_comment)
 *   IDB per interface (if_name, if_description, if_filter, if_os, if_tsresol = 9: nanoseconds)
 *   EPB … (Interface ID, 64-bit ns timestamp, lengths, data, opt_comment, epb_flags)
 *   DSB (TLS key log), ISB (counters), custom blocks
 *
 * The chunk passed to the sink is only valid during the call (the buffer is reused): write it
 * synchronously (fs.writeSync) or copy it.
 *
 * Timestamps are exact: `tsSeconds * 1e9 + tsNanos` is split into 32-bit halves without rounding.
 * An IDB at nanosecond resolution covers 1970..2554; a packet outside that window is written
 * against a twin IDB (same fields) whose if_tsoffset moves the window, so every timestamp the
 * readers can produce can be written; the twin gets its own interface id in the file.
 *
 * Frames without a timestamp (from a pcapng Simple Packet Block) are written as an SPB when that is
 * faithful (interface 0, captured length = min(original length, snaplen)); otherwise as an EPB with
 * timestamp 0 and an opt_comment that says so, because an EPB cannot say "no timestamp".
 */
import type { EncodedOption } from './block-buffer.js';
import {
  BlockBuffer,
  int64Bytes,
  option,
  optionsSize,
  pad4,
  stringOptions,
  uint64Bytes,
  utf8Bytes,
} from './block-buffer.js';
import { Option } from './pcapng-blocks.js';
import { BlockType, BYTE_ORDER_MAGIC } from './pcapng-framing.js';
import { nanosToTicks } from './timestamp.js';
import type { DecryptionSecrets, InterfaceStatistics } from './types.js';

export interface SectionHeaderOptions {
  readonly comment?: string;
  /** shb_userappl; "Hammerhead" unless given. */
  readonly userApplication?: string;
  readonly os?: string;
  readonly hardware?: string;
}

export interface InterfaceDescription {
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  /** A libpcap filter expression (if_filter, type 0). */
  readonly filter?: string;
  readonly os?: string;
}

export interface PacketToWrite {
  /** The id `writeInterface` returned. */
  readonly interfaceId: number;
  readonly tsSeconds: number;
  readonly tsNanos: number;
  /** False for frames read from a Simple Packet Block; true when absent. */
  readonly hasTimestamp?: boolean;
  readonly data: Uint8Array;
  /** `data.length` when absent. */
  readonly originalLength?: number;
  readonly comments?: readonly string[];
  /** epb_flags; omitted when 0. */
  readonly flags?: number;
}

export const NO_TIMESTAMP_COMMENT =
  'Hammerhead: no timestamp in the source capture (Simple Packet Block); written as 0';

/** Twin IDBs shift their window by a multiple of 2^34 s (~544 years), inside the 64-bit ns range. */
const WINDOW_SECONDS = 2 ** 34;
const NANOSECOND_TSRESOL = 9;
const NO_OPTIONS: readonly EncodedOption[] = [];

interface InterfaceState {
  readonly description: InterfaceDescription;
  /** File interface ids of twins, by their if_tsoffset. */
  readonly twins: Map<number, number>;
}

export class PcapngWriter {
  private readonly out: BlockBuffer;
  /** This section's interfaces by file id (twins leave holes: they take no packets directly). */
  private interfaces: InterfaceState[] = [];
  private fileInterfaceCount = 0;
  private sectionStarted = false;
  private readonly ticks = { high: 0, low: 0 };

  /** `sink` gets a view of a reused buffer: consume it at once (fs.writeSync) or copy it. */
  constructor(sink: (chunk: Uint8Array) => void) {
    this.out = new BlockBuffer(sink);
  }

  /** Bytes written so far, including those still buffered: the offset of the next block. */
  get offset(): number {
    return this.out.offset;
  }

  /** Starts a section; interface ids restart from 0 in it. */
  writeSectionHeader(options: SectionHeaderOptions = {}): void {
    const opts = stringOptions([
      [Option.comment, options.comment],
      [Option.shbHardware, options.hardware],
      [Option.shbOs, options.os],
      [Option.shbUserAppl, options.userApplication ?? 'Hammerhead'],
    ]);
    const out = this.out;
    const at = out.beginWith(BlockType.SHB, 16, opts);
    out.view.setUint32(at + 8, BYTE_ORDER_MAGIC, true);
    out.view.setUint16(at + 12, 1, true);
    out.view.setUint16(at + 14, 0, true);
    // Section Length -1: not known up front, and the file can grow.
    out.view.setInt32(at + 16, -1, true);
    out.view.setInt32(at + 20, -1, true);
    out.finish(at, out.putOptions(at + 24, opts), opts.length > 0);
    this.interfaces = [];
    this.fileInterfaceCount = 0;
    this.sectionStarted = true;
  }

  /** Declares an interface; returns its id, which is its IDB's index in the section. */
  writeInterface(description: InterfaceDescription): number {
    if (!this.sectionStarted) this.writeSectionHeader();
    const id = this.writeIdb(description, 0);
    this.interfaces[id] = { description, twins: new Map() };
    return id;
  }

  /** Appends a packet; returns the absolute offset of its first data byte in the output. */
  writePacket(packet: PacketToWrite): number {
    const iface = this.interfaces[packet.interfaceId];
    if (iface === undefined)
      throw new RangeError(`writePacket: no interface ${packet.interfaceId} in this section`);
    const data = packet.data;
    const original = packet.originalLength ?? data.length;
    if (packet.hasTimestamp === false) return this.writeUntimed(packet, iface, original);
    const fileId = this.timestampFor(packet.interfaceId, iface, packet.tsSeconds, packet.tsNanos);
    const flags = packet.flags ?? 0;
    const comments = packet.comments;
    const opts =
      comments && comments.length > 0 ? stringOptions(comments.map((c) => [Option.comment, c])) : NO_OPTIONS;
    // epb_flags is written in place rather than encoded, to keep flagged packets allocation-free.
    const flagBytes = flags === 0 ? 0 : opts.length > 0 ? 8 : 12;
    const out = this.out;
    const at = out.begin(BlockType.EPB, 20 + pad4(data.length) + optionsSize(opts) + flagBytes);
    const view = out.view;
    view.setUint32(at + 8, fileId, true);
    view.setUint32(at + 12, this.ticks.high, true);
    view.setUint32(at + 16, this.ticks.low, true);
    view.setUint32(at + 20, data.length, true);
    view.setUint32(at + 24, original, true);
    out.putPadded(at + 28, data);
    let pos = out.putOptions(at + 28 + pad4(data.length), opts);
    if (flags !== 0) {
      view.setUint16(pos, Option.epbFlags, true);
      view.setUint16(pos + 2, 4, true);
      view.setUint32(pos + 4, flags, true);
      pos += 8;
    }
    const dataOffset = out.absolute(at + 28);
    out.finish(at, pos, opts.length > 0 || flags !== 0);
    return dataOffset;
  }

  /**
   * A custom block (0x00000BAD when copyable, else 0x40000BAD); returns its data's offset. A custom
   * block does not record its data length, so data is padded to 32 bits and reads back padded.
   */
  writeCustomBlock(pen: number, data: Uint8Array, copyable = false): number {
    if (!this.sectionStarted) this.writeSectionHeader();
    const type = copyable ? BlockType.CustomCopied : BlockType.CustomNotCopied;
    const at = this.out.begin(type, 4 + pad4(data.length));
    this.out.view.setUint32(at + 8, pen, true);
    return this.finishWithData(at, 12, data);
  }

  /** A Decryption Secrets Block, e.g. `{ secretsType: 0x544c534b, data: <NSS key log> }`. */
  writeSecrets(secrets: DecryptionSecrets): void {
    if (!this.sectionStarted) this.writeSectionHeader();
    const at = this.out.begin(BlockType.DSB, 8 + pad4(secrets.data.length));
    this.out.view.setUint32(at + 8, secrets.secretsType, true);
    this.out.view.setUint32(at + 12, secrets.data.length, true);
    this.finishWithData(at, 16, secrets.data);
  }

  /** An Interface Statistics Block; `at` is when the counters were taken (0 when absent). */
  writeStatistics(
    stats: InterfaceStatistics,
    at?: { readonly tsSeconds: number; readonly tsNanos: number },
  ): void {
    if (this.interfaces[stats.interfaceId] === undefined) {
      throw new RangeError(`writeStatistics: no interface ${stats.interfaceId} in this section`);
    }
    if (!at || !nanosToTicks(at.tsSeconds, at.tsNanos, this.ticks)) this.ticks.high = this.ticks.low = 0;
    const counters: [number, number | undefined][] = [
      [Option.isbIfrecv, stats.received],
      [Option.isbIfdrop, stats.droppedByInterface],
      [Option.isbFilteraccept, stats.filterAccepted],
      [Option.isbOsdrop, stats.droppedByOs],
      [Option.isbUsrdeliv, stats.delivered],
    ];
    const opts = counters.flatMap(([code, n]) => (n === undefined ? [] : [option(code, uint64Bytes(n))]));
    const out = this.out;
    const start = out.beginWith(BlockType.ISB, 12, opts);
    out.view.setUint32(start + 8, stats.interfaceId, true);
    out.view.setUint32(start + 12, this.ticks.high, true);
    out.view.setUint32(start + 16, this.ticks.low, true);
    out.finish(start, out.putOptions(start + 20, opts), opts.length > 0);
  }

  /** Hands everything buffered to the sink. */
  flush(): void {
    this.out.flush();
  }

  private writeIdb(description: InterfaceDescription, offsetSeconds: number): number {
    const opts = stringOptions([
      [Option.ifName, description.name],
      [Option.ifDescription, description.description],
      [Option.ifOs, description.os],
    ]);
    // if_filter starts with the filter's kind: 0 is a libpcap expression.
    if (description.filter !== undefined)
      opts.push(option(Option.ifFilter, utf8Bytes(`\0${description.filter}`)));
    opts.push(option(Option.ifTsresol, Uint8Array.of(NANOSECOND_TSRESOL)));
    if (offsetSeconds !== 0) opts.push(option(Option.ifTsoffset, int64Bytes(offsetSeconds)));
    const out = this.out;
    const at = out.beginWith(BlockType.IDB, 8, opts);
    out.view.setUint16(at + 8, description.linkType, true);
    out.view.setUint16(at + 10, 0, true);
    out.view.setUint32(at + 12, description.snapLength, true);
    out.finish(at, out.putOptions(at + 16, opts), true);
    return this.fileInterfaceCount++;
  }

  /** Sets `this.ticks` for the packet; returns the file interface id to write it against. */
  private timestampFor(id: number, iface: InterfaceState, seconds: number, nanos: number): number {
    if (nanosToTicks(seconds, nanos, this.ticks)) return id;
    const window = Math.floor(seconds / WINDOW_SECONDS) * WINDOW_SECONDS;
    let twin = iface.twins.get(window);
    if (twin === undefined) {
      twin = this.writeIdb(iface.description, window);
      iface.twins.set(window, twin);
    }
    nanosToTicks(seconds - window, nanos, this.ticks);
    return twin;
  }

  /** SPB when it says exactly what we have; otherwise an EPB at time 0 that says it has no time. */
  private writeUntimed(packet: PacketToWrite, iface: InterfaceState, original: number): number {
    const data = packet.data;
    const snap = iface.description.snapLength || Infinity;
    const faithful =
      packet.interfaceId === 0 &&
      data.length === Math.min(original, snap) &&
      !packet.comments?.length &&
      !packet.flags;
    if (!faithful) {
      const comments = [...(packet.comments ?? []), NO_TIMESTAMP_COMMENT];
      return this.writePacket({ ...packet, hasTimestamp: true, tsSeconds: 0, tsNanos: 0, comments });
    }
    const at = this.out.begin(BlockType.SPB, 4 + pad4(data.length));
    this.out.view.setUint32(at + 8, original, true);
    return this.finishWithData(at, 12, data);
  }

  /** Puts `data` at `at + offset`, ends the block there, and returns the data's output offset. */
  private finishWithData(at: number, offset: number, data: Uint8Array): number {
    this.out.putPadded(at + offset, data);
    const dataOffset = this.out.absolute(at + offset);
    this.out.finish(at, at + offset + pad4(data.length), false);
    return dataOffset;
  }
}
