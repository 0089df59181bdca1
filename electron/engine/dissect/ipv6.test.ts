import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, field, hex, layerLines, type ColumnCase } from './test-support.js';

// Extension-header chains, fragments and broken headers. Expected columns are tshark 4.0.17's.
const CASES: ColumnCase[] = [
  {
    name: 'hop-by-hop then echo',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0018 0040 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 3a00 0502 0000 0100 8000
      0x0040:  f00f 1234 0002 0102 0304 0506 0708
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'ICMPv6', 'Echo (ping) request id=0x1234, seq=2, hop limit=64'],
  },
  {
    name: 'routing then udp',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0018 2b40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 1100 0000 0000 0000 9c40
      0x0040:  9c41 0010 1234 0102 0304 0506 0708
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=8'],
  },
  {
    name: 'fragment first',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0018 2c40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 1100 0001 1234 5678 9c40
      0x0040:  9c41 0010 1234 0102 0304 0506 0708
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'IPv6 fragment (off=0 more=y ident=0x12345678 nxt=17)'],
  },
  {
    name: 'fragment later',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0018 2c40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 1100 00a9 1234 5678 9c40
      0x0040:  9c41 0010 1234 0102 0304 0506 0708
    `),
    expected: [
      '2001:db8::1',
      '2001:db8::2',
      'IPv6',
      'IPv6 fragment (off=168 more=y ident=0x12345678 nxt=17)',
    ],
  },
  {
    name: 'dstopts no next',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0008 3c40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 3b00 0104 0000 0000
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'IPv6 no next header'],
  },
  {
    name: 'pad1 quirk',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0008 0040 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 3b00 0000 0000 0000
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'IPv6 hop-by-hop options[Malformed Packet]'],
  },
  {
    name: 'hopopts missing',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0008 0040 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'IPv6 hop-by-hop options[Malformed Packet]'],
  },
  {
    name: 'invalid header',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0008 3b40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001
    `),
    expected: [
      '2001:db8::1',
      '66:77:88:99:aa:bb',
      'IPv6',
      'Invalid IPv6 header (26 bytes, need exactly 40)[Malformed Packet]',
    ],
  },
  {
    name: 'udp zero checksum',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 000c 1140 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 9c40 9c41 000c 0000 dead
      0x0040:  beef
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'UDP', '40000 → 40001 Len=4 [ILLEGAL CHECKSUM (0)]'],
  },
  {
    name: 'unknown next header',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0004 fd40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 0102 0304
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'Unknown IP Protocol: Unknown (253)'],
  },
  {
    name: 'source route: the last address is the destination',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0024 2b40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 1102 0001 0000 0000 2001
      0x0040:  0db8 0000 0000 0000 0000 0000 0099 9c40
      0x0050:  9c41 000c 0000 dead beef
    `),
    expected: ['2001:db8::1', '2001:db8::99', 'UDP', '40000 → 40001 Len=4 [ILLEGAL CHECKSUM (0)]'],
  },
];

describe('IPv6 columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('IPv6 fields', () => {
  const chain = (name: string) => {
    const d = details(LinkType.EN10MB, CASES.find((c) => c.name === name)!.bytes);
    return d.layers[0]?.fields.find((f) => f.id === 'frame.protocols')?.value;
  };

  it('has every fixed-header field at its range', () => {
    // 0x000e:  6000 0000 0018 0040   # version 6, class 0, flow 0, payload 24, hop-by-hop, hop limit 64
    // 0x0016:  2001 0db8 … 0001      # source 2001:db8::1
    // 0x0026:  2001 0db8 … 0002      # destination 2001:db8::2
    const d = details(LinkType.EN10MB, CASES[0]!.bytes);
    expect(d.layers.find((l) => l.id === 'ipv6')?.title).toBe(
      'Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2',
    );
    expect(layerLines(d, 'ipv6')).toEqual([
      ['ipv6.version', '0110 .... = Version: 6', [14, 18]],
      [
        'ipv6.tclass',
        '.... 0000 0000 .... .... .... .... .... = Traffic Class: 0x00 (DSCP: CS0, ECN: Not-ECT)',
        [14, 18],
      ],
      [
        'ipv6.tclass.dscp',
        '.... 0000 00.. .... .... .... .... .... = Differentiated Services Codepoint: Default (0)',
        [14, 18],
      ],
      [
        'ipv6.tclass.ecn',
        '.... .... ..00 .... .... .... .... .... = Explicit Congestion Notification: Not ECN-Capable Transport (0)',
        [14, 18],
      ],
      ['ipv6.flow', '.... 0000 0000 0000 0000 0000 = Flow Label: 0x00000', [14, 18]],
      ['ipv6.plen', 'Payload Length: 24', [18, 20]],
      ['ipv6.nxt', 'Next Header: IPv6 Hop-by-Hop Option (0)', [20, 21]],
      ['ipv6.hlim', 'Hop Limit: 64', [21, 22]],
      ['ipv6.src', 'Source Address: 2001:db8::1', [22, 38]],
      ['ipv6.dst', 'Destination Address: 2001:db8::2', [38, 54]],
    ]);
    expect(field(d, 'ipv6.hopopts.nxt').range).toEqual([54, 55]);
  });

  it('walks extension headers as layers of their own', () => {
    expect(chain('hop-by-hop then echo')).toBe('eth:ethertype:ipv6:ipv6.hopopts:icmpv6:data');
    expect(chain('routing then udp')).toBe('eth:ethertype:ipv6:ipv6.routing:udp:data');
    expect(chain('fragment later')).toBe('eth:ethertype:ipv6:ipv6.fraghdr:data');
  });
});
