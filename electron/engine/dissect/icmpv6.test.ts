import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, field, hex, TestLane, type ColumnCase } from './test-support.js';

// Neighbor discovery, MLD, echo pairing and an error. Expected columns are tshark 4.0.17's.
const CASES: ColumnCase[] = [
  {
    name: 'ns',
    bytes: hex(`
      0x0000:  3333 0000 0001 0011 2233 4455 86dd 6000
      0x0010:  0000 0020 3aff fe80 0000 0000 0000 0211
      0x0020:  22ff fe33 4455 ff02 0000 0000 0000 0000
      0x0030:  0000 0000 0001 8700 0000 0000 0000 fe80
      0x0040:  0000 0000 0000 0000 0000 0000 0099 0101
      0x0050:  0011 2233 4455
    `),
    expected: [
      'fe80::211:22ff:fe33:4455',
      'ff02::1',
      'ICMPv6',
      'Neighbor Solicitation for fe80::99 from 00:11:22:33:44:55',
    ],
  },
  {
    name: 'na',
    bytes: hex(`
      0x0000:  3333 0000 0001 0011 2233 4455 86dd 6000
      0x0010:  0000 0020 3aff fe80 0000 0000 0000 0211
      0x0020:  22ff fe33 4455 ff02 0000 0000 0000 0000
      0x0030:  0000 0000 0001 8800 0000 6000 0000 fe80
      0x0040:  0000 0000 0000 0000 0000 0000 0099 0201
      0x0050:  0011 2233 4455
    `),
    expected: [
      'fe80::211:22ff:fe33:4455',
      'ff02::1',
      'ICMPv6',
      'Neighbor Advertisement fe80::99 (sol, ovr) is at 00:11:22:33:44:55',
    ],
  },
  {
    name: 'rs',
    bytes: hex(`
      0x0000:  3333 0000 0001 0011 2233 4455 86dd 6000
      0x0010:  0000 0010 3aff fe80 0000 0000 0000 0211
      0x0020:  22ff fe33 4455 ff02 0000 0000 0000 0000
      0x0030:  0000 0000 0001 8500 0000 0000 0000 0101
      0x0040:  0011 2233 4455
    `),
    expected: ['fe80::211:22ff:fe33:4455', 'ff02::1', 'ICMPv6', 'Router Solicitation from 00:11:22:33:44:55'],
  },
  {
    name: 'ra',
    bytes: hex(`
      0x0000:  3333 0000 0001 0011 2233 4455 86dd 6000
      0x0010:  0000 0018 3aff fe80 0000 0000 0000 0211
      0x0020:  22ff fe33 4455 ff02 0000 0000 0000 0000
      0x0030:  0000 0000 0001 8600 0000 4000 0708 0000
      0x0040:  0000 0000 0000 0101 0011 2233 4455
    `),
    expected: [
      'fe80::211:22ff:fe33:4455',
      'ff02::1',
      'ICMPv6',
      'Router Advertisement from 00:11:22:33:44:55',
    ],
  },
  {
    name: 'mldv2 report',
    bytes: hex(`
      0x0000:  3333 0000 0001 0011 2233 4455 86dd 6000
      0x0010:  0000 0008 3aff fe80 0000 0000 0000 0211
      0x0020:  22ff fe33 4455 ff02 0000 0000 0000 0000
      0x0030:  0000 0000 0001 8f00 0000 0000 0000
    `),
    expected: ['fe80::211:22ff:fe33:4455', 'ff02::1', 'ICMPv6', 'Multicast Listener Report Message v2'],
  },
  {
    name: 'echo request',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 86dd 6000
      0x0010:  0000 0010 3a40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0002 8000 f00f 1234 0001 0102
      0x0040:  0304 0506 0708
    `),
    expected: ['2001:db8::1', '2001:db8::2', 'ICMPv6', 'Echo (ping) request id=0x1234, seq=1, hop limit=64'],
  },
  {
    name: 'echo reply',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 86dd 6000
      0x0010:  0000 0010 3a40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0002 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0001 8100 ef0f 1234 0001 0102
      0x0040:  0304 0506 0708
    `),
    expected: [
      '2001:db8::2',
      '2001:db8::1',
      'ICMPv6',
      'Echo (ping) reply id=0x1234, seq=1, hop limit=64 (request in 6)',
    ],
  },
  {
    name: 'port unreachable',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 86dd 6000
      0x0010:  0000 0030 3a40 2001 0db8 0000 0000 0000
      0x0020:  0000 0000 0002 2001 0db8 0000 0000 0000
      0x0030:  0000 0000 0001 0104 0000 0000 0000 6000
      0x0040:  0000 0000 3b40 2001 0db8 0000 0000 0000
      0x0050:  0000 0000 0001 2001 0db8 0000 0000 0000
      0x0060:  0000 0000 0002
    `),
    expected: ['2001:db8::2', '2001:db8::1', 'ICMPv6', 'Destination Unreachable (Port unreachable)'],
  },
];

describe('ICMPv6 columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('ICMPv6 fields', () => {
  const lane = new TestLane();
  for (const c of CASES) lane.add(LinkType.EN10MB, c.bytes);

  it('a neighbor solicitation: target and source link-layer address at their ranges', () => {
    // 0x0036:  8700 0000 0000 0000                  # type 135, code 0, checksum, reserved
    // 0x003e:  fe80 0000 0000 0000 0000 0000 0000 0099   # target fe80::99
    // 0x004e:  0101 0011 2233 4455                  # option 1 (source link-layer address), 8 bytes
    const d = lane.details(1);
    expect(field(d, 'icmpv6.type').display).toBe('Type: Neighbor Solicitation (135)');
    expect(field(d, 'icmpv6.nd.ns.target_address')).toMatchObject({ value: 'fe80::99', range: [62, 78] });
    expect(field(d, 'icmpv6.opt.linkaddr')).toMatchObject({ value: '00:11:22:33:44:55', range: [80, 86] });
  });

  it('an echo reply names its request', () => {
    expect(field(lane.details(7), 'icmpv6.resp_to').value).toBe(6);
  });
});
