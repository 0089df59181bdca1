import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, hex, layerLines, type ColumnCase } from './test-support.js';

// Both byte orders of the family and the three AF_INET6 values. Expected columns are tshark 4.0.17's.
const NULL_CASES: ColumnCase[] = [
  {
    name: 'null le ipv4',
    bytes: hex(`
      0x0000:  0200 0000 4500 0020 0001 0000 4011 0000
      0x0010:  0a00 0001 0a00 0002 9c40 9c41 000c 0000
      0x0020:  dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'null be ipv4',
    bytes: hex(`
      0x0000:  0000 0002 4500 0020 0001 0000 4011 0000
      0x0010:  0a00 0001 0a00 0002 9c40 9c41 000c 0000
      0x0020:  dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'null 24',
    bytes: hex(`
      0x0000:  1800 0000 6000 0000 000c 1140 2001 0db8
      0x0010:  0000 0000 0000 0000 0000 0001 2001 0db8
      0x0020:  0000 0000 0000 0000 0000 0002 9c40 9c41
      0x0030:  000c 1234 dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'null 28',
    bytes: hex(`
      0x0000:  1c00 0000 6000 0000 000c 1140 2001 0db8
      0x0010:  0000 0000 0000 0000 0000 0001 2001 0db8
      0x0020:  0000 0000 0000 0000 0000 0002 9c40 9c41
      0x0030:  000c 1234 dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'null 30',
    bytes: hex(`
      0x0000:  1e00 0000 6000 0000 000c 1140 2001 0db8
      0x0010:  0000 0000 0000 0000 0000 0001 2001 0db8
      0x0020:  0000 0000 0000 0000 0000 0002 9c40 9c41
      0x0030:  000c 1234 dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'null unknown',
    bytes: hex(`
      0x0000:  9900 0000 0102
    `),
    expected: ['N/A', 'N/A', 'N/A', 'Null/Loopback'],
  },
  {
    name: 'null short',
    bytes: hex(`
      0x0000:  0200 00
    `),
    expected: ['N/A', 'N/A', 'N/A', 'Null/Loopback[Malformed Packet]'],
  },
  {
    name: 'an EtherType where the family belongs',
    bytes: hex(`
      0x0000:  0f00 0800 4500 0020 0001 0000 4011 0000
      0x0010:  0a00 0001 0a00 0002 9c40 9c41 000c 0000
      0x0020:  dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
];

const LOOP_CASES: ColumnCase[] = [
  {
    name: 'loop ipv4',
    bytes: hex(`
      0x0000:  0000 0002 4500 0020 0001 0000 4011 0000
      0x0010:  0a00 0001 0a00 0002 9c40 9c41 000c 0000
      0x0020:  dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'loop ipv6',
    bytes: hex(`
      0x0000:  0000 0018 6000 0000 000c 1140 2001 0db8
      0x0010:  0000 0000 0000 0000 0000 0001 2001 0db8
      0x0020:  0000 0000 0000 0000 0000 0002 9c40 9c41
      0x0030:  000c 1234 dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
];

describe('BSD loopback columns', () => {
  const ours = columnsOf(LinkType.NULL, NULL_CASES);
  it.each(NULL_CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))(
    '%s',
    (_name, expected, actual) => {
      expect(actual).toEqual(expected);
    },
  );
  const loop = columnsOf(LinkType.LOOP, LOOP_CASES);
  it.each(LOOP_CASES.map((c, i) => [c.name, c.expected, loop[i]] as const))(
    '%s',
    (_name, expected, actual) => {
      expect(actual).toEqual(expected);
    },
  );
});

describe('BSD loopback fields', () => {
  it('the family, in whichever byte order it was written', () => {
    expect(layerLines(details(LinkType.NULL, NULL_CASES[0]!.bytes), 'null')).toEqual([
      ['null.family', 'Family: IP (2)', [0, 4]],
    ]);
    expect(layerLines(details(LinkType.NULL, NULL_CASES[1]!.bytes), 'null')).toEqual([
      ['null.family', 'Family: IP (2)', [0, 4]],
    ]);
    expect(layerLines(details(LinkType.NULL, NULL_CASES[4]!.bytes), 'null')).toEqual([
      ['null.family', 'Family: IPv6 (30)', [0, 4]],
    ]);
  });
});
