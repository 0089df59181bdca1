import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, hex, type ColumnCase } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same bytes.
const RAW_CASES: ColumnCase[] = [
  {
    name: 'raw ipv4',
    bytes: hex(`
      0x0000:  4500 0020 0001 0000 4011 0000 0a00 0001
      0x0010:  0a00 0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'raw ipv6',
    bytes: hex(`
      0x0000:  6000 0000 000c 1140 2001 0db8 0000 0000
      0x0010:  0000 0000 0000 0001 2001 0db8 0000 0000
      0x0020:  0000 0000 0000 0002 9c40 9c41 000c 1234
      0x0030:  dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'raw short',
    bytes: hex(`
      0x0000:  4500 0020
    `),
    expected: ['N/A', 'N/A', 'N/A', 'Raw packet data[Malformed Packet]'],
  },
  {
    name: 'raw other',
    bytes: hex(`
      0x0000:  0102 0304 0506 0708
    `),
    expected: ['N/A', 'N/A', 'N/A', 'Raw packet data'],
  },
];

const IPV4_CASES: ColumnCase[] = [
  {
    name: 'linktype ipv4',
    bytes: hex(`
      0x0000:  4500 0020 0001 0000 4011 0000 0a00 0001
      0x0010:  0a00 0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'linktype ipv4 with v6',
    bytes: hex(`
      0x0000:  6000 0000 000c 1140 2001 0db8 0000 0000
      0x0010:  0000 0000 0000 0001 2001 0db8 0000 0000
      0x0020:  0000 0000 0000 0002 9c40 9c41 000c 1234
      0x0030:  dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
];

const IPV6_CASES: ColumnCase[] = [
  {
    name: 'linktype ipv6',
    bytes: hex(`
      0x0000:  6000 0000 000c 1140 2001 0db8 0000 0000
      0x0010:  0000 0000 0000 0001 2001 0db8 0000 0000
      0x0020:  0000 0000 0000 0002 9c40 9c41 000c 1234
      0x0030:  dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'linktype ipv6 with v4',
    bytes: hex(`
      0x0000:  4500 0020 0001 0000 4011 0000 0a00 0001
      0x0010:  0a00 0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['', '', 'IPv6', 'Bogus IPv6 version (4, must be 6)'],
  },
];

describe('raw IP link types', () => {
  // OpenBSD-era files write DLT_RAW's own value (12 or 14): the same encapsulation.
  for (const linkType of [LinkType.RAW, 12, 14]) {
    const ours = columnsOf(linkType, RAW_CASES);
    it.each(RAW_CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))(
      `%s (link type ${linkType})`,
      (_name, expected, actual) => {
        expect(actual).toEqual(expected);
      },
    );
  }
  const v4 = columnsOf(LinkType.IPV4, IPV4_CASES);
  it.each(IPV4_CASES.map((c, i) => [c.name, c.expected, v4[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
  const v6 = columnsOf(LinkType.IPV6, IPV6_CASES);
  it.each(IPV6_CASES.map((c, i) => [c.name, c.expected, v6[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });

  it('lists the layers as frame.protocols does', () => {
    const layers = (linkType: number, bytes: Uint8Array) =>
      details(linkType, bytes).layers[0]?.fields.find((f) => f.id === 'frame.protocols')?.value;
    expect(layers(LinkType.RAW, RAW_CASES[0]!.bytes)).toBe('raw:ip:udp:data');
    expect(layers(LinkType.IPV4, IPV4_CASES[0]!.bytes)).toBe('ip:udp:data');
    expect(layers(LinkType.IPV6, IPV6_CASES[0]!.bytes)).toBe('ipv6:udp:data');
  });
});
