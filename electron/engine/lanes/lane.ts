/**
 * A lane: one capture source, its packet index, its spool file, its dissection state and its views.
 * Frames arrive through `ingest` (from a file loader now; from tcpdump or SSH later) and are
 * stored, spooled and summarised in one pass, in order.
 */
import type {
  CaptureError,
  CaptureStats,
  FrameNumber,
  LaneId,
  LaneInfo,
  LaneRole,
  PacketRow,
  SortSpec,
  Timestamp,
  ViewId,
} from '../../../shared/contract/index.js';
import { linkTypeName } from '../../../shared/link-types.js';
import { emptyFrameInput, fillFrameInput, frameTime } from '../dissect/frame-input.js';
import {
  createLaneDissector,
  defaultRegistry,
  type FrameInput,
  type LaneDissector,
  type SummaryOut,
} from '../dissect/index.js';
import type { CaptureFormat, CaptureInterface, CapturedFrame, CaptureReadError } from '../pcap/types.js';
import type { LayerPolicy, StateKey } from '../dissect/context.js';
import type { DetailTree } from '../dissect/tree.js';
import { FrameStore } from '../store/frame-store.js';
import { Spool } from '../store/spool.js';
import { buildSortedOrder, type View } from '../store/views.js';
import { SpoolWindow } from '../store/spool-window.js';
import type { DecryptionSecrets } from '../pcap/types.js';
import { keyLogOf, NO_KEYS, type KeyLookup } from '../tls-keys/secrets.js';
import type { TlsSessions } from '../dissect/tls-session.js';
import { toHex } from '../dissect/tls-decrypt.js';

export type LaneSource = LaneInfo['source'];

export class Lane {
  readonly store = new FrameStore();
  readonly spool: Spool;
  readonly interfaces: CaptureInterface[] = [];
  format: CaptureFormat | null = null;
  state: LaneInfo['state'] = 'loading';
  error: CaptureError | null = null;
  bytesRead = 0;
  bytesTotal: number | null = null;
  /** A live source's own counters (received, dropped), when it reports them. */
  stats: CaptureStats | null = null;
  private firstTimestamp: Timestamp | null = null;
  private dissector: LaneDissector;
  /** How many times the frames were dissected again (keys arrived for TLS sessions already seen). */
  dissection = 0;
  /** A pcapng Decryption Secrets Block's NSS key log, for the engine's key store. */
  onKeyLog: ((text: string) => void) | null = null;
  private readonly spoolInterfaces: number[] = [];
  private readonly views = new Map<number, View>([[0, { sort: null, order: null }]]);
  private nextView = 1;
  /** pcapng custom blocks are frames too (tshark counts them); rare, so a sparse map. */
  private readonly customBlocks = new Map<number, { pen: number; copy: boolean }>();
  private readonly input = emptyFrameInput();
  // Reused on every frame: the summary pass allocates nothing per frame here.
  private readonly summary: SummaryOut = {
    protocol: '',
    source: '',
    destination: '',
    info: '',
    streamId: -1,
    flags: 0,
    protocols: 0,
  };
  private readonly record = {
    interfaceId: 0,
    hasTimestamp: true,
    tsSeconds: 0,
    tsNanos: 0,
    capturedLength: 0,
    originalLength: 0,
    spoolOffset: 0,
  };

  constructor(
    readonly id: LaneId,
    readonly title: string,
    readonly source: LaneSource,
    readonly role: LaneRole,
    private readonly keys: KeyLookup = NO_KEYS,
  ) {
    this.spool = new Spool(`lane-${id}`);
    this.dissector = this.newDissector();
  }

  // A reassembled PDU's details read its earlier segments back from the spool (no buffers kept).
  private newDissector(): LaneDissector {
    return createLaneDissector(defaultRegistry(), {
      frameBytes: (number) =>
        number >= 1 && number <= this.store.count ? this.bytes(number - 1) : undefined,
      keys: this.keys,
    });
  }

  /** A Decryption Secrets Block met in the capture: an NSS key log goes to the key store. */
  secrets(secrets: DecryptionSecrets): void {
    const keyLog = keyLogOf(secrets);
    if (keyLog !== null) this.onKeyLog?.(keyLog);
  }

  /** The lane's TLS connections as the summary pass left them (for `tls.sessions`). */
  tlsSessions(): TlsSessions {
    return this.dissector.tlsSessions();
  }

  /** Whether keys for these client randoms would change what the lane shows (a session already set up). */
  usesKeys(randoms: ReadonlySet<string>): boolean {
    for (const session of this.dissector.tlsSessions().byStream.values())
      if (session.decryption && session.clientRandom && randoms.has(toHex(session.clientRandom))) return true;
    return false;
  }

  /**
   * Dissects every frame again with a fresh state (the keys known now), rewriting the stored columns:
   * how decryption becomes retroactive. Frames are read back from the spool in large windows.
   */
  redissect(): void {
    const dissector = this.newDissector();
    const window = new SpoolWindow(this.spool);
    const summary = this.summary;
    for (let index = 0; index < this.store.count; index++) {
      const record = this.store.record(index);
      const data = window.read(this.store.spoolOffset(index), record.capturedLength);
      dissector.summarize(this.storedInput(index, data), summary);
      summary.protocols = dissector.summarizedProtocols;
      this.store.rewrite(index, summary);
    }
    this.dissector = dissector;
    this.dissection++;
    for (const view of this.views.values())
      if (view.sort) view.order = buildSortedOrder(this.store, view.sort, (i) => this.deriveInfo(i));
  }

