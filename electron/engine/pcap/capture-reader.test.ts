import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCaptureReader } from './capture-reader.js';
import { PcapngWriter } from './pcapng-writer.js';
import { concat, hex, pcapFile, readInChunks } from './test-bytes.js';

function firstError(bytes: Uint8Array) {
  return readInChunks(bytes).find(([kind]) => kind === 'error')?.[1];
}

/** A pcapng file from the writer: `count` frames over `interfaces` interfaces, with comments. */
function pcapng(
  frames: readonly { readonly size: number; readonly iface: number; readonly seconds: number }[],
  interfaces: number,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new PcapngWriter((c) => chunks.push(c.slice()));
  writer.writeSectionHeader({ comment: 'generated' });
  for (let i = 0; i < interfaces; i++) writer.writeInterface({ linkType: 1, snapLength: 0, name: `if${i}` });
  frames.forEach((f, i) =>
    writer.writePacket({
      interfaceId: f.iface % interfaces,
      tsSeconds: f.seconds,
      tsNanos: i,
      data: new Uint8Array(f.size).fill(i),
      comments: i % 3 ? [] : [`#${i}`],
    }),
  );
  writer.writeSecrets({ secretsType: 0x544c534b, data: Uint8Array.of(1, 2, 3) });
  writer.flush();
  return concat(...chunks);
}

const frameSpec = fc.record({
  size: fc.nat({ max: 300 }),
  iface: fc.nat({ max: 3 }),
  seconds: fc.nat({ max: 2_000_000_000 }),
});
const pcapRecord = fc.record({
  seconds: fc.nat({ max: 0xffffffff }),
  fraction: fc.nat({ max: 999_999 }),
  data: fc.uint8Array({ maxLength: 300 }),
});

/** Either format, built from random frames. */
const captureBytes = fc.oneof(
  fc
    .tuple(fc.array(frameSpec, { maxLength: 20 }), fc.integer({ min: 1, max: 4 }))
    .map(([frames, n]) => pcapng(frames, n)),
  fc
    .tuple(fc.array(pcapRecord, { maxLength: 20 }), fc.boolean())
    .map(([records, le]) => pcapFile(le, false, 1, 65535, records)),
);

/** Sorted cut points inside `length`. */
const cutsFor = (length: number) =>
  fc.uniqueArray(fc.nat({ max: length }), { maxLength: 30 }).map((cuts) => cuts.sort((a, b) => a - b));

describe('capture reader: sniffing', () => {
  it('names a file that is not a capture by its first bytes', () => {
    expect(firstError(hex('3c21 444f 4354 5950 4520 6874 6d6c 3e0a'))).toEqual({
      offset: 0,
      blockType: 'file header',
      kind: 'not-a-capture',
      message: 'not a pcap or pcapng file (starts with 3c 21 44 4f)',
    });
  });

  it('reports empty and too-short input', () => {
    expect(firstError(new Uint8Array(0))).toMatchObject({
      kind: 'not-a-capture',
      message: 'the file is empty',
    });
    expect(firstError(hex('d4c3'))).toMatchObject({
      kind: 'not-a-capture',
      message: 'not a pcap or pcapng file (only 2 bytes: d4 c3)',
    });
  });

  it('says what to do with gzip and which pcap variants it does not read', () => {
    expect(firstError(hex('1f8b 0800 0000 0000'))).toMatchObject({
      kind: 'unsupported',
      message: 'the file is gzip-compressed: decompress it first',
    });
    expect(firstError(hex('34cd b2a1 0200 0400'))).toMatchObject({ kind: 'unsupported' });
  });

  it('recognises all four pcap magic numbers', () => {
    for (const magic of ['d4c3b2a1', 'a1b2c3d4', '4d3cb2a1', 'a1b23c4d']) {
      const events = readInChunks(hex(magic + '0000'.repeat(10)));
      expect(events[0]?.[0]).toBe('error');
      expect(events[0]?.[1]).toMatchObject({ kind: 'unsupported', blockType: 'file header' }); // version 0.0
    }
  });

  it('stops reading if a callback throws, and lets the exception through', () => {
    const file = pcapFile(true, false, 1, 65535, [{ seconds: 1, fraction: 0, data: Uint8Array.of(1) }]);
    const reader = createCaptureReader({
      frame: () => {
        throw new Error('consumer bug');
      },
    });
    expect(() => reader.feed(file)).toThrow('consumer bug');
    expect(reader.failed).toBe(true);
    expect(() => reader.feed(file)).not.toThrow();
  });
});

