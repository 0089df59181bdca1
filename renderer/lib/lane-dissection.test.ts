import { describe, expect, it } from 'vitest';
import type { LaneId, LaneInfo } from '../../shared/contract/index.js';
import { dissectionOf, withDissection } from './lane-dissection.js';

const lane = (patch: Partial<LaneInfo>): LaneInfo => ({
  lane: 1 as LaneId,
  title: 'front.pcap',
  source: { kind: 'file', path: '/c/front.pcap' },
  role: 'front',
  format: 'pcap',
  interfaces: [],
  frames: 35,
  bytesRead: 7466,
  bytesTotal: 7466,
  firstTimestamp: null,
  state: 'done',
  stats: null,
  error: null,
  ...patch,
});

describe('the dissection a lane shows', () => {
  it('is the engine’s number when it sends one', () => {
    expect(dissectionOf(withDissection(lane({ dissection: 1 }), lane({ dissection: 4 })))).toBe(4);
    expect(dissectionOf(withDissection(undefined, lane({ dissection: 2 })))).toBe(2);
  });

  it('counts a progress of a finished lane that changed nothing else as a new dissection', () => {
    const first = withDissection(undefined, lane({}));
    expect(dissectionOf(first)).toBe(0);
    const again = withDissection(first, lane({}));
    expect(dissectionOf(again)).toBe(1);
    expect(dissectionOf(withDissection(again, lane({})))).toBe(2);
  });

  it('does not count loading, growing or finishing', () => {
    const loading = withDissection(undefined, lane({ state: 'loading', frames: 10 }));
    const grown = withDissection(loading, lane({ state: 'loading', frames: 20 }));
    const done = withDissection(grown, lane({ state: 'done', frames: 35 }));
    expect([loading, grown, done].map(dissectionOf)).toEqual([0, 0, 0]);
    const capturing = withDissection(done, lane({ state: 'capturing', frames: 35 }));
    expect(dissectionOf(capturing)).toBe(0);
  });
});
