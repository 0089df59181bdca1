import { describe, expect, it, vi } from 'vitest';
import { RedissectQueue } from './redissect-queue.js';

describe('RedissectQueue', () => {
  it('applies a burst of changes once, with every random of the burst', () => {
    vi.useFakeTimers();
    try {
      const applied: string[][] = [];
      const queue = new RedissectQueue((randoms) => applied.push([...randoms].sort()));
      queue.add(['b']);
      queue.add(['a', 'b']);
      queue.add([]);
      expect(applied).toEqual([]);
      vi.advanceTimersByTime(40);
      expect(applied).toEqual([['a', 'b']]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits four times as long as the last pass took before the next one', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      vi.spyOn(performance, 'now').mockImplementation(() => now);
      const applied: number[] = [];
      const queue = new RedissectQueue(() => {
        applied.push(Date.now());
        now += 100; // a pass that takes 100 ms
      });
      queue.add(['a']);
      vi.advanceTimersByTime(30);
      expect(applied).toHaveLength(1);
      queue.add(['b']);
      vi.advanceTimersByTime(399);
      expect(applied).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(applied).toHaveLength(2);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('does nothing after cancel', () => {
    vi.useFakeTimers();
    try {
      const apply = vi.fn();
      const queue = new RedissectQueue(apply);
      queue.add(['a']);
      queue.cancel();
      vi.advanceTimersByTime(1000);
      expect(apply).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
