import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, details, hex, layerLines, summarize, type ColumnCase } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same bytes.
const CASES: ColumnCase[] = [
  {
    name: 'udp bad length',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 0005 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 [BAD UDP LENGTH 5 < 8]'],
  },
  {
    name: 'udp long length',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 0010 0000 dead beef
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 [BAD UDP LENGTH 16 > IP PAYLOAD LENGTH] Len=8'],
  },
  {
    name: 'udp short',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  001a 0001 0000 4011 0000 0a00 0001 0a00
      0x0020:  0002 9c40 9c41 0008
    `),
    expected: [
      '10.0.0.1',
      '10.0.0.2',
      'UDP',
      '40000 → 40001 [BAD UDP LENGTH 8 > IP PAYLOAD LENGTH] Len=0[Malformed Packet]',
    ],
  },
  {
    name: 'udp',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500   # Ethernet; IPv4, 32 bytes
      0x0010:  0020 0001 0000 4011 0000 0a00 0001 0a00   # UDP, 10.0.0.1 →
      0x0020:  0002 9c40 9c41 000c 0000 dead beef        # 10.0.0.2; 40000 → 40001, length 12, 4 bytes
    `),
    expected: ['10.0.0.1', '10.0.0.2', 'UDP', '40000 → 40001 Len=4'],
  },
];

describe('UDP columns', () => {
  const ours = columnsOf(LinkType.EN10MB, CASES);
  it.each(CASES.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('UDP header fields', () => {
  it('has every field at its range', () => {
    const d = details(LinkType.EN10MB, CASES.at(-1)!.bytes);
    expect(d.layers.find((l) => l.id === 'udp')?.title).toBe(
      'User Datagram Protocol, Src Port: 40000, Dst Port: 40001',
    );
    expect(layerLines(d, 'udp')).toEqual([
      ['udp.srcport', 'Source Port: 40000', [34, 36]],
      ['udp.dstport', 'Destination Port: 40001', [36, 38]],
      ['udp.length', 'Length: 12', [38, 40]],
      ['udp.checksum', 'Checksum: 0x0000 [unverified]', [40, 42]],
      ['udp.payload', 'UDP payload (4 bytes)', [42, 46]],
    ]);
    expect(layerLines(d, 'data')).toEqual([
      ['data.data', 'Data: deadbeef', [42, 46]],
      ['data.len', '[Length: 4]', [42, 46]],
    ]);
  });

  it('an impossible length is malformed but not an exception', () => {
    const out = summarize(LinkType.EN10MB, CASES[0]!.bytes);
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
    expect(out.info).toBe('40000 → 40001 [BAD UDP LENGTH 5 < 8]');
  });
});
