import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, hex, layerLines, type ColumnCase } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same bytes.
const SLL: ColumnCase[] = [
  {
    name: 'sll v1 eth',
    bytes: hex(`
      0x0000:  0000 0001 0006 0011 2233 4455 0000 0800
      0x0010:  4500 0020 0001 0000 4011 0000 0a00 0001
      0x0020:  0a00 0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'sll v1 ipv4 addr',
    bytes: hex(`
      0x0000:  0004 0001 0004 0a0b 0c0d 0000 0000 0800
      0x0010:  4500 0020 0001 0000 4011 0000 0a00 0001
      0x0020:  0a00 0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'sll v1 no addr',
    bytes: hex(`
      0x0000:  0004 0200 0000 0000 0000 0000 0000 0800
      0x0010:  4500 0020 0001 0000 4011 0000 0a00 0001
      0x0020:  0a00 0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'sll llc',
    bytes: hex(`
      0x0000:  0000 0001 0006 0011 2233 4455 0000 0004
      0x0010:  1212 0301 02
    `),
    expected: ['00:11:22:33:44:55', '', 'LLC', 'U, func=UI; DSAP 0x12 Individual, SSAP 0x12 Command'],
  },
  {
    name: 'sll unknown ltype',
    bytes: hex(`
      0x0000:  0003 0001 0006 0011 2233 4455 0000 0005
      0x0010:  0102
    `),
    expected: ['00:11:22:33:44:55', '', 'SLL', 'Unicast to another host'],
  },
  {
    name: 'sll arp',
    bytes: hex(`
      0x0000:  0001 0001 0006 0011 2233 4455 0000 0806
      0x0010:  0001 0800 0604 0001 0011 2233 4455 0a00
      0x0020:  0001 0000 0000 0000 0a00 0002
    `),
    expected: ['00:11:22:33:44:55', '', 'ARP', 'Who has 10.0.0.2? Tell 10.0.0.1'],
  },
  {
    name: 'sll short',
    bytes: hex(`
      0x0000:  0000 0001 0006 0011 2233
    `),
    expected: ['', '', 'SLL', 'Unicast to us[Malformed Packet]'],
  },
];

const SLL2: ColumnCase[] = [
  {
    name: 'sll2 ipv4',
    bytes: hex(`
      0x0000:  0800 0000 0000 0003 0001 0006 0011 2233
      0x0010:  4455 0000 4500 0020 0001 0000 4011 0000
      0x0020:  0a00 0001 0a00 0002 9c40 9c41 000c 0000
      0x0030:  dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'sll2 unknown',
    bytes: hex(`
      0x0000:  0005 0000 0000 0003 0001 0406 0011 2233
      0x0010:  4455 0000 0102
    `),
    expected: ['00:11:22:33:44:55', '', 'SLL', 'Unknown (1030)'],
  },
  {
    name: 'sll2 short',
    bytes: hex(`
      0x0000:  0800 0000 0000 0003 0001 0406 0011 2233
    `),
    expected: ['', '', 'SLL', 'Unknown (1030)[Malformed Packet]'],
  },
];

describe('Linux cooked capture columns', () => {
  const v1 = columnsOf(LinkType.LINUX_SLL, SLL);
  it.each(SLL.map((c, i) => [c.name, c.expected, v1[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
  const v2 = columnsOf(LinkType.LINUX_SLL2, SLL2);
  it.each(SLL2.map((c, i) => [c.name, c.expected, v2[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('SLL header fields', () => {
  it('v1: every field at its range', () => {
    // 0x0000:  0000 0001 0006 0011 2233 4455 0000 0800   # to us, Ethernet, 6-byte address, IPv4
    const d = details(LinkType.LINUX_SLL, SLL[0]!.bytes);
    expect(layerLines(d, 'sll')).toEqual([
      ['sll.pkttype', 'Packet type: Unicast to us (0)', [0, 2]],
      ['sll.hatype', 'Link-layer address type: Ethernet (1)', [2, 4]],
      ['sll.halen', 'Link-layer address length: 6', [4, 6]],
      ['sll.src.eth', 'Source: 00:11:22:33:44:55', [6, 12]],
      ['sll.unused', 'Unused: 0000', [12, 14]],
      ['sll.etype', 'Protocol: IPv4 (0x0800)', [14, 16]],
    ]);
  });

  it('v2: every field at its range', () => {
    // 0x0000:  0800 0000 0000 0003 0001 00 06 0011 2233 4455 0000   # IPv4, ifindex 3, Ethernet, to us
    const d = details(LinkType.LINUX_SLL2, SLL2[0]!.bytes);
    expect(d.layers[1]?.title).toBe('Linux cooked capture v2');
    expect(layerLines(d, 'sll')).toEqual([
      ['sll.etype', 'Protocol: IPv4 (0x0800)', [0, 2]],
      ['sll.ifindex', 'Interface index: 3', [4, 8]],
      ['sll.hatype', 'Link-layer address type: Ethernet (1)', [8, 10]],
      ['sll.pkttype', 'Packet type: Unicast to us (0)', [10, 11]],
      ['sll.halen', 'Link-layer address length: 6', [11, 12]],
      ['sll.src.eth', 'Source: 00:11:22:33:44:55', [12, 18]],
      ['sll.unused', 'Unused: 0000', [18, 20]],
    ]);
  });
});
