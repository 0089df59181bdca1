/**
 * Per-frame dissection state shared by the summary and detail paths: the bytes, the column values,
 * network-layer facts that upper layers need (Wireshark's `packet_info`), bounds checking with
 * Wireshark's semantics, and problems. One context is reused for every frame of a lane, so the
 * summary path allocates nothing here.
 *
 * Bounds follow Wireshark's tvbuff rules, because they decide what the Info column says:
 * - reading past the captured bytes but within the length the packet claims is `truncated`
 *   (Wireshark: BoundsError, Info gets `[Packet size limited during capture]`);
 * - reading past the length a header or the frame claims is `malformed`
 *   (ReportedBoundsError, Info gets `[Malformed Packet]`).
 * Either one ends the frame's dissection, as Wireshark's exception unwinds to the frame.
 */
import type { DissectionProblem } from '../../../shared/dissection.js';
import { FrameFlag } from '../../../shared/dissection.js';
import { ipv4At, ipv6At, macAt } from './addresses.js';
import type { LaneState, StateKey } from './lane-state.js';
import type { Registry, TableName } from './registry.js';
import { StreamInfo } from './stream-info.js';
import type { DetailTree } from './tree.js';

/** What kind of address a column shows; the text is only built once the frame is done. */
export const AddressKind = { None: 0, Ether: 1, IPv4: 2, IPv6: 3, NotApplicable: 4 } as const;
export type AddressKind = (typeof AddressKind)[keyof typeof AddressKind];

export { LaneState, stateKey, type StateKey } from './lane-state.js';

/**
 * Decides, dissector by dissector, whether it runs with the tree or without (then like replay): a
 * display filter that reads only `tcp.*` needs no Ethernet or IP tree lines, which cost most of a
 * frame's detail path. `outer` is the tree the calling dissector had.
 */
export interface LayerPolicy {
  /** The tree the frame starts with (the link layer's caller). */
  initial(ctx: FrameContext): DetailTree | null;
  treeFor(dissector: string, outer: DetailTree | null, ctx: FrameContext): DetailTree | null;
}

/** The reading state of the frame's bytes, kept aside while a reassembled buffer is dissected. */
export interface SavedSource {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly base: number;
  readonly capturedEnd: number;
  readonly reportedEnd: number;
  readonly name: string | null;
}

const EMPTY = new Uint8Array(0);
const TRUNCATED_SUFFIX = '[Packet size limited during capture]';
const MALFORMED_SUFFIX = '[Malformed Packet]';

export class FrameContext {
  bytes: Uint8Array = EMPTY;
  /** The frame's own captured bytes, also while a reassembled buffer is being read. */
  frameData: Uint8Array = EMPTY;
  /**
   * One DataView over the whole buffer the frame lives in (frames usually arrive as views into a reader's
   * chunk), reused while frames come from the same buffer; `base` is the frame's offset in it.
   */
  private view: DataView = new DataView(EMPTY.buffer);
  private base = 0;
  /** Captured bytes: reads at or past this offset are not possible. */
  capturedEnd = 0;
  /** The frame's original (on-the-wire) length. */
  reportedEnd = 0;
  frameNumber = 0;
  /** Capture time in seconds (NaN when unknown): TCP analysis uses it for out-of-order verdicts. */
  time = NaN;
  /** Non-null on the detail path only. */
  tree: DetailTree | null = null;
  /**
   * Display-filter extraction: which dissectors get the tree (see `LayerPolicy`); null everywhere else,
   * where the tree is the same for every layer.
   */
  layerPolicy: LayerPolicy | null = null;
  /** The detail path: stateful dissectors read what the summary pass recorded instead of updating it. */
  detail = false;
  problems: DissectionProblem[] | null = null;

  protocol = '';
  info = '';
  srcKind: AddressKind = AddressKind.None;
  srcOffset = 0;
  dstKind: AddressKind = AddressKind.None;
  dstOffset = 0;
  streamId = -1;
  flags = 0;
  /**
   * The protocols dissected in this frame, one bit each (`Registry.protocolBit`): the store keeps the
   * summary pass's so that display filters skip frames without the protocols they read.
   */
  seen = 0;
  /** Set by an exception: nothing more is dissected in this frame. */
  stopped = false;
  /** While > 0 columns are not written (a packet quoted inside an ICMP error, as Wireshark does). */
  frozen = 0;
  /**
   * The Protocol column keeps what it says for the rest of the frame: a decrypted record that only began a
   * PDU (`[TLS segment of a reassembled PDU]`) leaves it to TLS even when a later record completes one.
   */
  protocolLocked = false;

