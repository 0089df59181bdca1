/**
 * Dissection for a lane: the summary pass that fills the packet table's columns (Protocol, Source,
 * Destination, Info, tcp.stream, flags) frame by frame, and the detail path that builds one frame's
 * field tree on selection. Both run the same dissectors; see `lane-dissector.ts`.
 */
import type { FrameDissection } from '../../../shared/dissection.js';
import type { CapturedFrame } from '../pcap/types.js';
import { defaultRegistry } from './dissectors.js';
import { LaneDissectorImpl } from './lane-dissector.js';
import type { Registry } from './registry.js';
import type { TlsSessions } from './tls-session.js';
import type { LayerPolicy, StateKey } from './context.js';
import type { DetailTree } from './tree.js';

export interface FrameInput {
  readonly number: number;
  readonly linkType: number;
  readonly data: Uint8Array;
  readonly capturedLength: number;
  readonly originalLength: number;
  readonly block: CapturedFrame['block'];
  readonly pen?: number;
  /**
   * Custom blocks: whether the block type was 0x00000BAD (may be copied) rather than 0x40000BAD.
   * Info says `will be copied` / `will not be copied`; unknown is taken as not copied.
   */
  readonly customCopy?: boolean;
  /**
   * Capture time in seconds since the epoch (e.g. `tsSeconds + tsNanos / 1e9`), when known. TCP analysis
   * needs it to tell an out-of-order segment or a fast retransmission from a plain retransmission.
   */
  readonly time?: number;
}

export interface SummaryOut {
  protocol: string;
  source: string;
  destination: string;
  info: string;
  /** tcp.stream, -1 if none. */
  streamId: number;
  /** FrameFlag bits. */
  flags: number;
  /** Protocols dissected in the frame, a bit each (the lane sets it from `summarizedProtocols`). */
  protocols?: number;
}

/** A `SummaryOut` to be filled by `summarize` (one per caller, reused frame after frame). */
export function emptySummary(): SummaryOut {
  return { protocol: '', source: '', destination: '', info: '', streamId: -1, flags: 0 };
}

export interface LaneDissector {
  /** Summary pass: called once per frame, in frame order; stateful (TCP stream index…); allocates little. */
  summarize(frame: FrameInput, out: SummaryOut): void;
  /** Detail path, on selection: the full tree with byte ranges. Does not disturb the summary state. */
  details(frame: FrameInput): FrameDissection;
  /**
   * The summary columns of a frame already summarized, recomputed from its bytes and what the summary
   * pass recorded (stream index, TCP analysis, echo pairs), without disturbing that state: a store can
   * keep no Info strings and re-derive the visible rows' on demand.
   */
  replay(frame: FrameInput, out: SummaryOut): void;
  /**
   * The detail path for display filters: `sink` is a tree that keeps only the fields a filter reads
   * (electron/engine/filter/field-sink.ts) and `policy` gives it only to the layers those fields live
   * in; the others run as on replay. Like `details`, reads the summary state only.
   */
  extract(frame: FrameInput, sink: DetailTree, policy: LayerPolicy): void;
  /** What the summary pass recorded under `key` (read-only use: display filters answer from it). */
  recorded<T>(key: StateKey<T>): T;
  /** The bit of a protocol in `SummaryOut.protocols`: 0 when not seen yet; null when it is not a dissector's. */
  protocolBit(protocol: string): number | null;
  /** The protocols the last `summarize` dissected, a bit each (the store keeps them for display filters). */
  readonly summarizedProtocols: number;
  /**
   * The lane's TLS sessions, by tcp.stream and by client random: what decryption needs (issue 8): randoms,
   * suite, version, ALPN, and each side's encrypted records, by frame and offset in that side's stream.
   */
  tlsSessions(): TlsSessions;
  /**
   * The bytes of the `pdu`th PDU that TCP handed up in `frame` (as the summary pass recorded it): where an
   * indexed TLS record is (`TlsRecordRef.pdu` and `.offset`). Null when the frames cannot be read back.
   */
  pduBytes(frame: number, pdu: number): Uint8Array | null;
}

export interface LaneDissectorOptions {
  /**
   * Reads back the captured bytes of an earlier frame (1-based number) of the lane, e.g. from the spool.
   * The detail path uses it to rebuild a PDU reassembled from several segments; without it such a PDU's
   * layers are not shown (the columns still are).
   */
  readonly frameBytes?: (frame: number) => Uint8Array | undefined;
  /** TLS secrets to decrypt with (issue 8); none by default. */
  readonly keys?: KeyLookup;
}

/** A dissector for one lane; `registry` defaults to every built-in protocol. */
export function createLaneDissector(
  registry: Registry = defaultRegistry(),
  options: LaneDissectorOptions = {},
): LaneDissector {
  return new LaneDissectorImpl(registry, options.frameBytes, options.keys);
}

import type { KeyLookup } from '../tls-keys/secrets.js';
export type { Binding, Dissector, TableName } from './registry.js';
export type { TlsRecordRef, TlsSession, TlsSessions, TlsSide } from './tls-session.js';
export { Registry } from './registry.js';
export { defaultRegistry } from './dissectors.js';
