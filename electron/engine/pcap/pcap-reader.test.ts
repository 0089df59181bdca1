import { describe, expect, it } from 'vitest';
import { createCaptureReader } from './capture-reader.js';
import { hex, pcapFile, readInChunks, recordEvents } from './test-bytes.js';
import type { CapturedFrame } from './types.js';

/** Little-endian, microseconds, Ethernet, one 14-byte frame captured from a 60-byte packet. */
const LE_MICROS = hex(`
  0x0000:  d4c3 b2a1 0200 0400 0000 0000 0000 0000   magic d4c3b2a1 (LE, µs), version 2.4, thiszone, sigfigs
  0x0010:  0000 0400 0100 0000                       snaplen 262144, LinkType 1 (EN10MB)
  0x0018:  7b74 6057 ef0f 0c00 0e00 0000 3c00 0000   ts 1465939067 s + 790511 µs, caplen 14, len 60
  0x0028:  ffff ffff ffff 0011 2233 4455 0806        dst broadcast, src 00:11:22:33:44:55, ARP
`);

/** Big-endian, nanoseconds, LinkType field with FCS bits set: P, and 2 sixteen-bit words (4 bytes) of FCS. */
const BE_NANOS_FCS = hex(`
  0x0000:  a1b2 3c4d 0002 0004 0000 0000 0000 0000   magic a1b23c4d (BE, ns), version 2.4
  0x0010:  0000 ffff 2400 0001                       snaplen 65535, FCS len 2 (x2 bytes), P bit, LinkType 1
  0x0018:  5760 747b 2f1e 3e13 0000 0002 0000 0002   ts 1465939067 s + 790511123 ns, caplen 2, len 2
  0x0028:  abcd
`);

function read(bytes: Uint8Array) {
  const frames: CapturedFrame[] = [];
  const { events, handlers, error } = recordEvents();
  const reader = createCaptureReader({
    ...handlers,
    frame: (f) => frames.push({ ...f, data: f.data.slice() }),
  });
  reader.feed(bytes);
  reader.end();
  return { frames, events, error: error(), reader };
}

