/**
 * Cuts a capture byte stream at record boundaries, so that a lane can continue with a second stream
 * (after a reconnect) without the reader ever seeing half a record:
 *
 *   pcap:   24-byte file header, then records of 16-byte header (incl_len at offset 8) + data
 *   pcapng: blocks of (type, total length at offset 4, …); a new stream starts a new section (SHB),
 *           which pcapng allows anywhere
 *
 * A continuing pcap stream must repeat the first stream's file header (same link type and snap
 * length): its header is swallowed. The partial record a lost stream ends with is dropped.
 */
const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xa1b23c4d, 0xd4c3b2a1, 0x4d3cb2a1]);
const PCAPNG_SHB = 0x0a0d0d0a;
const MAX_RECORD = 256 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

type Format = 'pcap' | 'pcapng' | 'opaque';

export class PcapFramer {
  private firstHeader: Buffer | null = null;
  private format: Format | null = null;
  private littleEndian = true;
  private carry: Buffer = EMPTY;
  private headerSeen = false;

  /** The next bytes come from a new stream: forget the old one's partial record. */
  newStream(): void {
    this.carry = EMPTY;
    this.headerSeen = false;
  }

  /** The bytes that may go to the reader now (complete records only); null when none yet. */
  push(chunk: Uint8Array): Uint8Array | null {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : toBuffer(chunk);
    let start = 0;
    let records = 0;
    if (!this.headerSeen) {
      if (data.length < 24) {
        this.carry = Buffer.from(data);
        return null;
      }
      start = this.header(data);
      records = this.format === 'pcap' ? 24 : 0;
      this.headerSeen = true;
    }
    const end = this.format === 'opaque' ? data.length : this.lastBoundary(data, records);
    this.carry = end < data.length ? Buffer.from(data.subarray(end)) : EMPTY;
    return end > start ? data.subarray(start, end) : null;
  }

  /** Reads the stream's header; returns how many bytes of it to skip (a repeated pcap header). */
  private header(data: Buffer): number {
    const magic = data.readUInt32BE(0);
    if (this.format === null) {
      this.format = PCAP_MAGICS.has(magic) ? 'pcap' : magic === PCAPNG_SHB ? 'pcapng' : 'opaque';
      if (this.format === 'pcap') this.littleEndian = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
      if (this.format === 'pcapng') this.littleEndian = data.readUInt32LE(8) === 0x1a2b3c4d;
      this.firstHeader = Buffer.from(data.subarray(0, 24));
      return 0;
    }
    if (this.format === 'pcap') {
      if (!data.subarray(0, 24).equals(this.firstHeader ?? EMPTY))
        throw new Error(
          'the reconnected capture has another link type or snap length than before: start a new capture instead',
        );
      return 24;
    }
    if (this.format === 'pcapng') this.littleEndian = data.readUInt32LE(8) === 0x1a2b3c4d;
    return 0;
  }

  private lastBoundary(data: Buffer, from: number): number {
    let at = from;
    const pcap = this.format === 'pcap';
    for (;;) {
      const headerLength = pcap ? 16 : 12;
      if (at + headerLength > data.length) return at;
      const offset = pcap ? at + 8 : at + 4;
      const length = this.littleEndian ? data.readUInt32LE(offset) : data.readUInt32BE(offset);
      const size = pcap ? 16 + length : length;
      // Nonsense length: let the reader find the damage and report it; framing stops here.
      if (size > MAX_RECORD || (!pcap && size < 12)) {
        this.format = 'opaque';
        return data.length;
      }
      if (at + size > data.length) return at;
      at += size;
    }
  }
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
