/**
 * The incremental capture reader: bytes in (a file, tcpdump's stdout, an SSH channel, in chunks cut
 * anywhere), events out. It sniffs the magic number, then drives the format's record loop
 * (pcap-reader.ts for tcpdump.org/draft-ietf-opsawg-pcap, pcapng-reader.ts for
 * draft-ietf-opsawg-pcapng) directly over each chunk. Only a record that straddles two chunks is
 * copied, into `pending`, just far enough to complete it:
 *
 *     chunk n                         chunk n+1
 *   ┌────────┬────────┬──────┐      ┌────┬────────┬────────┬──┐
 *   │ rec 1  │ rec 2  │ rec 3…      …3  │ rec 4  │ rec 5  │…
 *   └────────┴────────┴──────┘      └────┴────────┴────────┘
 *    parsed in place    ╰──── pending ────╯ parsed in place
 */
import { PcapParser, pcapMagic } from './pcap-reader.js';
import { PcapngParser } from './pcapng-reader.js';
import type { ParserContext, RecordParser } from './record-parser.js';
import type { CaptureReadError, CaptureReader, CaptureReaderEvents } from './types.js';

const MAGIC_SIZE = 4;
const KEEP_PENDING = 1024 * 1024;

export function createCaptureReader(events: CaptureReaderEvents): CaptureReader {
  return new IncrementalReader(events);
}

class IncrementalReader implements CaptureReader, ParserContext {
  failed = false;
  /** File offset of the first byte not yet delivered as part of a whole record. */
  offset = 0;
  private parser: RecordParser | null = null;
  private pending = new Uint8Array(256);
  private pendingView = new DataView(this.pending.buffer);
  private pendingLength = 0;
  private ended = false;

  constructor(readonly events: CaptureReaderEvents) {}

  fail(error: CaptureReadError): void {
    if (this.failed) return;
    this.failed = true;
    this.offset = error.offset;
    this.events.error?.(error);
  }

  feed(chunk: Uint8Array): void {
    if (this.failed || this.ended || chunk.length === 0) return;
    this.guard(() => this.feedChunk(chunk));
  }

  end(): void {
    if (this.failed || this.ended) return;
    this.ended = true;
    this.guard(() => this.finish());
  }

  /** A consumer's callback that throws leaves the reader in an unknown place: stop reading, rethrow. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  private feedChunk(chunk: Uint8Array): void {
    let pos = 0;
    if (this.pendingLength > 0 || this.parser === null) {
      pos = this.completePending(chunk);
      if (pos < 0 || this.failed) return;
    }
    const parser = this.parser as RecordParser;
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const stop = parser.parse(chunk, view, pos, chunk.length, this.offset - pos);
    if (this.failed) return;
    this.offset += stop - pos;
    if (stop < chunk.length) this.append(chunk, stop, chunk.length - stop);
  }

  /**
   * Moves just enough of `chunk` into `pending` to complete the record that began in an earlier
   * chunk (or the magic number), parses it, and returns where the rest of the chunk starts, or -1
   * when the chunk ran out first.
   */
  private completePending(chunk: Uint8Array): number {
    let pos = 0;
    for (;;) {
      const need = this.parser
        ? this.parser.recordSize(this.pendingView, 0, this.pendingLength, this.offset)
        : MAGIC_SIZE;
      if (need < 0) return -1;
      if (this.pendingLength >= need) {
        if (this.parser) break;
        if (!this.sniff(this.pending)) return -1;
        continue;
      }
      const take = Math.min(need - this.pendingLength, chunk.length - pos);
      this.append(chunk, pos, take);
      pos += take;
      if (this.pendingLength < need) return -1;
    }
    const parser = this.parser as RecordParser;
    const stop = parser.parse(this.pending, this.pendingView, 0, this.pendingLength, this.offset);
    if (this.failed) return -1;
    this.offset += stop;
    this.pendingLength = 0;
    // Do not hold on to the room a rare huge record needed.
    if (this.pending.length > KEEP_PENDING) this.resetPending();
    return pos;
  }

  private resetPending(): void {
    this.pending = new Uint8Array(256);
    this.pendingView = new DataView(this.pending.buffer);
  }

  private append(chunk: Uint8Array, start: number, length: number): void {
    const needed = this.pendingLength + length;
    if (needed > this.pending.length) {
      const grown = new Uint8Array(Math.max(needed, this.pending.length * 2));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
      this.pendingView = new DataView(grown.buffer);
    }
    this.pending.set(chunk.subarray(start, start + length), this.pendingLength);
    this.pendingLength = needed;
  }

  private sniff(bytes: Uint8Array): boolean {
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes;
    const pcap = pcapMagic(b0, b1, b2, b3);
    if (pcap) this.parser = new PcapParser(this, pcap.le, pcap.nano);
    else if (b0 === 0x0a && b1 === 0x0d && b2 === 0x0d && b3 === 0x0a) this.parser = new PcapngParser(this);
    else this.fail(notACapture(bytes.subarray(0, MAGIC_SIZE)));
    return this.parser !== null;
  }

  private finish(): void {
    if (this.parser === null) {
      const head = this.pending.subarray(0, this.pendingLength);
      this.fail(
        head.length === 0
          ? { offset: 0, blockType: 'file header', kind: 'not-a-capture', message: 'the file is empty' }
          : notACapture(head),
      );
    } else if (this.pendingLength > 0) {
      this.parser.truncated(this.pendingView, this.pendingLength, this.offset);
    }
  }
}

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Names what the file looks like when it is recognisably something else. */
function notACapture(head: Uint8Array): CaptureReadError {
  const [b0, b1, b2, b3] = head;
  const at = { offset: 0, blockType: 'file header' } as const;
  if (b0 === 0x1f && b1 === 0x8b) {
    return { ...at, kind: 'unsupported', message: 'the file is gzip-compressed: decompress it first' };
  }
  if (
    (b0 === 0xa1 && b1 === 0xb2 && b2 === 0xcd && b3 === 0x34) ||
    (b0 === 0x34 && b1 === 0xcd && b2 === 0xb2)
  ) {
    return { ...at, kind: 'unsupported', message: 'modified (Kuznetsov) pcap files are not supported' };
  }
  const what =
    head.length < MAGIC_SIZE
      ? `only ${head.length} bytes: ${hexBytes(head)}`
      : `starts with ${hexBytes(head)}`;
  return { ...at, kind: 'not-a-capture', message: `not a pcap or pcapng file (${what})` };
}