  /** Network layer of the innermost packet: TCP/UDP/ICMP key conversations on these. */
  netKind: AddressKind = AddressKind.None;
  netSrcOffset = 0;
  netDstOffset = 0;
  /**
   * The buffer the `net*Offset`s index: the frame's bytes, also while a datagram reassembled from fragments
   * is read above it (its headers are not in the reassembled buffer).
   */
  netBytes: Uint8Array = EMPTY;
  /** Where the innermost network-layer datagram ends (Ethernet shows what follows as padding). */
  datagramEnd = -1;
  /** IPv4 TTL or IPv6 hop limit of the innermost IP header (ICMP echo Info shows it). */
  ipTtl = 0;
  /** Set while TCP hands payload to a dissector above it. */
  readonly stream = new StreamInfo();
  /**
   * Info text before this offset is kept when a dissector sets Info (Wireshark's column fence): TCP's
   * analysis flags stay in front of an upper protocol's text, and earlier PDUs of the frame stay too.
   */
  infoFence = 0;
  /** The byte source being read when it is not the frame: a reassembled or decoded buffer's name. */
  sourceName: string | null = null;

  constructor(
    readonly registry: Registry,
    readonly lane: LaneState,
  ) {}

  /** Hands `[offset, end)` to the dissector registered under `key` in `table`; false if none is. */
  next(table: TableName, key: number, offset: number, end: number): boolean {
    return this.registry.next(this, table, key, offset, end);
  }

  /** Hands `[offset, end)` to the dissector with protocol id `id` (a fixed, not table-driven, successor). */
  nextById(id: string, offset: number, end: number): boolean {
    const dissector = this.registry.dissector(id);
    if (dissector === undefined) return false;
    return this.registry.call(this, dissector, offset, end);
  }

  /** Undecoded bytes. */
  data(offset: number, end: number): void {
    this.registry.data(this, offset, end);
  }

  /** `recorded`: read lane state as the summary pass left it (detail and replay) instead of updating it. */
  reset(
    bytes: Uint8Array,
    reportedLength: number,
    frameNumber: number,
    time: number,
    tree: DetailTree | null,
    recorded = tree !== null,
  ): void {
    this.time = time;
    this.bytes = bytes;
    this.frameData = bytes;
    if (this.view.buffer !== bytes.buffer) this.view = new DataView(bytes.buffer);
    this.base = bytes.byteOffset;
    this.capturedEnd = bytes.length;
    this.reportedEnd = Math.max(reportedLength, bytes.length);
    this.frameNumber = frameNumber;
    this.tree = tree;
    this.layerPolicy = null;
    this.detail = recorded;
    this.problems = tree ? [] : null;
    this.protocol = '';
    this.info = '';
    this.srcKind = this.dstKind = this.netKind = AddressKind.None;
    this.netBytes = EMPTY;
    this.streamId = -1;
    this.flags = 0;
    this.seen = 0;
    this.stopped = false;
    this.frozen = 0;
    this.protocolLocked = false;
    this.ipTtl = 0;
    this.datagramEnd = -1;
    this.infoFence = 0;
    this.sourceName = null;
    this.stream.stream = -1;
    this.stream.canDesegment = false;
  }

  /** Reads go to `bytes` (a reassembled buffer of `reportedLength` bytes, `bytes` of them kept) until `leaveSource`. */
  enterSource(bytes: Uint8Array, reportedLength: number, name: string): SavedSource {
    const saved: SavedSource = {
      bytes: this.bytes,
      view: this.view,
      base: this.base,
      capturedEnd: this.capturedEnd,
      reportedEnd: this.reportedEnd,
      name: this.sourceName,
    };
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = 0;
    this.capturedEnd = bytes.length;
    this.reportedEnd = Math.max(reportedLength, bytes.length);
    this.sourceName = name;
    this.tree?.setSource(name, bytes.length);
    return saved;
  }

  leaveSource(saved: SavedSource): void {
    this.bytes = saved.bytes;
    this.view = saved.view;
    this.base = saved.base;
    this.capturedEnd = saved.capturedEnd;
    this.reportedEnd = saved.reportedEnd;
    this.sourceName = saved.name;
    this.tree?.setSource(saved.name, saved.capturedEnd);
  }

  /** Keeps the Info text written so far (Wireshark's `col_set_fence`). */
  fenceInfo(): void {
    this.infoFence = this.info.length;
  }

  /** Bytes readable from `offset` within `end`: what a header may use before it hits an exception. */
  available(offset: number, end: number): number {
    return Math.min(end, this.capturedEnd) - offset;
  }

  /** Reads at frame offsets; callers have checked the range with `need` (or `available`). */
  u8(offset: number): number {
    return this.view.getUint8(this.base + offset);
  }

