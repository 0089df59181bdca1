/**
 * Fetches the rows on screen of one view, block by block, at most once per animation frame, and
 * re-renders once per frame however many blocks arrive (STYLE.md: coalesce updates). A new dissection
 * of the lane (TLS keys arrived) fetches the rows on screen again, showing the old ones meanwhile.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineApi, LaneId, ViewId } from '../../../shared/contract/index.js';
import { RowCache } from './row-cache.js';

export interface RowWindow {
  readonly cache: RowCache;
  /** Changes whenever rows arrive: a dependency for memoised rendering. */
  readonly version: number;
}

export function useRowWindow(
  engine: EngineApi,
  lane: LaneId,
  view: ViewId | null,
  first: number,
  last: number,
  total: number,
  dissection = 0,
): RowWindow {
  const cache = useMemo(() => new RowCache(), [lane, view]);
  const fetched = useRef(dissection);
  const [version, setVersion] = useState(0);
  const frame = useRef(0);
  const bump = useRef(false);

  useEffect(() => {
    if (view === null) return;
    if (fetched.current !== dissection) {
      fetched.current = dissection;
      cache.invalidate();
    }
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      for (const block of cache.missingBlocks(first, last, total)) {
        cache.markLoading(block);
        engine
          .invoke('packets.rows', { lane, view, ...cache.requestFor(block) })
          .then((window) => {
            cache.fill(block, window);
            scheduleRender();
          })
          .catch(() => cache.forget(block));
      }
    });
    return () => cancelAnimationFrame(frame.current);

    function scheduleRender() {
      if (bump.current) return;
      bump.current = true;
      requestAnimationFrame(() => {
        bump.current = false;
        setVersion((v) => v + 1);
      });
    }
  }, [engine, lane, view, cache, first, last, total, dissection]);

  return { cache, version };
}
