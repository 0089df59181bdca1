/**
 * What the capture readers produce and the writer consumes. One shape for classic pcap and pcapng,
 * so that everything downstream (store, dissection, CLI) is format-agnostic.
 */

/** A capture interface: a pcapng IDB, or the single implicit interface of a classic pcap file. */
export interface CaptureInterface {
  /** Index across the whole file (pcapng interface ids restart per section; this does not). */
  readonly id: number;
  /** Section number (0-based) the interface was declared in. */
  readonly section: number;
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  /** Timestamp units per second, e.g. 1_000_000 for microseconds, 1_000_000_000 for nanoseconds. */
  readonly ticksPerSecond: number;
  /** `if_tsoffset`: seconds added to every timestamp of this interface. */
  readonly tsOffsetSeconds: number;
  /** Capture filter recorded in the IDB (`if_filter`), if any. */
  readonly filter?: string;
  readonly os?: string;
  /** Length in bytes of the FCS that ends each frame (pcap LinkType FCS bits, pcapng if_fcslen). */
  readonly fcsLength?: number;
}

/** One captured packet. `data` is only valid during the callback that receives it: copy to keep. */
export interface CapturedFrame {
  /** `CaptureInterface.id`; -1 for custom blocks, which belong to no interface (tshark shows none). */
  readonly interfaceId: number;
  /** False for pcapng Simple Packet Blocks, which carry no timestamp. */
  readonly hasTimestamp: boolean;
  /** Whole seconds since the Unix epoch (may exceed 2^32; always an integer). */
  readonly tsSeconds: number;
  /** Nanoseconds within the second, 0..999_999_999. */
  readonly tsNanos: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  readonly data: Uint8Array;
  readonly comments: readonly string[];
  /** pcapng `epb_flags` (direction, reception type), 0 when absent. */
  readonly epbFlags: number;
  /** The block that carried it: pcapng custom blocks are frames too (tshark counts them). */
  readonly block: 'pcap' | 'epb' | 'spb' | 'opb' | 'pb' | 'custom';
  /** For custom blocks: the Private Enterprise Number. */
  readonly pen?: number;
  /** For custom blocks: 0x00000BAD (may be copied to new files) rather than 0x40000BAD. */
  readonly customCopy?: boolean;
}

/** Interface Statistics Block (pcapng), and the final counters of a live capture. */
export interface InterfaceStatistics {
  readonly interfaceId: number;
  readonly received?: number;
  readonly droppedByInterface?: number;
  readonly droppedByOs?: number;
  readonly filterAccepted?: number;
  readonly delivered?: number;
}

/** Decryption Secrets Block: `secretsType` 0x544c534b ("TLSK") holds an NSS key log. */
export interface DecryptionSecrets {
  readonly secretsType: number;
  readonly data: Uint8Array;
}

export interface NameResolution {
  readonly address: string;
  readonly names: readonly string[];
}

export type CaptureFormat = 'pcap' | 'pcapng';

/** Where and why reading stopped. Frames before `offset` have all been delivered. */
export interface CaptureReadError {
  /** File offset of the record or block that could not be read. */
  readonly offset: number;
  /** e.g. 'pcap record', 'EPB', 'SHB', 'block 0x00000bad', 'file header'. */
  readonly blockType: string;
  /** What was wrong, in words a user can act on. */
  readonly message: string;
  /** `truncated`: the input ended inside a record; `corrupt`: a length or value is impossible. */
  readonly kind: 'truncated' | 'corrupt' | 'not-a-capture' | 'unsupported';
}

export interface CaptureReaderEvents {
  format?(format: CaptureFormat, info: { readonly bigEndian: boolean; readonly version: string }): void;
  interface?(iface: CaptureInterface): void;
  frame(frame: CapturedFrame): void;
  statistics?(stats: InterfaceStatistics): void;
  secrets?(secrets: DecryptionSecrets): void;
  names?(entries: readonly NameResolution[]): void;
  /** Section header comments (pcapng `shb_comment`) and similar file-level notes. */
  comment?(text: string): void;
  /** Called at most once; after it the reader ignores further input. */
  error?(error: CaptureReadError): void;
}

/** Incremental reader: accepts arbitrary chunk boundaries (a file, tcpdump's stdout, an SSH channel). */
export interface CaptureReader {
  feed(chunk: Uint8Array): void;
  /** End of input: reports `truncated` if a record was cut short. */
  end(): void;
  /**
   * Bytes consumed so far (file offset of the next unread byte): the start of the first record not
   * yet delivered whole (bytes of a partial record are buffered, not consumed); after an error, the
   * offset of the damaged record.
   */
  readonly offset: number;
  readonly failed: boolean;
}
