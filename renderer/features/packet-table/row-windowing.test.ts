import { describe, expect, it } from 'vitest';
import { computeWindowing, MAX_SCROLL_PX } from './row-windowing.js';

describe('fixed-height row windowing', () => {
  it('renders the rows in view plus overscan, placed at index × height', () => {
    const w = computeWindowing(1000, 20, 400, 200, 2);
    expect([w.first, w.end]).toEqual([18, 32]);
    expect(w.top(20)).toBe(400);
    expect(w.contentHeight).toBe(20_000);
  });

  it('clamps at both ends and copes with an empty list', () => {
    expect(computeWindowing(0, 20, 0, 200, 5)).toMatchObject({ first: 0, end: 0, contentHeight: 0 });
    const w = computeWindowing(50, 20, 5000, 200, 3);
    expect(w.end).toBe(50);
  });

  it('scrolls a row into view only when needed, or to the start, centre or end', () => {
    const w = computeWindowing(1000, 20, 400, 200, 0);
    expect(w.scrollTopFor(25, 'auto')).toBe(400);
    expect(w.scrollTopFor(40, 'auto')).toBe(620);
    expect(w.scrollTopFor(5, 'auto')).toBe(100);
    expect(w.scrollTopFor(999, 'end')).toBe(19_800);
    expect(w.scrollTopFor(500, 'center')).toBe(9_910);
  });

  it('scales the scroll range of lists taller than a browser element can be, reaching the last row', () => {
    const count = 3_000_000;
    const viewport = 600;
    const top = computeWindowing(count, 20, 0, viewport, 0);
    expect(top.contentHeight).toBe(MAX_SCROLL_PX);
    const endTop = top.scrollTopFor(count - 1, 'end');
    expect(endTop).toBeCloseTo(MAX_SCROLL_PX - viewport, 3);
    const bottom = computeWindowing(count, 20, endTop, viewport, 0);
    expect(bottom.end).toBe(count);
    // The last row's bottom edge sits on the viewport's bottom edge.
    expect(bottom.top(count - 1) + 20).toBeCloseTo(endTop + viewport, 3);
    const middle = computeWindowing(count, 20, top.scrollTopFor(1_500_000, 'start'), viewport, 0);
    expect(middle.first).toBe(1_500_000);
  });
});
