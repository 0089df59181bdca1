import { describe, expect, it } from 'vitest';
import type { PacketToWrite } from './pcapng-writer.js';
import { NO_TIMESTAMP_COMMENT, PcapngWriter } from './pcapng-writer.js';
import { hex, readBack, written } from './test-bytes.js';

describe('pcapng writer', () => {
  it('writes SHB, IDB and EPB byte for byte, with an exact 64-bit nanosecond timestamp', () => {
    let offset = 0;
    const bytes = written((w) => {
      w.writeSectionHeader();
      const id = w.writeInterface({ linkType: 1, snapLength: 262144, name: 'en0' });
      offset = w.writePacket({
        interfaceId: id,
        tsSeconds: 1465939067,
        tsNanos: 790511123,
        data: Uint8Array.of(0xde, 0xad, 0xbe),
        originalLength: 60,
      });
    });
    expect(bytes).toEqual(
      hex(`
      0x0000:  0a0d 0d0a 3000 0000 4d3c 2b1a 0100 0000   SHB, length 48, byte-order magic, version 1.0
      0x0010:  ffff ffff ffff ffff 0400 0a00 4861 6d6d   section length -1, shb_userappl "Hamm
      0x0020:  6572 6865 6164 0000 0000 0000 3000 0000   erhead", opt_endofopt, length
      0x0030:  0100 0000 2800 0000 0100 0000 0000 0400   IDB, length 40, LinkType 1, snaplen 262144
      0x0040:  0200 0300 656e 3000 0900 0100 0900 0000   if_name "en0", if_tsresol 9
      0x0050:  0000 0000 2800 0000 0600 0000 2400 0000   opt_endofopt, length | EPB, length 36
      0x0060:  0000 0000 d00f 5814 134c 05b6 0300 0000   interface 0, ts 0x14580fd0:b6054c13, caplen 3
      0x0070:  3c00 0000 dead be00 2400 0000             len 60, data + padding, length
    `),
    );
    expect(offset).toBe(0x74);
  });

  it('returns offsets at which the packet bytes are found, across flushes', () => {
    const offsets: [number, Uint8Array][] = [];
    const bytes = written((w) => {
      const id = w.writeInterface({ linkType: 1, snapLength: 0 });
      for (let i = 0; i < 30_000; i++) {
        const data = new Uint8Array(1 + ((i * 37) % 200)).fill(i & 0xff);
        offsets.push([
          w.writePacket({ interfaceId: id, tsSeconds: i, tsNanos: 0, data, comments: i % 7 ? [] : ['c'] }),
          data,
        ]);
      }
    });
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const wrong = offsets.filter(
      ([offset, data]) => Buffer.compare(bytes.subarray(offset, offset + data.length), data) !== 0,
    );
    expect(wrong).toEqual([]);
  });

  it('returns the right offset for a block that fills the buffer exactly', () => {
    const offsets: number[] = [];
    const bytes = written((w) => {
      w.writeInterface({ linkType: 1, snapLength: 0 });
      expect(w.offset).toBe(80);
      // 29124 EPBs of 36 bytes, then one of 32 bytes, end exactly at 1 MiB.
      for (let i = 0; i < 29124; i++)
        w.writePacket({ interfaceId: 0, tsSeconds: 0, tsNanos: 0, data: Uint8Array.of(1, 2, 3, 4) });
      offsets.push(w.writePacket({ interfaceId: 0, tsSeconds: 0, tsNanos: 0, data: new Uint8Array(0) }));
      expect(w.offset).toBe(1024 * 1024);
      offsets.push(w.writePacket({ interfaceId: 0, tsSeconds: 0, tsNanos: 0, data: Uint8Array.of(9) }));
    });
    expect(offsets).toEqual([1024 * 1024 - 4, 1024 * 1024 + 28]);
    expect(bytes[1024 * 1024 + 28]).toBe(9);
  });

  it('hands the sink ~1 MiB chunks from one reused buffer, and blocks larger than it whole', () => {
    const sizes: number[] = [];
    const buffers = new Set<ArrayBufferLike>();
    const writer = new PcapngWriter((chunk) => {
      sizes.push(chunk.length);
      buffers.add(chunk.buffer);
    });
    const id = writer.writeInterface({ linkType: 1, snapLength: 0 });
    for (let i = 0; i < 40_000; i++)
      writer.writePacket({ interfaceId: id, tsSeconds: 0, tsNanos: 0, data: new Uint8Array(60) });
    const big = new Uint8Array(3 * 1024 * 1024).fill(9);
    const at = writer.writePacket({ interfaceId: id, tsSeconds: 0, tsNanos: 0, data: big });
    writer.flush();
    expect(sizes.slice(0, 2).every((n) => n > 1024 * 1024 - 200 && n <= 1024 * 1024)).toBe(true);
    expect(buffers.size).toBe(2);
    expect(at).toBe(writer.offset - 4 - big.length);
  });

  it('writes timestamps outside 1970..2554 against a twin IDB whose if_tsoffset moves the window', () => {
    const bytes = written((w) => {
      w.writeInterface({ linkType: 1, snapLength: 0, name: 'lo' });
      w.writePacket({
        interfaceId: 0,
        tsSeconds: 18446744073204,
        tsNanos: 126329000,
        data: Uint8Array.of(1),
      });
      w.writePacket({ interfaceId: 0, tsSeconds: -5, tsNanos: 1, data: Uint8Array.of(2) });
      w.writePacket({ interfaceId: 0, tsSeconds: 18446744073205, tsNanos: 0, data: Uint8Array.of(3) });
    });
    const { interfaces, frames, error } = readBack(bytes);
    expect(error).toBeUndefined();
    expect(interfaces.map((i) => [i.name, i.tsOffsetSeconds])).toEqual([
      ['lo', 0],
      ['lo', 18446744073204 - (18446744073204 % 2 ** 34)],
      ['lo', -(2 ** 34)],
    ]);
    expect(frames.map((f) => [f.interfaceId, f.tsSeconds, f.tsNanos])).toEqual([
      [1, 18446744073204, 126329000],
      [2, -5, 1],
      [1, 18446744073205, 0],
    ]);
  });

  it('writes frames without a timestamp as an SPB when faithful, else as a flagged EPB', () => {
    const untimed = (interfaceId: number, data: Uint8Array, originalLength: number): PacketToWrite => ({
      interfaceId,
      tsSeconds: 0,
      tsNanos: 0,
      hasTimestamp: false,
      data,
      originalLength,
    });
    const { frames } = readBack(
      written((w) => {
        w.writeInterface({ linkType: 1, snapLength: 4 });
        w.writeInterface({ linkType: 1, snapLength: 0 });
        w.writePacket(untimed(0, Uint8Array.of(1, 2, 3, 4), 10));
        w.writePacket(untimed(1, Uint8Array.of(5), 1));
        w.writePacket(untimed(0, Uint8Array.of(6), 10));
      }),
    );
    expect(
      frames.map((f) => [
        f.block,
        f.hasTimestamp,
        f.interfaceId,
        f.capturedLength,
        f.originalLength,
        f.comments,
      ]),
    ).toEqual([
      ['spb', false, 0, 4, 10, []],
      ['epb', true, 1, 1, 1, [NO_TIMESTAMP_COMMENT]],
      ['epb', true, 0, 1, 10, [NO_TIMESTAMP_COMMENT]],
    ]);
  });

  it('writes DSB, ISB and custom blocks that read back', () => {
    const keyLog = new TextEncoder().encode('CLIENT_RANDOM 00 11\n');
    const { events, error } = readBack(
      written((w) => {
        w.writeSectionHeader({ comment: 'two legs', os: 'Linux', hardware: 'x86_64' });
        w.writeInterface({
          linkType: 276,
          snapLength: 262144,
          filter: 'tcp port 80',
          os: 'Linux',
          description: 'back leg',
        });
        w.writeSecrets({ secretsType: 0x544c534b, data: keyLog });
        w.writeStatistics(
          {
            interfaceId: 0,
            received: 2 ** 40,
            droppedByInterface: 1,
            droppedByOs: 2,
            filterAccepted: 3,
            delivered: 4,
          },
          { tsSeconds: 5, tsNanos: 6 },
        );
        w.writeCustomBlock(32473, Uint8Array.of(1, 2, 3, 4), true);
      }),
    );
    expect(error).toBeUndefined();
    expect(events.filter(([k]) => k !== 'format')).toEqual([
      ['comment', 'two legs'],
      [
        'interface',
        {
          id: 0,
          section: 0,
          linkType: 276,
          snapLength: 262144,
          description: 'back leg',
          filter: 'tcp port 80',
          os: 'Linux',
          ticksPerSecond: 1e9,
          tsOffsetSeconds: 0,
        },
      ],
      ['secrets', { secretsType: 0x544c534b, data: Buffer.from(keyLog).toString('hex') }],
      [
        'statistics',
        {
          interfaceId: 0,
          received: 2 ** 40,
          droppedByInterface: 1,
          droppedByOs: 2,
          filterAccepted: 3,
          delivered: 4,
        },
      ],
      ['frame', expect.objectContaining({ block: 'custom', pen: 32473, data: '01020304' })],
    ]);
  });

  it('refuses an undeclared interface and an option longer than 65535 bytes', () => {
    const writer = new PcapngWriter(() => {});
    expect(() =>
      writer.writePacket({ interfaceId: 0, tsSeconds: 0, tsNanos: 0, data: new Uint8Array(1) }),
    ).toThrow(RangeError);
    writer.writeInterface({ linkType: 1, snapLength: 0 });
    const comments = ['x'.repeat(70_000)];
    expect(() =>
      writer.writePacket({ interfaceId: 0, tsSeconds: 0, tsNanos: 0, data: new Uint8Array(1), comments }),
    ).toThrow(RangeError);
  });
});
