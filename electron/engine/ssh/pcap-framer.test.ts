/**
 * Two tcpdump streams stitched into one lane's input: whatever the chunk boundaries, the reader
 * sees whole records; the partial record a lost stream ends with is dropped; the second stream's
 * file header is swallowed when it matches and refused when it does not; pcapng passes by blocks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from '../pcap/capture-reader.js';
import { PcapFramer } from './pcap-framer.js';

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../../assets/samples/loopback-http.pcap'));
const FRONT = readFileSync(resolve(import.meta.dirname, '../../../assets/samples/lb-front.pcapng'));

/** Record boundaries of a little-endian pcap: offsets where each record starts, and the end. */
function boundaries(pcap: Buffer): number[] {
  const offsets = [];
  for (let at = 24; at < pcap.length; at += 16 + pcap.readUInt32LE(at + 8)) offsets.push(at);
  return [...offsets, pcap.length];
}

function read(chunks: readonly Uint8Array[]): { frames: number; error: string | null } {
  let frames = 0;
  let error: string | null = null;
  const reader = createCaptureReader({ frame: () => frames++, error: (e) => (error = e.message) });
  for (const chunk of chunks) reader.feed(chunk);
  reader.end();
  return { frames, error };
}

function pieces(data: Buffer, size: number): Buffer[] {
  const out = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}

describe('stitching capture streams at record boundaries', () => {
  const total = boundaries(SAMPLE).length - 1;

  it('passes one stream through whole, whatever the chunk size', () => {
    for (const size of [1, 7, 24, 100, 4096]) {
      const framer = new PcapFramer();
      const out = pieces(SAMPLE, size).flatMap((chunk) => framer.push(chunk) ?? []);
      expect(Buffer.concat(out).equals(SAMPLE)).toBe(true);
    }
  });

  it('drops the lost stream’s partial record and swallows the repeated header', () => {
    const cut = (boundaries(SAMPLE)[10] ?? 0) + 20; // inside record 11
    const framer = new PcapFramer();
    const out: Uint8Array[] = [];
    for (const chunk of pieces(SAMPLE.subarray(0, cut), 33))
      out.push(...[framer.push(chunk)].filter((c) => c !== null));
    framer.newStream();
    for (const chunk of pieces(SAMPLE, 50)) out.push(...[framer.push(chunk)].filter((c) => c !== null));
    expect(read(out)).toEqual({ frames: 10 + total, error: null });
  });

  it('refuses a second stream with another link type', () => {
    const framer = new PcapFramer();
    framer.push(SAMPLE);
    framer.newStream();
    const other = Buffer.from(SAMPLE.subarray(0, 24));
    other.writeUInt32LE(113, 20); // LINKTYPE_LINUX_SLL
    expect(() => framer.push(other)).toThrow(/another link type/);
  });

  it('cuts pcapng at block boundaries, and lets a second section follow', () => {
    const framer = new PcapFramer();
    const out = pieces(FRONT, 999).flatMap((chunk) => framer.push(chunk) ?? []);
    framer.newStream();
    out.push(...pieces(FRONT, 1500).flatMap((chunk) => framer.push(chunk) ?? []));
    const once = read([FRONT]);
    expect(read(out)).toEqual({ frames: once.frames * 2, error: null });
  });
});
