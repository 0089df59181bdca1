/**
 * Properties over arbitrary input: whatever the bytes, dissection returns (never throws), every range
 * lies inside the captured bytes, sibling fields either share their bytes (bit fields) or do not
 * overlap, a problem is always reflected in the frame's flags, and no read goes past the bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DissectedField, FrameDissection } from '../../../shared/dissection.js';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { createLaneDissector, defaultRegistry, type FrameInput } from './index.js';
import { emptySummary } from './test-support.js';

const LINK_TYPES = [
  LinkType.NULL,
  LinkType.EN10MB,
  LinkType.RAW,
  12,
  14,
  LinkType.LOOP,
  LinkType.LINUX_SLL,
  LinkType.IPV4,
  LinkType.IPV6,
  LinkType.LINUX_SLL2,
  9,
  147,
];

/** Headers that lead the random tail into deeper dissectors than random bytes alone would reach. */
const PREFIXES: readonly (readonly [number, string])[] = [
  [LinkType.EN10MB, '001122334455 66778899aabb 0800 45'],
  [LinkType.EN10MB, '001122334455 66778899aabb 86dd 6000000000'],
  [LinkType.EN10MB, '001122334455 66778899aabb 8100 0001 0800'],
  [LinkType.EN10MB, '001122334455 66778899aabb 0806 0001 0800 0604'],
  [LinkType.EN10MB, '001122334455 66778899aabb 0020 aaaa03 000000 0800'],
  [LinkType.RAW, '4500'],
  [LinkType.LINUX_SLL, '0000 0001 0006 001122334455 0000 86dd 60'],
];

const IP_PROTOCOLS = [0, 1, 6, 17, 41, 43, 44, 58, 59, 60, 253];

function fromHex(text: string): number[] {
  return (text.replace(/\s/g, '').match(/../g) ?? []).map((b) => parseInt(b, 16));
}

/** An IPv4 or IPv6 packet whose header is well-formed enough to reach the upper layers, then noise. */
const ipPacket = fc
  .tuple(fc.boolean(), fc.constantFrom(...IP_PROTOCOLS), fc.uint8Array({ maxLength: 120 }), fc.nat(200))
  .map(([v6, proto, tail, extra]) => {
    const header = v6
      ? [
          0x60,
          0,
          0,
          0,
          (tail.length + extra) >> 8,
          (tail.length + extra) & 0xff,
          proto,
          64,
          ...new Array<number>(32).fill(1),
        ]
      : [
          0x45,
          0,
          (20 + tail.length) >> 8,
          (20 + tail.length) & 0xff,
          0,
          1,
          0,
          0,
          64,
          proto,
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
        ];
    return { linkType: LinkType.RAW, bytes: Uint8Array.from([...header, ...tail]) };
  });

const prefixed = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 120 }))
  .map(([[linkType, prefix], tail]) => ({ linkType, bytes: Uint8Array.from([...fromHex(prefix), ...tail]) }));

const random = fc
  .tuple(fc.constantFrom(...LINK_TYPES), fc.uint8Array({ maxLength: 200 }))
  .map(([linkType, bytes]) => ({ linkType, bytes }));

const frames = fc.array(
  fc.record({
    packet: fc.oneof(random, prefixed, ipPacket),
    extraLength: fc.oneof(fc.constant(0), fc.nat(3000)),
    custom: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  }),
  { minLength: 1, maxLength: 12 },
);

type Frames = typeof frames extends fc.Arbitrary<infer T> ? T : never;

function inputs(list: Frames): FrameInput[] {
  return list.map(({ packet, extraLength, custom }, i) => ({
    number: i + 1,
    linkType: packet.linkType,
    data: packet.bytes,
    capturedLength: packet.bytes.length,
    originalLength: packet.bytes.length + extraLength,
    block: custom ? 'custom' : 'pcap',
    ...(custom ? { pen: 32473 } : {}),
    time: 1000 + i * 0.001,
  }));
}

function* fieldsOf(list: readonly DissectedField[]): Generator<readonly DissectedField[]> {
  yield list;
  for (const f of list) if (f.children) yield* fieldsOf(f.children);
}

function checkRanges(d: FrameDissection, length: number): void {
  const inside = ([start, end]: readonly [number, number]) => 0 <= start && start <= end && end <= length;
  for (const layer of d.layers) {
    expect(inside(layer.range), `${layer.id} ${layer.range}`).toBe(true);
    for (const siblings of fieldsOf(layer.fields)) {
      for (const f of siblings) expect(inside(f.range), `${f.id} ${f.range} in ${length}`).toBe(true);
      const spans = siblings.map((f) => f.range).filter(([s, e]) => e > s);
      for (let i = 0; i < spans.length; i++) {
        for (let j = i + 1; j < spans.length; j++) {
          const [a, b] = [spans[i]!, spans[j]!];
          const same = a[0] === b[0] && a[1] === b[1];
          const apart = a[1] <= b[0] || b[1] <= a[0];
          expect(same || apart, `siblings ${a} and ${b} in ${layer.id}`).toBe(true);
        }
      }
    }
  }
  for (const p of d.problems) if (p.range) expect(inside(p.range), `problem ${p.range}`).toBe(true);
}

describe('dissection of arbitrary bytes', () => {
  it('never throws, keeps ranges inside the buffer, and siblings apart', () => {
    fc.assert(
      fc.property(frames, (list) => {
        const registry = defaultRegistry();
        const lane = createLaneDissector(registry);
        const frameInputs = inputs(list);
        const summaries = frameInputs.map((input) => {
          const out = emptySummary();
          lane.summarize(input, out);
          return out;
        });
        frameInputs.forEach((input, i) => {
          const d = lane.details(input);
          checkRanges(d, input.data.length);
          // Each test frame is its own buffer, so a read past its end throws and the registry reports it:
          // there must be none, or a bounds check is missing.
          expect(d.problems.filter((p) => p.message.startsWith('dissector failed'))).toEqual([]);
          if (d.problems.length > 0)
            expect(summaries[i]!.flags & (FrameFlag.Malformed | FrameFlag.Truncated)).not.toBe(0);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('is deterministic: two lanes given the same frames say the same', () => {
    fc.assert(
      fc.property(frames, (list) => {
        const [a, b] = [createLaneDissector(), createLaneDissector()];
        for (const input of inputs(list)) {
          const [x, y] = [emptySummary(), emptySummary()];
          a.summarize(input, x);
          b.summarize(input, y);
          expect(x).toEqual(y);
        }
      }),
      { numRuns: 300 },
    );
  });
});
