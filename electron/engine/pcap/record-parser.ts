/**
 * The contract between the incremental reader (capture-reader.ts), which owns chunk boundaries,
 * and a format's record loop (pcap-reader.ts, pcapng-reader.ts), which owns the bytes' meaning.
 * A parser only ever sees whole records: the reader hands it either the current chunk or, for a
 * record that straddles chunks, a buffer in which that one record has been stitched together.
 */
import type { CaptureReadError, CaptureReaderEvents } from './types.js';

export interface RecordParser {
  /**
   * Size in bytes of the record starting at `pos`, as far as `end` lets it be known: the header size
   * while the header is incomplete, then the full record size. -1 once it has reported an error.
   */
  recordSize(view: DataView, pos: number, end: number, base: number): number;
  /**
   * Delivers every whole record in [pos, end) and returns where the first incomplete one starts (or
   * where reading failed). `base` is the file offset of `bytes[0]`.
   */
  parse(bytes: Uint8Array, view: DataView, pos: number, end: number, base: number): number;
  /** End of input with `have` bytes of an unfinished record at `bytes[0]` (file offset `base`). */
  truncated(view: DataView, have: number, base: number): void;
}

/** What a parser needs from the reader: the consumer's callbacks and a way to stop. */
export interface ParserContext {
  readonly events: CaptureReaderEvents;
  fail(error: CaptureReadError): void;
}

/** Shared by every frame without comments, so that the common case allocates no array. */
export const NO_COMMENTS: readonly string[] = Object.freeze([]);

/** The largest packet any libpcap or Wireshark link type allows (Wireshark's 256 MiB for D-Bus, USB). */
export const MAX_CAPTURED_LENGTH = 256 * 1024 * 1024;

/** "an EPB", "a pcap record", "a DSB": the article a block name takes when read aloud. */
export function withArticle(name: string): string {
  return /^[AEFHILMNORSX]/.test(name) ? `an ${name}` : `a ${name}`;
}

export function truncatedError(
  offset: number,
  blockType: string,
  have: number,
  total: number,
): CaptureReadError {
  return {
    offset,
    blockType,
    kind: 'truncated',
    message: `the file ends inside ${withArticle(blockType)}: ${have} of ${total} bytes`,
  };
}

export function corruptError(offset: number, blockType: string, message: string): CaptureReadError {
  return { offset, blockType, kind: 'corrupt', message };
}

const utf8 = new TextDecoder('utf-8');

/** A string option. Like Wireshark, stop at the first NUL: some writers pad strings with them. */
export function decodeString(bytes: Uint8Array, start: number, end: number): string {
  const nul = bytes.subarray(start, end).indexOf(0);
  return utf8.decode(bytes.subarray(start, nul < 0 ? end : start + nul));
}
