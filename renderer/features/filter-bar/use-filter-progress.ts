/**
 * How far the engine is with a filtered view, polled (long-polled: `filter.progress` with `waitMs`
 * answers as soon as the view is done) while it fills, and again whenever the lane grows (a live
 * capture's new frames are filtered as they arrive). The table's row count is `matched`.
 */
import { useEffect, useState } from 'react';
import type { EngineApi, LaneId, ViewId } from '../../../shared/contract/index.js';
import type { FilterProgress } from '../../../shared/contract/filter-channels.js';

const WAIT_MS = 250;

export function useFilterProgress(
  engine: EngineApi,
  lane: LaneId,
  view: ViewId | null,
  frames: number,
): FilterProgress | null {
  const [progress, setProgress] = useState<FilterProgress | null>(null);
  useEffect(() => {
    setProgress((p) => (p && p.view === view ? p : null));
    if (view === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      engine
        .invoke('filter.progress', { lane, view, waitMs: WAIT_MS })
        .then((next) => {
          if (!live) return;
          setProgress(next);
          if (next.state === 'running') timer = setTimeout(poll, 16);
        })
        .catch(() => {});
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, lane, view, frames]);
  return progress;
}

export function cancelFilter(engine: EngineApi, progress: FilterProgress | null): void {
  if (progress?.state === 'running')
    void engine.invoke('filter.cancel', { lane: progress.lane, view: progress.view }).catch(() => {});
}
