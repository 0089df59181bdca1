/**
 * Classic pcap ("libpcap") files: tcpdump.org/manpages/pcap-savefile.5.html and
 * draft-ietf-opsawg-pcap. A 24-byte file header, then records of a 16-byte header plus data:
 *
 *                          1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   0 |        Magic Number (a1b2c3d4 µs, a1b23c4d ns; either order)  |
 *   4 |         Major Version         |         Minor Version         |
 *   8 |                    Reserved1 (thiszone)                       |
 *  12 |                    Reserved2 (sigfigs)                        |
 *  16 |                            SnapLen                            |
 *  20 | FCS len |R|P|    Reserved3    |          LinkType             |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   record:  0 Timestamp (seconds) | 4 Timestamp (µs or ns) | 8 Captured Packet Length
 *           12 Original Packet Length | 16 Packet Data (Captured Packet Length bytes)
 *
 * The byte order of every field is the one the magic number was written in.
 */
import type { ParserContext, RecordParser } from './record-parser.js';
import { corruptError, MAX_CAPTURED_LENGTH, NO_COMMENTS, truncatedError } from './record-parser.js';
import type { CaptureInterface } from './types.js';

export const PCAP_HEADER = {
  magic: [0, 4],
  versionMajor: [4, 6],
  versionMinor: [6, 8],
  thiszone: [8, 12],
  sigfigs: [12, 16],
  snapLength: [16, 20],
  linkType: [20, 24],
} as const;
export const PCAP_RECORD = {
  tsSeconds: [0, 4],
  tsFraction: [4, 8],
  capturedLength: [8, 12],
  originalLength: [12, 16],
} as const;

const HEADER_SIZE = PCAP_HEADER.linkType[1];
const RECORD_HEADER_SIZE = PCAP_RECORD.originalLength[1];
const [TS_SECONDS] = PCAP_RECORD.tsSeconds;
const [TS_FRACTION] = PCAP_RECORD.tsFraction;
const [CAPTURED] = PCAP_RECORD.capturedLength;
const [ORIGINAL] = PCAP_RECORD.originalLength;
/** libpcap's default largest snapshot (MAXIMUM_SNAPLEN): tcpdump accepts records up to this size
 *  whatever the file's SnapLen says, and so does Wireshark. */
const LIBPCAP_MAX_SNAPLEN = 262_144;
/** The LinkType field without the FCS-length bits (libpcap's LT_LINKTYPE). */
const LINKTYPE_MASK = 0x03ff_ffff;
const FCS_PRESENT = 0x0400_0000;
const NANOS = 1_000_000_000;

/** pcap magic numbers as they appear in the first four bytes, by byte order and precision. */
export function pcapMagic(
  b0: number,
  b1: number,
  b2: number,
  b3: number,
): { le: boolean; nano: boolean } | null {
  const be = b0 === 0xa1 && b1 === 0xb2;
  const le = b2 === 0xb2 && b3 === 0xa1;
  if (be && b2 === 0xc3 && b3 === 0xd4) return { le: false, nano: false };
  if (be && b2 === 0x3c && b3 === 0x4d) return { le: false, nano: true };
  if (le && b0 === 0xd4 && b1 === 0xc3) return { le: true, nano: false };
  if (le && b0 === 0x4d && b1 === 0x3c) return { le: true, nano: true };
  return null;
}

export class PcapParser implements RecordParser {
  private headerDone = false;
  private maxCaptured = LIBPCAP_MAX_SNAPLEN;

  constructor(
    private readonly context: ParserContext,
    private readonly le: boolean,
    private readonly nano: boolean,
  ) {}

  recordSize(view: DataView, pos: number, end: number, base: number): number {
    if (!this.headerDone) return HEADER_SIZE;
    if (end - pos < RECORD_HEADER_SIZE) return RECORD_HEADER_SIZE;
    const captured = view.getUint32(pos + CAPTURED, this.le);
    if (captured > this.maxCaptured) return this.failLength(captured, base + pos);
    return RECORD_HEADER_SIZE + captured;
  }

