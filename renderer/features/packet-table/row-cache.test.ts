import { describe, expect, it } from 'vitest';
import type { LaneId, PacketRow, RowsWindow, ViewId } from '../../../shared/contract/index.js';
import { RowCache } from './row-cache.js';

function window(start: number, count: number, total: number): RowsWindow {
  const rows = Array.from({ length: Math.max(0, Math.min(count, total - start)) }, (_, i) => ({
    number: start + i + 1,
  })) as unknown as PacketRow[];
  return { lane: 1 as LaneId, view: 0 as ViewId, total, start, rows };
}

describe('the row cache', () => {
  it('asks for the blocks on screen and one either side, and nothing past the end', () => {
    const cache = new RowCache(100, 10);
    expect(cache.missingBlocks(250, 290, 10_000)).toEqual([1, 2, 3]);
    expect(cache.missingBlocks(0, 30, 50)).toEqual([0]);
    expect(cache.missingBlocks(0, 0, 0)).toEqual([]);
  });

  it('asks for the row before a block too, for the delta column', () => {
    const cache = new RowCache(100, 10);
    expect(cache.requestFor(0)).toEqual({ start: 0, count: 100 });
    expect(cache.requestFor(3)).toEqual({ start: 299, count: 101 });
  });

  it('does not ask twice for a block in flight or loaded, and asks again for one that failed', () => {
    const cache = new RowCache(100, 10);
    cache.markLoading(0);
    expect(cache.missingBlocks(0, 50, 1000)).toEqual([1]);
    cache.fill(0, window(0, 100, 1000));
    expect(cache.get(42)?.number).toBe(43);
    cache.forget(1);
    expect(cache.missingBlocks(0, 50, 1000)).toEqual([1]);
  });

  it('fetches a block again when it was cut short by a lane that has grown since', () => {
    const cache = new RowCache(100, 10);
    cache.fill(0, window(0, 100, 40));
    expect(cache.missingBlocks(0, 39, 40)).toEqual([]);
    expect(cache.missingBlocks(0, 39, 90)).toEqual([0]);
  });

  it('keeps a bounded number of blocks, dropping the least recently used', () => {
    const cache = new RowCache(10, 3);
    for (const block of [0, 1, 2]) cache.fill(block, window(block * 10, 10, 1000));
    cache.missingBlocks(0, 5, 1000); // touches 0 and 1
    cache.fill(5, window(50, 10, 1000));
    expect(cache.get(5)).toBeDefined();
    expect(cache.get(25)).toBeUndefined();
    expect(cache.size).toBe(30);
  });

  it('fetches every block again after a new dissection, showing the old rows meanwhile', () => {
    const cache = new RowCache(100, 10);
    cache.fill(0, window(0, 100, 150));
    cache.fill(1, window(99, 101, 150));
    expect(cache.missingBlocks(0, 149, 150)).toEqual([]);
    cache.invalidate();
    expect(cache.missingBlocks(0, 149, 150)).toEqual([0, 1]);
    expect(cache.get(120)?.number).toBe(121);
    cache.markLoading(0);
    expect(cache.missingBlocks(0, 149, 150)).toEqual([1]);
    cache.fill(0, window(0, 100, 150));
    expect(cache.missingBlocks(0, 99, 150)).toEqual([1]);
  });
});