describe('capture reader: properties', () => {
  it('gives the same events however the input is cut into chunks (pcap and pcapng, whole or truncated)', () => {
    fc.assert(
      fc.property(
        captureBytes
          .chain((bytes) => fc.tuple(fc.constant(bytes), fc.nat({ max: bytes.length })))
          .chain(([bytes, keep]) => {
            const input = bytes.subarray(0, keep);
            return fc.tuple(fc.constant(input), cutsFor(input.length));
          }),
        ([input, cuts]) => {
          expect(readInChunks(input, cuts)).toEqual(readInChunks(input));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on random bytes, whatever the chunking', () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }).map((b) => concat(hex('0a0d0d0a'), b)),
      fc.uint8Array({ maxLength: 400 }).map((b) => concat(hex('d4c3b2a1 0200 0400'), b)),
      fc.uint8Array({ maxLength: 400 }).map((b) => concat(hex('a1b23c4d 0002 0004'), b)),
    );
    fc.assert(
      fc.property(
        garbage.chain((b) => fc.tuple(fc.constant(b), cutsFor(b.length))),
        ([bytes, cuts]) => {
          expect(() => readInChunks(bytes, cuts)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated captures, delivers frames within bounds, and reports at most one error, last', () => {
    const mutated = captureBytes.chain((bytes) =>
      fc.tuple(
        fc.constant(bytes),
        fc.array(fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
      ),
    );
    fc.assert(
      fc.property(mutated, ([bytes, edits]) => {
        const copy = bytes.slice();
        for (const [at, value] of edits) if (at < copy.length) copy[at] = value;
        let frames = 0;
        let errors = 0;
        let afterError = 0;
        const reader = createCaptureReader({
          frame: (f) => {
            frames += 1;
            if (errors > 0) afterError += 1;
            expect(f.data.length).toBe(f.capturedLength);
            expect(f.tsNanos).toBeGreaterThanOrEqual(0);
            expect(f.tsNanos).toBeLessThan(1e9);
          },
          error: () => (errors += 1),
        });
        for (let i = 0; i < copy.length; i += 7) reader.feed(copy.subarray(i, i + 7));
        reader.end();
        expect(errors).toBeLessThanOrEqual(1);
        expect(afterError).toBe(0);
        expect(frames).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('capture reader: streams', () => {
  it('stitches a record far larger than a chunk, and lets go of the room afterwards', () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 3).map((_, i) => i & 0xff);
    // SnapLen 4 MiB lets a record exceed the 1 MiB of stitching room the reader keeps.
    const file = pcapFile(true, false, 1, 4 * 1024 * 1024, [
      { seconds: 1, fraction: 0, data: Uint8Array.of(1) },
      { seconds: 2, fraction: 0, data: big },
      { seconds: 3, fraction: 0, data: Uint8Array.of(3) },
    ]);
    const cuts = Array.from({ length: Math.ceil(file.length / 65536) }, (_, i) => i * 65536 + 17);
    expect(readInChunks(file, cuts)).toEqual(readInChunks(file));
  });

  const tcpdump = spawnSync('tcpdump', ['--version']).status === 0;
  (tcpdump ? it : it.skip)(
    `reads tcpdump's stdout as it arrives${tcpdump ? '' : ' (skipped: tcpdump not installed)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hammerhead-reader-'));
      try {
        const records = Array.from({ length: 500 }, (_, i) => ({
          seconds: 1_700_000_000 + i,
          fraction: i * 1000,
          data: new Uint8Array(40 + (i % 100)).fill(i & 0xff),
        }));
        const path = join(dir, 'in.pcap');
        writeFileSync(path, pcapFile(true, false, 1, 65535, records));
        const frames: [number, number, number][] = [];
        const errors: unknown[] = [];
        const reader = createCaptureReader({
          frame: (f) => frames.push([f.tsSeconds, f.tsNanos, f.data.length]),
          error: (e) => errors.push(e),
        });
        const child = spawn('tcpdump', ['--time-stamp-precision=nano', '-r', path, '-w', '-'], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        child.stdout.on('data', (chunk: Buffer) => reader.feed(chunk));
        await new Promise((resolve) => child.on('close', resolve));
        reader.end();
        expect(errors).toEqual([]);
        expect(frames).toEqual(records.map((r) => [r.seconds, r.fraction * 1000, r.data.length]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