describe('classic pcap reader', () => {
  it('reads a little-endian microsecond file: header, interface, frame', () => {
    const { frames, events, error } = read(LE_MICROS);
    expect(error).toBeUndefined();
    expect(events.slice(0, 2)).toEqual([
      ['format', { format: 'pcap', bigEndian: false, version: '2.4' }],
      [
        'interface',
        { id: 0, section: 0, linkType: 1, snapLength: 262144, ticksPerSecond: 1e6, tsOffsetSeconds: 0 },
      ],
    ]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({
      interfaceId: 0,
      hasTimestamp: true,
      tsSeconds: 1465939067,
      tsNanos: 790511000,
      capturedLength: 14,
      originalLength: 60,
      block: 'pcap',
      epbFlags: 0,
      comments: [],
    });
    expect(Array.from(frames[0]?.data ?? [])).toEqual(Array.from(LE_MICROS.subarray(40)));
  });

  it('reads a big-endian nanosecond file and masks the FCS bits out of the link type', () => {
    const { frames, events } = read(BE_NANOS_FCS);
    expect(events[1]).toEqual([
      'interface',
      {
        id: 0,
        section: 0,
        linkType: 1,
        snapLength: 65535,
        ticksPerSecond: 1e9,
        tsOffsetSeconds: 0,
        fcsLength: 4,
      },
    ]);
    expect(frames[0]).toMatchObject({
      tsSeconds: 1465939067,
      tsNanos: 790511123,
      capturedLength: 2,
      originalLength: 2,
    });
  });

  it('delivers data as a view into the chunk, not a copy', () => {
    let data: Uint8Array | undefined;
    const reader = createCaptureReader({ frame: (f) => (data = f.data) });
    reader.feed(LE_MICROS);
    expect(data?.buffer).toBe(LE_MICROS.buffer);
    expect(data?.byteOffset).toBe(40);
  });

  it('reads a header-only file as zero frames without an error', () => {
    const { frames, error } = read(LE_MICROS.subarray(0, 24));
    expect(frames).toEqual([]);
    expect(error).toBeUndefined();
  });

  it('accepts records longer than the snap length up to 262144 bytes, as libpcap does', () => {
    const file = pcapFile(true, false, 1, 100, [{ seconds: 1, fraction: 0, data: new Uint8Array(300) }]);
    expect(read(file).frames[0]?.capturedLength).toBe(300);
  });

  it('carries an out-of-range microsecond field into the seconds', () => {
    const file = pcapFile(true, false, 1, 65535, [
      { seconds: 100, fraction: 1_500_000, data: new Uint8Array(1) },
    ]);
    expect(read(file).frames[0]).toMatchObject({ tsSeconds: 101, tsNanos: 500_000_000 });
  });

  describe('bad input', () => {
    it('reports a file cut inside the file header', () => {
      expect(read(LE_MICROS.subarray(0, 10)).error).toEqual({
        offset: 0,
        blockType: 'file header',
        kind: 'truncated',
        message: 'the file ends inside a file header: 10 of 24 bytes',
      });
    });

    it('reports a file cut inside a record header, after delivering nothing bogus', () => {
      const { frames, error } = read(LE_MICROS.subarray(0, 24 + 5));
      expect(frames).toEqual([]);
      expect(error).toEqual({
        offset: 24,
        blockType: 'pcap record header',
        kind: 'truncated',
        message: 'the file ends inside a pcap record header: 5 of 16 bytes',
      });
    });

    it('reports a record cut short with its offset and how much of it there is', () => {
      const two = pcapFile(true, false, 1, 65535, [
        { seconds: 1, fraction: 0, data: new Uint8Array(10) },
        { seconds: 2, fraction: 0, data: new Uint8Array(1500), originalLength: 1500 },
      ]);
      const { frames, error, reader } = read(two.subarray(0, 24 + 26 + 120));
      expect(frames).toHaveLength(1);
      expect(error).toEqual({
        offset: 50,
        blockType: 'pcap record',
        kind: 'truncated',
        message: 'the file ends inside a pcap record: 120 of 1516 bytes',
      });
      expect(reader.failed).toBe(true);
      expect(reader.offset).toBe(50);
    });

    it('reports an impossible captured length as corrupt, at once, without waiting for the bytes', () => {
      const file = pcapFile(true, false, 1, 65535, [{ seconds: 1, fraction: 0, data: new Uint8Array(4) }]);
      new DataView(file.buffer).setUint32(24 + 8, 300_000, true);
      const { handlers, error } = recordEvents();
      const reader = createCaptureReader(handlers);
      reader.feed(file.subarray(0, 24 + 16));
      expect(error()).toEqual({
        offset: 24,
        blockType: 'pcap record',
        kind: 'corrupt',
        message: 'captured length 300000 is larger than the 262144-byte maximum for this file',
      });
    });

    it('rejects pcap versions other than 2.x', () => {
      const file = LE_MICROS.slice();
      file[4] = 1;
      expect(read(file).error).toMatchObject({
        kind: 'unsupported',
        message: 'pcap version 1.4 is not supported (only 2.x is)',
      });
    });

    it('ignores everything after an error', () => {
      const frames: unknown[] = [];
      const errors: unknown[] = [];
      const reader = createCaptureReader({ frame: (f) => frames.push(f), error: (e) => errors.push(e) });
      reader.feed(hex('3c21 444f 4354 5950 4520 6874 6d6c 3e0a'));
      reader.feed(LE_MICROS);
      reader.end();
      expect(frames).toEqual([]);
      expect(errors).toHaveLength(1);
    });
  });

  it('gives the same events for every way of cutting a two-record file', () => {
    const file = pcapFile(false, true, 101, 65535, [
      { seconds: 7, fraction: 999_999_999, data: Uint8Array.of(0x45, 0, 0, 20) },
      { seconds: 8, fraction: 1, data: new Uint8Array(33).fill(7), originalLength: 40 },
    ]);
    const whole = readInChunks(file);
    for (let a = 0; a <= file.length; a++) {
      for (let b = a; b <= file.length; b += 7) expect(readInChunks(file, [a, b])).toEqual(whole);
    }
  });
});
