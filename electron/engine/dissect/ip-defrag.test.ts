/**
 * IPv4 and IPv6 fragment reassembly: columns as tshark 4.0.17 shows the same frames (the datagram in the
 * frame that completes it, the others `Fragmented IP protocol …` / `IPv6 fragment …`), the fragments tree
 * and `Reassembled IPv4 in frame`, out-of-order and duplicate fragments, replay, and the bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDissection } from './dissection-checks.js';
import { LinkType } from '../../../shared/link-types.js';
import { field, findAll, hex, TestLane } from './test-support.js';

/** A DNS query for example.test A, id 0x1234, in UDP 5353 → 53 (38 bytes with the UDP header). */
const UDP_DNS = hex(`
  14e9 0035 0026 0000                          # UDP 5353 → 53, length 38, no checksum
  1234 0100 0001 0000 0000 0000                # DNS id 0x1234, RD, 1 question
  0765 7861 6d70 6c65 0474 6573 7400 0001 0001 # example.test A IN
`);

/** Ethernet + IPv4 10.0.0.1 → 10.0.0.2, id 0xabcd, protocol UDP, carrying `part` at `offset`. */
function v4(part: Uint8Array, offset: number, more: boolean): Uint8Array {
  const frame = new Uint8Array(34 + part.length);
  frame.set(hex('0011 2233 4455 6677 8899 aabb 0800'));
  const word = (offset / 8) | (more ? 0x2000 : 0);
  frame.set(
    [
      0x45,
      0,
      0,
      20 + part.length,
      0xab,
      0xcd,
      word >> 8,
      word & 0xff,
      64,
      17,
      0,
      0,
      10,
      0,
      0,
      1,
      10,
      0,
      0,
      2,
    ],
    14,
  );
  frame.set(part, 34);
  return frame;
}

/** Ethernet + IPv6 fe80::1 → fe80::2 with a fragment header (ident 0x11223344) before `part`. */
function v6(part: Uint8Array, offset: number, more: boolean): Uint8Array {
  const frame = new Uint8Array(62 + part.length);
  frame.set(hex('0011 2233 4455 6677 8899 aabb 86dd 6000 0000'));
  frame.set([0, 8 + part.length, 44, 64], 18);
  frame.set([0xfe, 0x80], 22);
  frame[37] = 1;
  frame.set([0xfe, 0x80], 38);
  frame[53] = 2;
  frame.set([17, 0, (offset >> 8) & 0xff, (offset & 0xf8) | (more ? 1 : 0), 0x11, 0x22, 0x33, 0x44], 54);
  frame.set(part, 62);
  return frame;
}

function run(frames: Uint8Array[]): { lane: TestLane; out: [string, string][] } {
  const lane = new TestLane();
  const out = frames.map((f, i) => {
    const s = lane.add(LinkType.EN10MB, f, { time: 1000 + i });
    return [s.protocol, s.info] as [string, string];
  });
  return { lane, out };
}

const QUERY = 'Standard query 0x1234 A example.test';

describe('IPv4 fragments', () => {
  it('the datagram is dissected in the frame with its last fragment, as tshark does', () => {
    const { out } = run([v4(UDP_DNS.subarray(0, 24), 0, true), v4(UDP_DNS.subarray(24), 24, false)]);
    expect(out).toEqual([
      ['IPv4', 'Fragmented IP protocol (proto=UDP 17, off=0, ID=abcd)'],
      ['DNS', QUERY],
    ]);
  });

  it('out of order and duplicated: complete when every byte is there, the first copy kept', () => {
    const { lane, out } = run([
      v4(UDP_DNS.subarray(24), 24, false),
      v4(UDP_DNS.subarray(8, 24), 8, true),
      v4(UDP_DNS.subarray(8, 24), 8, true),
      v4(UDP_DNS.subarray(0, 8), 0, true),
    ]);
    expect(out.map(([p]) => p)).toEqual(['IPv4', 'IPv4', 'IPv4', 'DNS']);
    expect(out[0]?.[1]).toBe('Fragmented IP protocol (proto=UDP 17, off=24, ID=abcd)');
    const d = lane.details(4);
    expect(field(d, 'ip.fragments').display).toBe(
      '[4 IPv4 Fragments (38 bytes): #4(8), #2(16), #3(16), #1(14)]',
    );
    expect(findAll(d, 'ip.fragment').map((f) => f.display)[0]).toBe('[Frame: 4, payload: 0-7 (8 bytes)]');
    expect(field(d, 'ip.reassembled.length').value).toBe(38);
    expect(field(d, 'dns.qry.name')).toMatchObject({ value: 'example.test', source: 'Reassembled IPv4' });
    expect(field(lane.details(1), 'ip.reassembled_in').value).toBe(4);
  });

  it('replay gives the columns of the summary pass, for the fragments and the reassembled frame', () => {
    const { lane, out } = run([v4(UDP_DNS.subarray(0, 24), 0, true), v4(UDP_DNS.subarray(24), 24, false)]);
    expect([1, 2].map((n) => [lane.replay(n).protocol, lane.replay(n).info])).toEqual(out);
  });

  it('a fragment cut by the snap length is not added: the datagram is never complete', () => {
    const lane = new TestLane();
    const first = v4(UDP_DNS.subarray(0, 24), 0, true);
    lane.add(LinkType.EN10MB, first.subarray(0, 40), { originalLength: first.length });
    const last = lane.add(LinkType.EN10MB, v4(UDP_DNS.subarray(24), 24, false));
    expect(last.info).toBe('Fragmented IP protocol (proto=UDP 17, off=24, ID=abcd)');
  });
});

describe('IPv6 fragments', () => {
  it('reassembled in the frame with the last fragment; the others say IPv6 fragment', () => {
    const { lane, out } = run([v6(UDP_DNS.subarray(0, 24), 0, true), v6(UDP_DNS.subarray(24), 24, false)]);
    expect(out).toEqual([
      ['IPv6', 'IPv6 fragment (off=0 more=y ident=0x11223344 nxt=17)'],
      ['DNS', QUERY],
    ]);
    const d = lane.details(2);
    expect(field(d, 'ipv6.fragments').display).toBe('[2 IPv6 Fragments (38 bytes): #1(24), #2(14)]');
    expect(field(d, 'frame.protocols').value).toBe('eth:ethertype:ipv6:ipv6.fraghdr:udp:dns');
    expect(field(lane.details(1), 'ipv6.reassembled_in').value).toBe(2);
  });
});

describe('fragments of anything', () => {
  it('never throw; every range stays inside the frame or the reassembled datagram', () => {
    const fragment = fc.tuple(
      fc.boolean(),
      fc.nat(64),
      fc.uint8Array({ minLength: 1, maxLength: 48 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }), (list) => {
        const lane = new TestLane();
        const frames = list.map(([six, offset, part, more]) => (six ? v6 : v4)(part, offset * 8, more));
        frames.forEach((f, i) => lane.add(LinkType.EN10MB, f, { time: 1000 + i }));
        for (let n = 1; n <= frames.length; n++) checkDissection(lane.details(n));
      }),
      { numRuns: 500 },
    );
  });
});
