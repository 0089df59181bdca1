import { describe, expect, it } from 'vitest';
import {
  block,
  concat,
  epb,
  fields,
  hex,
  idb,
  option,
  pad,
  readInChunks,
  readAll,
  shb,
} from './test-bytes.js';

/**
 * SHB (LE, shb_comment "hi"), IDB (Ethernet, snaplen 0, if_name eth0, if_tsresol 9), and an EPB whose
 * 64-bit nanosecond timestamp is above 2^53 (from ppp-pcapng-example), with opt_comment and epb_flags.
 */
const SMALL = hex(`
  0x0000:  0a0d 0d0a 2800 0000 4d3c 2b1a 0100 0000   SHB, length 40, byte-order magic (LE), version 1.0
  0x0010:  ffff ffff ffff ffff 0100 0200 6869 0000   section length -1, shb_comment "hi"
  0x0020:  0000 0000 2800 0000 0100 0000 2800 0000   opt_endofopt, length | IDB, length 40
  0x0030:  0100 0000 0000 0000 0200 0400 6574 6830   LinkType 1, snaplen 0, if_name "eth0"
  0x0040:  0900 0100 0900 0000 0000 0000 2800 0000   if_tsresol 9, opt_endofopt, length
  0x0050:  0600 0000 3800 0000 0000 0000 8471 2b28   EPB, length 56, interface 0, ts high 0x282b7184
  0x0060:  0864 2528 0400 0000 3c00 0000 dead beef   ts low 0x28256408, caplen 4, len 60, data
  0x0070:  0100 0100 7800 0000 0200 0400 0100 0000   opt_comment "x", epb_flags 1 (inbound)
  0x0080:  0000 0000 3800 0000                       opt_endofopt, length
`);

const LE = true;
const none: Uint8Array = new Uint8Array(0);
const ethernet = (le: boolean, options: Uint8Array = none) => idb(le, 1, 0, options);
const packet = (le: boolean, interfaceId: number, data = Uint8Array.of(1, 2, 3)) =>
  epb(le, { interfaceId, high: 0, low: 5_000_000, data });

const read = readAll;