  u16(offset: number): number {
    return this.view.getUint16(this.base + offset);
  }

  u32(offset: number): number {
    return this.view.getUint32(this.base + offset);
  }

  state<T>(key: StateKey<T>): T {
    return this.lane.get(key);
  }

  setProtocol(name: string): void {
    if (this.frozen === 0 && !this.protocolLocked) this.protocol = name;
  }

  setInfo(text: string): void {
    if (this.frozen !== 0) return;
    this.info = this.infoFence === 0 ? text : this.info.slice(0, this.infoFence) + text;
  }

  appendInfo(text: string): void {
    if (this.frozen === 0) this.info += text;
  }

  /** Wireshark's `col_append_sep_str`: `separator` first unless Info is empty. */
  appendSep(text: string, separator = ', '): void {
    this.appendInfo(this.info.length > 0 ? separator + text : text);
  }

  setSource(kind: AddressKind, offset: number): void {
    if (this.frozen !== 0) return;
    this.srcKind = kind;
    this.srcOffset = offset;
  }

  setDestination(kind: AddressKind, offset: number): void {
    if (this.frozen !== 0) return;
    this.dstKind = kind;
    this.dstOffset = offset;
  }

  /**
   * The one length check before a header is read: true when `[start, start + length)` is captured and
   * within `end` (the length the enclosing header claims). Otherwise records the exception and stops.
   */
  need(layer: string, start: number, length: number, end: number): boolean {
    const stop = start + length;
    if (stop <= end && stop <= this.capturedEnd) return true;
    this.exception(stop > end || stop > this.reportedEnd ? 'malformed' : 'truncated', layer, start, stop);
    return false;
  }

  /** An exception: the frame's dissection ends here and Info says why, as Wireshark's does. */
  exception(kind: DissectionProblem['kind'], layer: string, start: number, stop: number): void {
    if (this.stopped) return;
    this.stopped = true;
    // A quoted packet (inside an ICMP error) is usually cut short on purpose: that is not the frame's problem.
    if (this.frozen > 0) return;
    this.flags |= kind === 'truncated' ? FrameFlag.Truncated : FrameFlag.Malformed;
    this.info += kind === 'truncated' ? TRUNCATED_SUFFIX : MALFORMED_SUFFIX;
    if (this.tree) {
      const name = layer.toUpperCase();
      const title =
        kind === 'truncated'
          ? `[Packet size limited during capture: ${name} truncated]`
          : `[Malformed Packet: ${name}]`;
      this.tree.begin(
        kind === 'truncated' ? '_ws.short' : '_ws.malformed',
        title,
        start,
        Math.min(stop, this.capturedEnd),
      );
      this.problem(
        kind,
        layer,
        kind === 'truncated'
          ? 'the capture ends inside this header'
          : 'a length points past the end of the packet',
        start,
        stop,
      );
    }
  }

  /** A problem that does not stop dissection (Wireshark's expert info of group Malformed). */
  problem(
    kind: DissectionProblem['kind'],
    layer: string,
    message: string,
    start?: number,
    stop?: number,
  ): void {
    if (this.frozen > 0) return;
    this.flags |= kind === 'truncated' ? FrameFlag.Truncated : FrameFlag.Malformed;
    if (!this.problems) return;
    const from = start === undefined ? 0 : Math.min(start, this.capturedEnd);
    const range: readonly [number, number] | undefined =
      start === undefined ? undefined : [from, Math.max(from, Math.min(stop ?? start, this.capturedEnd))];
    const source = this.sourceName === null ? {} : { source: this.sourceName };
    this.problems.push(
      range ? { kind, layer, message, range, ...source } : { kind, layer, message, ...source },
    );
  }

  /** A 32-bit word of the network-layer header (`netBytes`), wherever the reading is now. */
  netU32(offset: number): number {
    const b = this.netBytes;
    return (
      (((b[offset] ?? 0) << 24) |
        ((b[offset + 1] ?? 0) << 16) |
        ((b[offset + 2] ?? 0) << 8) |
        (b[offset + 3] ?? 0)) >>>
      0
    );
  }

  /** Column text of an address in the frame, from the cached formatters. */
  addressText(kind: AddressKind, offset: number, bytes: Uint8Array = this.bytes): string {
    switch (kind) {
      case AddressKind.Ether:
        return macAt(bytes, offset);
      case AddressKind.IPv4:
        return ipv4At(bytes, offset);
      case AddressKind.IPv6:
        return ipv6At(bytes, offset);
      case AddressKind.NotApplicable:
        return 'N/A';
      default:
        return '';
    }
  }
}