  addInterface(iface: CaptureInterface): void {
    this.interfaces[iface.id] = iface;
    this.spoolInterfaces[iface.id] = this.spool.addInterface(iface);
  }

  ingest(frame: CapturedFrame): void {
    const iface = this.interfaces[frame.interfaceId];
    const record = this.record;
    record.interfaceId = frame.interfaceId;
    record.hasTimestamp = frame.hasTimestamp;
    record.tsSeconds = frame.tsSeconds;
    record.tsNanos = frame.tsNanos;
    record.capturedLength = frame.capturedLength;
    record.originalLength = frame.originalLength;
    record.spoolOffset = this.spool.append(frame, this.spoolInterfaces[frame.interfaceId] ?? 0);
    if (this.firstTimestamp === null && frame.hasTimestamp) {
      this.firstTimestamp = { seconds: frame.tsSeconds, nanos: frame.tsNanos };
    }
    fillFrameInput(this.input, frame, this.store.count + 1, iface?.linkType ?? -1);
    if (frame.block === 'custom')
      this.customBlocks.set(this.store.count, { pen: frame.pen ?? 0, copy: frame.customCopy ?? false });
    this.dissector.summarize(this.input, this.summary);
    this.summary.protocols = this.dissector.summarizedProtocols;
    this.store.append(record, this.summary, frame.comments);
  }

  fail(error: CaptureReadError | CaptureError): void {
    this.error = {
      offset: error.offset,
      blockType: error.blockType,
      kind: error.kind,
      message: error.message,
    };
  }

  createView(sort: SortSpec | null): { view: ViewId; total: number } {
    const id = this.nextView++;
    const infoOf = (index: number) => this.deriveInfo(index);
    this.views.set(id, { sort, order: sort ? buildSortedOrder(this.store, sort, infoOf) : null });
    return { view: id as ViewId, total: this.store.count };
  }

  /** Registers a view built elsewhere (a filtered view: electron/engine/filter). */
  addView(view: View): ViewId {
    const id = this.nextView++;
    this.views.set(id, view);
    return id as ViewId;
  }

  /** Info texts for sorting by the Info column (derived from the spooled bytes). */
  infoOf(index: number): string {
    return this.deriveInfo(index);
  }

  view(id: ViewId): View | undefined {
    return this.views.get(id);
  }

  closeView(id: ViewId): boolean {
    return id !== 0 && this.views.delete(id);
  }

  /** The frame's captured bytes, read back from the spool. */
  bytes(index: number): Uint8Array {
    return this.spool.read(this.store.spoolOffset(index), this.store.capturedLength(index));
  }

  /** The tree, the bytes and the row of one frame, from a single read of the spool. */
  details(number: FrameNumber) {
    const index = number - 1;
    const data = this.bytes(index);
    const input = this.storedInput(index, data);
    this.dissector.replay(input, this.summary);
    return { data, row: this.store.row(index, this.summary.info), dissection: this.dissector.details(input) };
  }

  /** A stored frame (its bytes read by the caller) dissected again into a display filter's sink. */
  extract(index: number, data: Uint8Array, sink: DetailTree, policy: LayerPolicy): void {
    this.dissector.extract(this.storedInput(index, data), sink, policy);
  }

  /** The bit of `protocol` in the store's protocol column (null: no dissector of that name). */
  protocolBit(protocol: string): number | null {
    return this.dissector.protocolBit(protocol);
  }

  /** What the lane's summary pass recorded under `key` (display filters answer TCP fields from it). */
  recorded<T>(key: StateKey<T>): T {
    return this.dissector.recorded(key);
  }

  /** A row of the packet table, its Info re-derived from the spooled bytes. */
  row(index: number): PacketRow {
    return this.store.row(index, this.deriveInfo(index));
  }

  private deriveInfo(index: number): string {
    this.dissector.replay(this.storedInput(index, this.bytes(index)), this.summary);
    return this.summary.info;
  }

  /** What the dissector saw for a stored frame, rebuilt from the index. */
  private storedInput(index: number, data: Uint8Array): FrameInput {
    const record = this.store.record(index);
    const custom = this.customBlocks.get(index);
    return {
      number: index + 1,
      linkType: this.interfaces[record.interfaceId]?.linkType ?? -1,
      data,
      capturedLength: record.capturedLength,
      originalLength: record.originalLength,
      block: custom ? 'custom' : 'epb',
      time: frameTime(record.hasTimestamp, record.tsSeconds, record.tsNanos),
      ...(custom && { pen: custom.pen, customCopy: custom.copy }),
    };
  }

  info(): LaneInfo {
    return {
      lane: this.id,
      title: this.title,
      source: this.source,
      role: this.role,
      format: this.format,
      interfaces: this.interfaces.filter(Boolean).map((iface) => ({
        id: iface.id,
        linkType: iface.linkType,
        linkTypeName: linkTypeName(iface.linkType),
        snapLength: iface.snapLength,
        timeDecimals: iface.ticksPerSecond >= 1e9 ? 9 : 6,
        ...(iface.name !== undefined && { name: iface.name }),
        ...(iface.description !== undefined && { description: iface.description }),
      })),
      frames: this.store.count,
      bytesRead: this.bytesRead,
      bytesTotal: this.bytesTotal,
      firstTimestamp: this.firstTimestamp,
      state: this.state,
      stats: this.stats,
      error: this.error,
      dissection: this.dissection,
    };
  }

  close(): void {
    this.spool.close();
  }
}