describe('pcapng reader', () => {
  it('reads SHB, IDB and an EPB with a timestamp above 2^53 ns, comment and flags', () => {
    const { events, error } = read(SMALL);
    expect(error).toBeUndefined();
    expect(events).toEqual([
      ['format', { format: 'pcapng', bigEndian: false, version: '1.0' }],
      ['comment', 'hi'],
      [
        'interface',
        {
          id: 0,
          section: 0,
          linkType: 1,
          snapLength: 0,
          name: 'eth0',
          ticksPerSecond: 1e9,
          tsOffsetSeconds: 0,
        },
      ],
      [
        'frame',
        {
          interfaceId: 0,
          hasTimestamp: true,
          tsSeconds: 2894531997,
          tsNanos: 938836488,
          capturedLength: 4,
          originalLength: 60,
          data: 'deadbeef',
          comments: ['x'],
          epbFlags: 1,
          block: 'epb',
          pen: undefined,
        },
      ],
    ]);
  });

  it('applies if_tsresol in base 10 and base 2, and if_tsoffset', () => {
    const micro = ethernet(
      LE,
      option(
        LE,
        14,
        fields(LE, [
          [32, 1000],
          [32, 0],
        ]),
      ),
    );
    const binary = ethernet(LE, option(LE, 9, Uint8Array.of(0x80 | 20)));
    const file = concat(
      shb(LE),
      micro,
      binary,
      epb(LE, { interfaceId: 0, high: 0xffffffff, low: 0xe1dfd279, data: none }),
      epb(LE, { interfaceId: 1, high: 0, low: (3 << 20) + (1 << 19), data: none }),
    );
    const { of } = read(file);
    expect(of('interface')).toMatchObject([
      { ticksPerSecond: 1e6, tsOffsetSeconds: 1000 },
      { ticksPerSecond: 2 ** 20 },
    ]);
    expect(of('frame')).toMatchObject([
      { tsSeconds: 18446744073204 + 1000, tsNanos: 126329000 },
      { tsSeconds: 3, tsNanos: 500_000_000 },
    ]);
  });

  it('reads if_description, if_filter, if_os and if_fcslen', () => {
    const options = concat(
      option(LE, 3, 'desc'),
      option(LE, 11, concat(Uint8Array.of(0), new TextEncoder().encode('tcp port 80'))),
      option(LE, 12, 'Linux'),
      option(LE, 13, Uint8Array.of(4)),
    );
    expect(read(concat(shb(LE), ethernet(LE, options))).of('interface')).toEqual([
      {
        id: 0,
        section: 0,
        linkType: 1,
        snapLength: 0,
        ticksPerSecond: 1e6,
        tsOffsetSeconds: 0,
        description: 'desc',
        filter: 'tcp port 80',
        os: 'Linux',
        fcsLength: 4,
      },
    ]);
  });

  it('gives SPBs the section’s first interface, no timestamp, and min(len, snaplen, block) bytes', () => {
    const spb = (original: number, data: Uint8Array) =>
      block(LE, 3, concat(fields(LE, [[32, original]]), pad(data)));
    const file = concat(
      shb(LE),
      idb(LE, 1, 4),
      spb(10, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)),
      spb(3, Uint8Array.of(9, 9, 9)),
    );
    expect(read(file).of('frame')).toMatchObject([
      {
        interfaceId: 0,
        hasTimestamp: false,
        capturedLength: 4,
        originalLength: 10,
        data: '01020304',
        block: 'spb',
      },
      { capturedLength: 3, originalLength: 3, data: '090909' },
    ]);
  });

  it('reads obsolete Packet Blocks (16-bit interface id, pack_flags)', () => {
    const head = fields(LE, [
      [16, 0],
      [16, 0],
      [32, 0],
      [32, 2_000_000],
      [32, 2],
      [32, 2],
    ]);
    const file = concat(
      shb(LE),
      ethernet(LE),
      block(
        LE,
        2,
        concat(head, pad(Uint8Array.of(7, 7)), option(LE, 2, fields(LE, [[32, 2]])), new Uint8Array(4)),
      ),
    );
    expect(read(file).of('frame')).toMatchObject([{ block: 'opb', tsSeconds: 2, epbFlags: 2, data: '0707' }]);
  });

  it('delivers custom blocks as frames of their data, with the PEN and no interface', () => {
    const file = concat(
      shb(LE),
      block(LE, 0x40000bad, concat(fields(LE, [[32, 32473]]), Uint8Array.of(1, 2, 3, 4))),
    );
    expect(read(file).of('frame')).toMatchObject([
      {
        block: 'custom',
        pen: 32473,
        interfaceId: -1,
        hasTimestamp: false,
        capturedLength: 4,
        data: '01020304',
      },
    ]);
  });

  it('reads NRB, ISB and DSB, and skips unknown blocks', () => {
    const nrb = block(
      LE,
      4,
      concat(
        fields(LE, [
          [16, 1],
          [16, 10],
        ]),
        pad(Uint8Array.of(10, 0, 0, 1, 0x61, 0, 0x62, 0x63, 0, 0)),
        fields(LE, [
          [16, 2],
          [16, 20],
        ]),
        Uint8Array.of(0x20, 1, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1),
        new TextEncoder().encode('v6\0\0'),
        fields(LE, [
          [16, 0],
          [16, 0],
        ]),
      ),
    );
    const isb = block(
      LE,
      5,
      concat(
        fields(LE, [
          [32, 0],
          [32, 0],
          [32, 0],
        ]),
        option(
          LE,
          4,
          fields(LE, [
            [32, 7],
            [32, 1],
          ]),
        ),
        option(
          LE,
          7,
          fields(LE, [
            [32, 3],
            [32, 0],
          ]),
        ),
        new Uint8Array(4),
      ),
    );
    const dsb = block(
      LE,
      10,
      concat(
        fields(LE, [
          [32, 0x544c534b],
          [32, 3],
        ]),
        pad(new TextEncoder().encode('key')),
      ),
    );
    const unknown = block(LE, 0x12345, Uint8Array.of(1, 2, 3, 4));
    const { of, error } = read(concat(shb(LE), ethernet(LE), nrb, unknown, isb, dsb));
    expect(error).toBeUndefined();
    expect(of('names')).toEqual([
      [
        { address: '10.0.0.1', names: ['a', 'bc'] },
        { address: '2001:db8::1', names: ['v6'] },
      ],
    ]);
    expect(of('statistics')).toEqual([{ interfaceId: 0, received: 7 + 2 ** 32, droppedByOs: 3 }]);
    expect(of('secrets')).toEqual([{ secretsType: 0x544c534b, data: '6b6579' }]);
  });

  it('follows byte order per section and numbers interfaces across sections', () => {
    const file = concat(
      shb(LE),
      ethernet(LE),
      ethernet(LE),
      packet(LE, 1),
      shb(false),
      ethernet(false),
      packet(false, 0),
    );
    const { of, error } = read(file);
    expect(error).toBeUndefined();
    expect(of('interface')).toMatchObject([
      { id: 0, section: 0 },
      { id: 1, section: 0 },
      { id: 2, section: 1 },
    ]);
    expect(of('frame')).toMatchObject([
      { interfaceId: 1, tsSeconds: 5 },
      { interfaceId: 2, tsSeconds: 5 },
    ]);
  });

  it('reads the same events whether fed whole or byte by byte', () => {
    const cuts = Array.from({ length: SMALL.length }, (_, i) => i);
    expect(readInChunks(SMALL, cuts)).toEqual(readInChunks(SMALL));
    const truncated = SMALL.subarray(0, SMALL.length - 3);
    expect(readInChunks(truncated, cuts)).toEqual(readInChunks(truncated));
  });
});
