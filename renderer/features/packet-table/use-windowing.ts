/** The scroller's position and size as React state, and the window of rows they show (see row-windowing.ts). */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { computeWindowing } from './row-windowing.js';

const OVERSCAN = 10;

export function useWindowing(
  scrollRef: RefObject<HTMLDivElement | null>,
  count: number,
  rowHeight: number,
  headerHeight: number,
  followInitially: boolean,
) {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  /** Whether the user is at the bottom: set by scrolling only, so growth alone never changes it. */
  const atEnd = useRef(followInitially);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      setScrollTop(el.scrollTop);
      atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight * 1.5;
    };
    // ResizeObserver hands over the size it measured: reading clientHeight here would force a layout.
    const observer = new ResizeObserver(([entry]) => entry && setViewport(entry.contentRect.height));
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef, rowHeight]);

  const rowsViewport = Math.max(0, viewport - headerHeight);
  const windowing = useMemo(
    () => computeWindowing(count, rowHeight, scrollTop, rowsViewport, OVERSCAN),
    [count, rowHeight, scrollTop, rowsViewport],
  );
  const latest = useRef(windowing);
  latest.current = windowing;

  const scrollTo = useCallback(
    (index: number, align: 'start' | 'center' | 'end' | 'auto') => {
      const el = scrollRef.current;
      if (!el) return;
      const top = latest.current.scrollTopFor(index, align);
      if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
    },
    [scrollRef],
  );

  const positions = useMemo(() => {
    const list: number[] = [];
    for (let p = windowing.first; p < windowing.end; p++) list.push(p);
    return list;
  }, [windowing.first, windowing.end]);

  return {
    ...windowing,
    positions,
    scrollTo,
    atEnd,
    rowsPerPage: Math.max(1, Math.floor(rowsViewport / rowHeight) - 1),
  };
}
