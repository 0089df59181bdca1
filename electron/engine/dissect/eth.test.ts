import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, field, hex, layerLines, summarize, type ColumnCase } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same bytes (`tshark -n`, default preferences).
const CASES: ColumnCase[] = [
  {
    name: 'eth ipv4 udp',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'eth padded',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef 0000
      0x0030:  0000 0000 0000 0000 0000 0000 0000
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'vlan',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 8100 2064
      0x0010:  0800 4500 0020 0001 0000 4011 0000 0a00
      0x0020:  0001 0a00 0002 9c40 9c41 000c 0000 dead
      0x0030:  beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'qinq',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 88a8 0064
      0x0010:  8100 00c8 0800 4500 0020 0001 0000 4011
      0x0020:  0000 0a00 0001 0a00 0002 9c40 9c41 000c
      0x0030:  0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'vlan unknown',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 8100 a005
      0x0010:  9999 0102
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', '0x9999', 'PRI: 5  DEI: 0  ID: 5'],
  },
  {
    name: 'unregistered ethertype with a name',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 88b5 0102
      0x0010:  0304
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', '0x88b5', 'Local Experimental Ethertype 1'],
  },
  {
    name: 'unknown ethertype',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 9999 0102
      0x0010:  0304
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', '0x9999', 'Ethernet II'],
  },
  {
    name: '802.3 llc',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0006 1213
      0x0010:  0301 0203
    `),
    expected: [
      '66:77:88:99:aa:bb',
      '00:11:22:33:44:55',
      'LLC',
      'U, func=UI; DSAP 0x12 Individual, SSAP 0x12 Response',
    ],
  },
  {
    name: '802.3 snap ip',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0028 aaaa
      0x0010:  0300 0000 0800 4500 0020 0001 0000 4011
      0x0020:  0000 0a00 0001 0a00 0002 9c40 9c41 000c
      0x0030:  0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'invalid length/type',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 05ff 0102
    `),
    expected: [
      '66:77:88:99:aa:bb',
      '00:11:22:33:44:55',
      'Ethernet',
      'Ethernet Unknown: Invalid length/type: 0x05ff (1535)',
    ],
  },
  {
    name: 'short eth',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 08
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', 'Ethernet', '[Malformed Packet]'],
  },
  {
    name: '11 bytes',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aa
    `),
    expected: ['', '00:11:22:33:44:55', 'Ethernet', '[Malformed Packet]'],
  },
  {
    name: 'snaplen ip',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0001
    `),
    originalLength: 60,
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', 'IPv4', '[Packet size limited during capture]'],
  },
];

describe('Ethernet, VLAN and LLC columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('Ethernet II details', () => {
  // 0x0000:  0011 2233 4455   # destination
  // 0x0006:  6677 8899 aabb   # source (globally unique, unicast)
  // 0x000c:  0800             # type IPv4, then a 20-byte IPv4 header and 12 bytes of UDP
  const frame = CASES[1]!.bytes; // padded to 60 bytes with 14 zero bytes
  const d = details(LinkType.EN10MB, frame);

  it('has every field at its range', () => {
    expect(layerLines(d, 'eth').slice(0, 10)).toEqual([
      ['eth.dst', 'Destination: 00:11:22:33:44:55', [0, 6]],
      ['eth.addr', 'Address: 00:11:22:33:44:55', [0, 6]],
      [
        'eth.dst.lg',
        '.... ..0. .... .... .... .... = LG bit: Globally unique address (factory default)',
        [0, 6],
      ],
      ['eth.dst.ig', '.... ...0 .... .... .... .... = IG bit: Individual address (unicast)', [0, 6]],
      ['eth.src', 'Source: 66:77:88:99:aa:bb', [6, 12]],
      ['eth.addr', 'Address: 66:77:88:99:aa:bb', [6, 12]],
      [
        'eth.src.lg',
        '.... ..1. .... .... .... .... = LG bit: Locally administered address (this is NOT the factory default)',
        [6, 12],
      ],
      ['eth.src.ig', '.... ...0 .... .... .... .... = IG bit: Individual address (unicast)', [6, 12]],
      ['eth.type', 'Type: IPv4 (0x0800)', [12, 14]],
      ['eth.padding', 'Padding: 0000000000000000000000000000', [46, 60]],
    ]);
    expect(d.layers[1]?.title).toBe('Ethernet II, Src: 66:77:88:99:aa:bb, Dst: 00:11:22:33:44:55');
  });

  it('lists the layers in frame.protocols order', () => {
    expect(field(d, 'frame.protocols').value).toBe('eth:ethertype:ip:udp:data');
  });
});

describe('VLAN tags', () => {
  it('reads an 802.1Q tag and hands on to its type', () => {
    const d = details(LinkType.EN10MB, CASES[2]!.bytes);
    expect(layerLines(d, 'vlan')).toEqual([
      ['vlan.priority', '001. .... .... .... = Priority: Background (1)', [14, 16]],
      ['vlan.dei', '...0 .... .... .... = DEI: Ineligible', [14, 16]],
      ['vlan.id', '.... 0000 0110 0100 = ID: 100', [14, 16]],
      ['vlan.etype', 'Type: IPv4 (0x0800)', [16, 18]],
    ]);
  });

  it('reads QinQ: an 802.1ad service tag, then an 802.1Q tag', () => {
    const d = details(LinkType.EN10MB, CASES[3]!.bytes);
    expect(d.layers.map((l) => l.id).slice(1, 5)).toEqual(['eth', 'ieee8021ad', 'vlan', 'ip']);
    expect(field(d, 'ieee8021ad.id').value).toBe(100);
    expect(field(d, 'vlan.id').value).toBe(200);
  });
});

describe('impossible and cut-short frames', () => {
  it('flags a frame shorter than its header as malformed', () => {
    const out = summarize(LinkType.EN10MB, hex('0011 2233 4455 6677 8899 aabb 08'));
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
    expect(out.info).toBe('[Malformed Packet]');
  });

  it('tells truncation by snap length apart from malformation', () => {
    const out = summarize(LinkType.EN10MB, CASES[12]!.bytes, { originalLength: 60 });
    expect(out.flags & FrameFlag.Truncated).toBeTruthy();
    expect(out.flags & FrameFlag.SnapLimited).toBeTruthy();
    expect(out.flags & FrameFlag.Malformed).toBe(0);
    const d = details(LinkType.EN10MB, CASES[12]!.bytes, { originalLength: 60 });
    expect(d.problems).toEqual([expect.objectContaining({ kind: 'truncated', layer: 'ip' })]);
  });
});