  parse(bytes: Uint8Array, view: DataView, pos: number, end: number, base: number): number {
    if (!this.headerDone) {
      if (end - pos < HEADER_SIZE) return pos;
      if (!this.readHeader(view, pos)) return pos;
      pos += HEADER_SIZE;
    }
    const le = this.le;
    const max = this.maxCaptured;
    const fractionToNanos = this.nano ? 1 : 1000;
    const events = this.context.events;
    while (end - pos >= RECORD_HEADER_SIZE) {
      const captured = view.getUint32(pos + CAPTURED, le);
      if (captured > max) {
        this.failLength(captured, base + pos);
        return pos;
      }
      const next = pos + RECORD_HEADER_SIZE + captured;
      if (next > end) break;
      let seconds = view.getUint32(pos + TS_SECONDS, le);
      let nanos = view.getUint32(pos + TS_FRACTION, le) * fractionToNanos;
      // Out-of-range fractions exist in the wild; carry them rather than break the 0..1e9 contract.
      if (nanos >= NANOS) {
        seconds += Math.floor(nanos / NANOS);
        nanos %= NANOS;
      }
      events.frame({
        interfaceId: 0,
        hasTimestamp: true,
        tsSeconds: seconds,
        tsNanos: nanos,
        capturedLength: captured,
        originalLength: view.getUint32(pos + ORIGINAL, le),
        data: bytes.subarray(pos + RECORD_HEADER_SIZE, next),
        comments: NO_COMMENTS,
        epbFlags: 0,
        block: 'pcap',
        pen: undefined,
      });
      pos = next;
    }
    return pos;
  }

  truncated(view: DataView, have: number, base: number): void {
    if (!this.headerDone) {
      this.context.fail(truncatedError(base, 'file header', have, HEADER_SIZE));
    } else if (have < RECORD_HEADER_SIZE) {
      this.context.fail(truncatedError(base, 'pcap record header', have, RECORD_HEADER_SIZE));
    } else {
      const total = RECORD_HEADER_SIZE + view.getUint32(CAPTURED, this.le);
      this.context.fail(truncatedError(base, 'pcap record', have, total));
    }
  }

  private readHeader(view: DataView, pos: number): boolean {
    const le = this.le;
    const major = view.getUint16(pos + PCAP_HEADER.versionMajor[0], le);
    const minor = view.getUint16(pos + PCAP_HEADER.versionMinor[0], le);
    if (major !== 2) {
      const message = `pcap version ${major}.${minor} is not supported (only 2.x is)`;
      this.context.fail({ offset: 0, blockType: 'file header', kind: 'unsupported', message });
      return false;
    }
    const snapLength = view.getUint32(pos + PCAP_HEADER.snapLength[0], le);
    const linkField = view.getUint32(pos + PCAP_HEADER.linkType[0], le);
    this.maxCaptured = Math.min(Math.max(snapLength, LIBPCAP_MAX_SNAPLEN), MAX_CAPTURED_LENGTH);
    this.headerDone = true;
    const events = this.context.events;
    events.format?.('pcap', { bigEndian: !le, version: `${major}.${minor}` });
    const iface: CaptureInterface = {
      id: 0,
      section: 0,
      linkType: linkField & LINKTYPE_MASK,
      snapLength,
      ticksPerSecond: this.nano ? NANOS : 1_000_000,
      tsOffsetSeconds: 0,
      ...(linkField & FCS_PRESENT ? { fcsLength: (linkField >>> 28) * 2 } : {}),
    };
    events.interface?.(iface);
    return true;
  }

  private failLength(captured: number, offset: number): -1 {
    const message = `captured length ${captured} is larger than the ${this.maxCaptured}-byte maximum for this file`;
    this.context.fail(corruptError(offset, 'pcap record', message));
    return -1;
  }
}
