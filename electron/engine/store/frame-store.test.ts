import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { FrameStore, type FrameRecord, type FrameSummary } from './frame-store.js';
import { buildSortedOrder, frameAt } from './views.js';

const record = (overrides: Partial<FrameRecord> = {}): FrameRecord => ({
  interfaceId: 0,
  hasTimestamp: true,
  tsSeconds: 1_700_000_000,
  tsNanos: 123_456_789,
  capturedLength: 60,
  originalLength: 60,
  spoolOffset: 0,
  ...overrides,
});
const summary = (overrides: Partial<FrameSummary> = {}): FrameSummary => ({
  protocol: 'TCP',
  source: '10.0.0.1',
  destination: '10.0.0.2',
  streamId: 0,
  flags: 0,
  ...overrides,
});

describe('FrameStore', () => {
  it('gives back every column of a frame as a row', () => {
    const store = new FrameStore();
    store.append(
      record({ interfaceId: 3, capturedLength: 54, originalLength: 1514, spoolOffset: 4096 }),
      summary({ flags: FrameFlag.SnapLimited, streamId: 7 }),
      ['first comment'],
    );
    expect(store.row(0, 'the info')).toEqual({
      number: 1,
      time: { seconds: 1_700_000_000, nanos: 123_456_789 },
      source: '10.0.0.1',
      destination: '10.0.0.2',
      protocol: 'TCP',
      length: 1514,
      capturedLength: 54,
      info: 'the info',
      stream: 7,
      flags: FrameFlag.SnapLimited,
      interfaceId: 3,
    });
    expect(store.spoolOffset(0)).toBe(4096);
    expect(store.frameComments(0)).toEqual(['first comment']);
  });

  it('keeps timestamps beyond 2^32 seconds exactly, and frames without one as null', () => {
    const store = new FrameStore();
    store.append(record({ tsSeconds: 18_446_744_073_204, tsNanos: 999_999_999 }), summary());
    store.append(record({ hasTimestamp: false, tsSeconds: 0, tsNanos: 0 }), summary());
    expect(store.row(0, '').time).toEqual({ seconds: 18_446_744_073_204, nanos: 999_999_999 });
    expect(store.row(1, '').time).toBeNull();
    expect(store.record(1).hasTimestamp).toBe(false);
  });

  it('holds 200,000 frames across column chunks without mixing them up, in under 72 bytes a frame', () => {
    const store = new FrameStore();
    for (let i = 0; i < 200_000; i++) {
      store.append(
        record({ tsNanos: i, spoolOffset: i * 100 }),
        summary({ source: `10.0.${i % 7}.1`, streamId: i }),
      );
    }
    for (const i of [0, 65_535, 65_536, 131_072, 199_999]) {
      expect(store.row(i, '').stream).toBe(i);
      expect(store.source(i)).toBe(`10.0.${i % 7}.1`);
      expect(store.spoolOffset(i)).toBe(i * 100);
      expect(store.row(i, '').time?.nanos).toBe(i);
    }
    // 52 bytes of columns a frame (48, and 4 for the protocols display filters read); the last 64K-frame
    // chunk is only partly used.
    expect(store.byteLength / store.count).toBeLessThan(72);
  });
});

const noInfo = () => '';

describe('views', () => {
  it('sorts by a column with ties in capture order, in both directions', () => {
    const store = new FrameStore();
    const lengths = [60, 1514, 60, 98, 1514];
    lengths.forEach((length) => store.append(record({ originalLength: length }), summary()));
    const ascending = buildSortedOrder(store, { column: 'length', direction: 'ascending' }, noInfo);
    expect([...ascending]).toEqual([0, 2, 3, 1, 4]);
    const descending = buildSortedOrder(store, { column: 'length', direction: 'descending' }, noInfo);
    expect([...descending]).toEqual([1, 4, 3, 0, 2]);
  });

  it('sorts time by seconds then nanoseconds, and strings by their text', () => {
    const store = new FrameStore();
    store.append(record({ tsSeconds: 10, tsNanos: 5 }), summary({ protocol: 'UDP' }));
    store.append(record({ tsSeconds: 9, tsNanos: 999_999_999 }), summary({ protocol: 'ARP' }));
    store.append(record({ tsSeconds: 10, tsNanos: 4 }), summary({ protocol: 'TCP' }));
    expect([...buildSortedOrder(store, { column: 'time', direction: 'ascending' }, noInfo)]).toEqual([
      1, 2, 0,
    ]);
    expect([...buildSortedOrder(store, { column: 'protocol', direction: 'ascending' }, noInfo)]).toEqual([
      1, 2, 0,
    ]);
  });

  it('sorts by Info through the text the lane derives', () => {
    const store = new FrameStore();
    for (let i = 0; i < 3; i++) store.append(record(), summary());
    const infos = ['Seq=2', 'Seq=10', 'Seq=1'];
    expect([
      ...buildSortedOrder(store, { column: 'info', direction: 'ascending' }, (i) => infos[i] as string),
    ]).toEqual([2, 1, 0]);
  });

  it('shows frames that arrived after the sort at the end, in capture order', () => {
    const store = new FrameStore();
    store.append(record({ originalLength: 200 }), summary());
    store.append(record({ originalLength: 100 }), summary());
    const view = {
      sort: null,
      order: buildSortedOrder(store, { column: 'length', direction: 'ascending' }, noInfo),
    };
    store.append(record({ originalLength: 50 }), summary());
    expect([0, 1, 2].map((position) => frameAt(view, position))).toEqual([1, 0, 2]);
  });
});
