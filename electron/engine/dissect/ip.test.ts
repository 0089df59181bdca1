import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, field, hex, layerLines, summarize, type ColumnCase } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same bytes (`tshark -n`, default preferences).
const CASES: ColumnCase[] = [
  {
    name: 'ip bogus version',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 5500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', 'IPv4', 'Bogus IPv4 version (5, must be 4)'],
  },
  {
    name: 'ip bogus hlen',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4300
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: [
      '66:77:88:99:aa:bb',
      '00:11:22:33:44:55',
      'IPv4',
      'Bogus IP header length (12, must be at least 20)',
    ],
  },
  {
    name: 'ip bogus len',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0010 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: [
      '66:77:88:99:aa:bb',
      '00:11:22:33:44:55',
      'IPv4',
      'Bogus IP length (16, less than header length 20)',
    ],
  },
  {
    name: 'ip first fragment',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0abc 2000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'IPv4', 'Fragmented IP protocol (proto=UDP 17, off=0, ID=0abc)'],
  },
  {
    name: 'ip later fragment',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0abc 00b9 4006 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'IPv4', 'Fragmented IP protocol (proto=TCP 6, off=1480, ID=0abc)'],
  },
  {
    name: 'ip options',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4600
      0x0010:  0024 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9404 0000 9c40 9c41 000c 0000 dead
      0x0030:  beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'ip unknown proto',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0018 0001 0000 40fd 0000 0a00 0001 0a00
      0x0020:  0002 0102 0304
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'IPv4', 'Unknown (253)'],
  },
  {
    name: 'ip tso zero length',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0000 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
  {
    name: 'ip cut before dst',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
    `),
    expected: ['10.0.0.1', '00:11:22:33:44:55', 'IPv4', '[Malformed Packet]'],
  },
  {
    name: '6in4',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  003c 0001 0000 4029 0000 0a00 0001 0a00
      0x0020:  0002 6000 0000 0000 3b40 2001 0db8 0000
      0x0030:  0000 0000 0000 0000 0001 2001 0db8 0000
      0x0040:  0000 0000 0000 0000 0002
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'IPv6 no next header'],
  },
  {
    name: 'ipv6 behind 0800',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 6000
      0x0010:  0000 0000 3b40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'IPv6', 'IPv6 no next header'],
  },
  {
    name: 'ipv4 behind 86dd',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 86dd 4500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `),
    expected: ['66:77:88:99:aa:bb', '00:11:22:33:44:55', '0x86dd', 'IPv6'],
  },
];

describe('IPv4 columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('IPv4 header fields', () => {
  // 0x0000:  0011 2233 4455 6677 8899 aabb 0800        # Ethernet, type IPv4
  // 0x000e:  4600 0024 0001 0000 4011 0000             # v4, IHL 6, len 36, id 1, ttl 64, UDP, csum 0
  // 0x001a:  0a00 0001 0a00 0002                       # 10.0.0.1 → 10.0.0.2
  // 0x0022:  9404 0000                                 # option: Router Alert
  // 0x0026:  9c40 9c41 000c 0000 dead beef             # UDP 40000 → 40001, 4 bytes
  const withOptions = CASES.find((c) => c.name === 'ip options')!.bytes;

  it('has every field at its range, worded as in Wireshark', () => {
    const d = details(LinkType.EN10MB, withOptions);
    expect(d.layers.find((l) => l.id === 'ip')?.title).toBe(
      'Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2',
    );
    expect(layerLines(d, 'ip')).toEqual([
      ['ip.version', '0100 .... = Version: 4', [14, 15]],
      ['ip.hdr_len', '.... 0110 = Header Length: 24 bytes (6)', [14, 15]],
      ['ip.dsfield', 'Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT)', [15, 16]],
      ['ip.dsfield.dscp', '0000 00.. = Differentiated Services Codepoint: Default (0)', [15, 16]],
      [
        'ip.dsfield.ecn',
        '.... ..00 = Explicit Congestion Notification: Not ECN-Capable Transport (0)',
        [15, 16],
      ],
      ['ip.len', 'Total Length: 36', [16, 18]],
      ['ip.id', 'Identification: 0x0001 (1)', [18, 20]],
      ['ip.flags', '000. .... = Flags: 0x0', [20, 22]],
      ['ip.flags.rb', '0... .... = Reserved bit: Not set', [20, 22]],
      ['ip.flags.df', ".0.. .... = Don't fragment: Not set", [20, 22]],
      ['ip.flags.mf', '..0. .... = More fragments: Not set', [20, 22]],
      ['ip.frag_offset', '...0 0000 0000 0000 = Fragment Offset: 0', [20, 22]],
      ['ip.ttl', 'Time to Live: 64', [22, 23]],
      ['ip.proto', 'Protocol: UDP (17)', [23, 24]],
      ['ip.checksum', 'Header Checksum: 0x0000 [validation disabled]', [24, 26]],
      ['ip.src', 'Source Address: 10.0.0.1', [26, 30]],
      ['ip.dst', 'Destination Address: 10.0.0.2', [30, 34]],
      ['ip.options', 'Options: (4 bytes)', [34, 38]],
      ['ip.opt.type', 'IP Option - Router Alert', [34, 35]],
      ['ip.opt.type', 'Type: 148', [34, 35]],
      ['ip.opt.len', 'Length: 4', [35, 36]],
    ]);
    expect(field(d, 'ip.src').value).toBe('10.0.0.1');
    expect(field(d, 'udp.srcport').range).toEqual([38, 40]);
  });

  it('shows a fragment as data, without the transport layer', () => {
    const d = details(LinkType.EN10MB, CASES.find((c) => c.name === 'ip later fragment')!.bytes);
    expect(d.layers.map((l) => l.id)).toEqual(['frame', 'eth', 'ip', 'data']);
    expect(field(d, 'ip.frag_offset').value).toBe(185);
  });
});

describe('impossible IPv4 lengths', () => {
  it.each([
    ['a header length below 20', 'ip bogus hlen'],
    ['a total length below the header length', 'ip bogus len'],
    ['a version that is not 4', 'ip bogus version'],
  ])('flags %s as malformed without an exception', (_what, name) => {
    const out = summarize(LinkType.EN10MB, CASES.find((c) => c.name === name)!.bytes);
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
    expect(out.info).not.toContain('[Malformed Packet]');
  });

  it('flags a total length beyond the frame, and still decodes what is there', () => {
    // 0x000e:  4500 00ff ...   # total length 255 in a 46-byte packet
    const bytes = hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  00ff 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 000c 0000 dead beef
    `);
    const d = details(LinkType.EN10MB, bytes);
    expect(d.problems.map((p) => p.message)).toContain('IPv4 total length exceeds packet length');
    expect(field(d, 'udp.length').value).toBe(12);
  });

  it('cut by the snap length: truncated, not malformed', () => {
    const bytes = hex('0011 2233 4455 6677 8899 aabb 0800 4500 0020 0001 0000 4011');
    const out = summarize(LinkType.EN10MB, bytes, { originalLength: 46 });
    expect(out).toMatchObject({ protocol: 'IPv4', info: '[Packet size limited during capture]' });
    expect(out.flags & (FrameFlag.Truncated | FrameFlag.SnapLimited)).toBe(
      FrameFlag.Truncated | FrameFlag.SnapLimited,
    );
    expect(out.flags & FrameFlag.Malformed).toBe(0);
  });
});
