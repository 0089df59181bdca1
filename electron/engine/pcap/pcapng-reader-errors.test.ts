import { describe, expect, it } from 'vitest';
import { concat, epb, idb, readAll, shb } from './test-bytes.js';

/**
 * Each case damages one field of this file (built with the helpers below) and checks the error:
 *
 *   0x0000:  0a0d 0d0a 1c00 0000 4d3c 2b1a 0100 0000   SHB, length 28, LE, version 1.0
 *   0x0010:  ffff ffff ffff ffff 1c00 0000 0100 0000   section length -1, length | IDB
 *   0x0020:  1400 0000 0100 0000 0000 0000 1400 0000   length 20, Ethernet, snaplen 0, length
 *   0x0030:  0600 0000 2400 0000 0000 0000 0000 0000   EPB, length 36, interface 0, ts high 0
 *   0x0040:  404b 4c00 0300 0000 0300 0000 0102 0300   ts low 5000000 (5 s at µs), caplen 3, len 3
 *   0x0050:  2400 0000                                 length
 */
const LE = true;
const none: Uint8Array = new Uint8Array(0);
const ethernet = (le: boolean, options: Uint8Array = none) => idb(le, 1, 0, options);
const packet = (le: boolean, interfaceId: number, data = Uint8Array.of(1, 2, 3)) =>
  epb(le, { interfaceId, high: 0, low: 5_000_000, data });

const read = readAll;

describe('pcapng reader: bad input', () => {
  const base = concat(shb(LE), ethernet(LE));
  const at = base.length;

  it('stops at an unknown SHB major version, like tshark', () => {
    const { of, error } = read(concat(base, packet(LE, 0), shb(LE, none, 2), packet(LE, 0)));
    expect(of('frame')).toHaveLength(1);
    expect(error).toEqual({
      offset: at + 36,
      blockType: 'SHB',
      kind: 'unsupported',
      message: 'unknown SHB version 2.0 (only 1.x is defined)',
    });
  });

  it('reports an EPB cut short', () => {
    const big = epb(LE, { interfaceId: 0, high: 0, low: 0, data: new Uint8Array(1484) });
    expect(big.length).toBe(1516);
    expect(read(concat(base, big).subarray(0, at + 120)).error).toEqual({
      offset: at,
      blockType: 'EPB',
      kind: 'truncated',
      message: 'the file ends inside an EPB: 120 of 1516 bytes',
    });
    expect(read(concat(base, big).subarray(0, at + 6)).error).toEqual({
      offset: at,
      blockType: 'EPB',
      kind: 'truncated',
      message: 'the file ends inside an EPB header: 6 of 8 bytes',
    });
  });

  it('reports impossible block lengths', () => {
    const cases: [number, string][] = [
      [30, 'block total length 30 is not a multiple of 4'],
      [28, 'block total length 28 is less than the 32 bytes an EPB needs'],
      [0x20000000, 'block total length 536870912 is larger than the 268566560-byte maximum'],
    ];
    for (const [length, message] of cases) {
      const bad = packet(LE, 0);
      new DataView(bad.buffer).setUint32(4, length, true);
      expect(read(concat(base, bad)).error).toEqual({
        offset: at,
        blockType: 'EPB',
        kind: 'corrupt',
        message,
      });
    }
  });

  it('reports a trailing length that differs from the leading one', () => {
    const bad = packet(LE, 0);
    new DataView(bad.buffer).setUint32(bad.length - 4, 32, true);
    expect(read(concat(base, bad)).error).toEqual({
      offset: at,
      blockType: 'EPB',
      kind: 'corrupt',
      message: 'block total length 36 does not match the 32 at the end of the block',
    });
  });

  it('reports a captured length larger than the block, and an undeclared interface', () => {
    const bad = packet(LE, 0);
    new DataView(bad.buffer).setUint32(20, 9, true);
    expect(read(concat(base, bad)).error).toMatchObject({
      kind: 'corrupt',
      message: 'captured length 9 does not fit in the 4 bytes of packet data the block holds',
    });
    expect(read(concat(base, packet(LE, 3))).error).toMatchObject({
      offset: at,
      kind: 'corrupt',
      message: 'an EPB refers to interface 3, but its section declares only 1',
    });
  });

  it('calls a file with a bad first byte-order magic not a capture', () => {
    const bad = shb(LE);
    bad[8] = 0;
    expect(read(bad).error).toEqual({
      offset: 0,
      blockType: 'SHB',
      kind: 'not-a-capture',
      message: 'not a pcapng file (byte-order magic 1a2b3c00 instead of 1a2b3c4d)',
    });
  });
});
