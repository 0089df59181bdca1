import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, layerLines, hex, TestLane, type ColumnCase } from './test-support.js';

// A ping and its reply (paired by id, sequence and checksum), errors with their quoted packet, and a
// message cut short. Expected columns are tshark 4.0.17's for these frames in this order.
const CASES: ColumnCase[] = [
  {
    name: 'echo request',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0054 0001 0000 4001 0000 0a00 0001 0a00
      0x0020:  0002 0800 f7fc 1234 0001 0001 0203 0405
      0x0030:  0607 0809 0a0b 0c0d 0e0f 1011 1213 1415
      0x0040:  1617 1819 1a1b 1c1d 1e1f 2021 2223 2425
      0x0050:  2627 2829 2a2b 2c2d 2e2f 3031 3233 3435
      0x0060:  3637
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'ICMP', 'Echo (ping) request  id=0x1234, seq=1/256, ttl=64'],
  },
  {
    name: 'echo reply',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0054 0002 0000 3f01 0000 0a00 0002 0a00
      0x0020:  0001 0000 fffc 1234 0001 0001 0203 0405
      0x0030:  0607 0809 0a0b 0c0d 0e0f 1011 1213 1415
      0x0040:  1617 1819 1a1b 1c1d 1e1f 2021 2223 2425
      0x0050:  2627 2829 2a2b 2c2d 2e2f 3031 3233 3435
      0x0060:  3637
    `),
    expected: [
      '10.0.0.2',
      '10.0.0.1',
      'ICMP',
      'Echo (ping) reply    id=0x1234, seq=1/256, ttl=63 (request in 1)',
    ],
  },
  {
    name: 'unmatched reply',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0054 0002 0000 3f01 0000 0a00 0002 0a00
      0x0020:  0001 0000 0000 1234 0002 0001 0203 0405
      0x0030:  0607 0809 0a0b 0c0d 0e0f 1011 1213 1415
      0x0040:  1617 1819 1a1b 1c1d 1e1f 2021 2223 2425
      0x0050:  2627 2829 2a2b 2c2d 2e2f 3031 3233 3435
      0x0060:  3637
    `),
    expected: ['10.0.0.2', '10.0.0.1', 'ICMP', 'Echo (ping) reply    id=0x1234, seq=2/512, ttl=63'],
  },
  {
    name: 'port unreachable',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0038 0003 0000 4001 0000 0a00 0002 0a00
      0x0020:  0001 0303 0000 0000 0000 4500 0020 0001
      0x0030:  0000 4011 0000 0a00 0001 0a00 0002 9c40
      0x0040:  9c41 000c 0000
    `),
    expected: ['10.0.0.2', '10.0.0.1', 'ICMP', 'Destination unreachable (Port unreachable)'],
  },
  {
    name: 'ttl exceeded',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0024 0003 0000 4001 0000 0a00 0002 0a00
      0x0020:  0001 0b00 0000 0000 0000 4500 0020 0001
    `),
    expected: ['10.0.0.2', '10.0.0.1', 'ICMP', 'Time-to-live exceeded (Time to live exceeded in transit)'],
  },
  {
    name: 'timestamp short',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0024 0003 0000 4001 0000 0a00 0002 0a00
      0x0020:  0001 0d00 0000 0001 0002 0000 0000
    `),
    expected: [
      '10.0.0.2',
      '10.0.0.1',
      'ICMP',
      'Timestamp request    id=0x0001, seq=2/512, ttl=64[Malformed Packet]',
    ],
  },
  {
    name: 'router solicitation',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  001c 0003 0000 4001 0000 0a00 0002 0a00
      0x0020:  0001 0a00 0000 0000 0000
    `),
    expected: ['10.0.0.2', '10.0.0.1', 'ICMP', 'Router solicitation '],
  },
  {
    name: 'unknown code',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  001c 0003 0000 4001 0000 0a00 0002 0a00
      0x0020:  0001 0363 0000 0000 0000
    `),
    expected: ['10.0.0.2', '10.0.0.1', 'ICMP', 'Destination unreachable (Unknown code: 99)'],
  },
  {
    name: 'icmp short',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0017 0003 0000 4001 0000 0a00 0002 0a00
      0x0020:  0001 0800 00
    `),
    expected: ['10.0.0.2', '10.0.0.1', 'ICMP', '[Malformed Packet]'],
  },
];

describe('ICMP columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('ICMP fields', () => {
  const lane = new TestLane();
  for (const c of CASES) lane.add(LinkType.EN10MB, c.bytes);

  it('an echo request: every field at its range, and the reply that answered it', () => {
    // 0x0022:  0800 f7fc 1234 0001   # type 8, code 0, checksum, id 0x1234, seq 1
    const d = lane.details(1);
    expect(layerLines(d, 'icmp')).toEqual([
      ['icmp.type', 'Type: 8 (Echo (ping) request)', [34, 35]],
      ['icmp.code', 'Code: 0', [35, 36]],
      ['icmp.checksum', 'Checksum: 0xf7fc [unverified]', [36, 38]],
      ['icmp.ident', 'Identifier (BE): 4660 (0x1234)', [38, 40]],
      ['icmp.ident_le', 'Identifier (LE): 13330 (0x3412)', [38, 40]],
      ['icmp.seq', 'Sequence Number (BE): 1 (0x0001)', [40, 42]],
      ['icmp.seq_le', 'Sequence Number (LE): 256 (0x0100)', [40, 42]],
      ['icmp.resp_in', '[Response frame: 2]', [34, 34]],
    ]);
  });

  it('an error quotes the offending packet without touching the columns', () => {
    const d = lane.details(4);
    expect(d.layers.map((l) => l.id)).toEqual(['frame', 'eth', 'ip', 'icmp', 'ip', 'udp']);
    expect(d.layers[4]?.title).toBe('Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2');
  });

  it('a message cut short is malformed', () => {
    expect(
      new TestLane().add(
        LinkType.EN10MB,
        hex('0011 2233 4455 6677 8899 aabb 0800 4500 0017 0003 0000 4001 0000 0a00 0002 0a00 0001 0800 00'),
      ).info,
    ).toBe('[Malformed Packet]');
  });
});
