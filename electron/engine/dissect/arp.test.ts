import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, hex, layerLines, summarize, type ColumnCase } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same bytes.
const CASES: ColumnCase[] = [
  {
    name: 'request',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 0806 0001
      0x0010:  0800 0604 0001 0011 2233 4455 0a00 0001
      0x0020:  0000 0000 0000 0a00 0002
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'ARP', 'Who has 10.0.0.2? Tell 10.0.0.1'],
  },
  {
    name: 'reply',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0806 0001
      0x0010:  0800 0604 0002 6677 8899 aabb 0a00 0002
      0x0020:  0011 2233 4455 0a00 0001
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', 'ARP', '10.0.0.2 is at 66:77:88:99:aa:bb'],
  },
  {
    name: 'gratuitous',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 0806 0001
      0x0010:  0800 0604 0001 0011 2233 4455 0a00 0001
      0x0020:  ffff ffff ffff 0a00 0001
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'ARP', 'Gratuitous ARP for 10.0.0.1 (Request)'],
  },
  {
    name: 'announcement',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 0806 0001
      0x0010:  0800 0604 0001 0011 2233 4455 0a00 0001
      0x0020:  0000 0000 0000 0a00 0001
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'ARP', 'ARP Announcement for 10.0.0.1'],
  },
  {
    name: 'probe',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 0806 0001
      0x0010:  0800 0604 0001 0011 2233 4455 0000 0000
      0x0020:  0000 0000 0000 0a00 0003
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'ARP', 'Who has 10.0.0.3? (ARP Probe)'],
  },
  {
    name: 'gratuitous reply',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 0806 0001
      0x0010:  0800 0604 0002 0011 2233 4455 0a00 0001
      0x0020:  0011 2233 4455 0a00 0001
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'ARP', 'Gratuitous ARP for 10.0.0.1 (Reply)'],
  },
  {
    name: 'rarp request',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 8035 0001
      0x0010:  0800 0604 0003 0011 2233 4455 0000 0000
      0x0020:  0011 2233 4455 0000 0000
    `),
    expected: [
      '00:11:22:33:44:55',
      'ff:ff:ff:ff:ff:ff',
      'RARP',
      'Who is 00:11:22:33:44:55? Tell 00:11:22:33:44:55',
    ],
  },
  {
    name: 'rarp reply',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 8035 0001
      0x0010:  0800 0604 0004 6677 8899 aabb 0a00 0009
      0x0020:  0011 2233 4455 0a00 0005
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'RARP', '00:11:22:33:44:55 is at 10.0.0.5'],
  },
  {
    name: 'short',
    bytes: hex(`
      0x0000:  ffff ffff ffff 0011 2233 4455 0806 0001
      0x0010:  0800 0604 0001 0011
    `),
    expected: ['00:11:22:33:44:55', 'ff:ff:ff:ff:ff:ff', 'ARP', '[Malformed Packet]'],
  },
];

describe('ARP columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('ARP fields', () => {
  it('has every field at its range', () => {
    // 0x000e:  0001 0800 06 04 0001                 # Ethernet/IPv4, sizes 6/4, request
    // 0x0016:  0011 2233 4455 0a00 0001             # sender 00:11:22:33:44:55 10.0.0.1
    // 0x0020:  0000 0000 0000 0a00 0002             # target 00:00:00:00:00:00 10.0.0.2
    const d = details(LinkType.EN10MB, CASES[0]!.bytes);
    expect(d.layers.find((l) => l.id === 'arp')?.title).toBe('Address Resolution Protocol (request)');
    expect(layerLines(d, 'arp')).toEqual([
      ['arp.hw.type', 'Hardware type: Ethernet (1)', [14, 16]],
      ['arp.proto.type', 'Protocol type: IPv4 (0x0800)', [16, 18]],
      ['arp.hw.size', 'Hardware size: 6', [18, 19]],
      ['arp.proto.size', 'Protocol size: 4', [19, 20]],
      ['arp.opcode', 'Opcode: request (1)', [20, 22]],
      ['arp.src.hw_mac', 'Sender MAC address: 00:11:22:33:44:55', [22, 28]],
      ['arp.src.proto_ipv4', 'Sender IP address: 10.0.0.1', [28, 32]],
      ['arp.dst.hw_mac', 'Target MAC address: 00:00:00:00:00:00', [32, 38]],
      ['arp.dst.proto_ipv4', 'Target IP address: 10.0.0.2', [38, 42]],
    ]);
  });

  it('addresses longer than the packet are malformed', () => {
    const out = summarize(LinkType.EN10MB, hex('ffffffffffff 001122334455 0806 0001 0800 0604 0001 0011'));
    expect(out).toMatchObject({ protocol: 'ARP', info: '[Malformed Packet]' });
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
  });
});
