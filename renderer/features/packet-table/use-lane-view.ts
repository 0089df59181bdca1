/**
 * The view a table shows: view 0 (capture order, free) when unsorted and unfiltered, otherwise a
 * sorted and/or filtered view the engine builds (a filtered view fills in the background: its row
 * count comes from `filter.progress`); the previous view is closed so the engine does not keep its
 * index array. A sorted or filtered view is built again when the lane is dissected again (TLS keys
 * arrived: Protocol and Info change, and so do what a filter matches and the sort order).
 */
import { useEffect, useState } from 'react';
import type { Column, EngineApi, LaneId, SortSpec, ViewId } from '../../../shared/contract/index.js';

export interface LaneView {
  readonly view: ViewId | null;
  readonly sort: SortSpec | null;
  readonly error: string | null;
  /** The view holds only the frames a display filter matched. */
  readonly filtered: boolean;
}

const CAPTURE_ORDER = 0 as ViewId;

export function useLaneView(
  engine: EngineApi,
  lane: LaneId,
  sort: SortSpec | null,
  filter = '',
  dissection = 0,
): LaneView {
  const [state, setState] = useState<LaneView>({
    view: CAPTURE_ORDER,
    sort: null,
    error: null,
    filtered: false,
  });
  const column: Column | null = sort?.column ?? null;
  const direction = sort?.direction ?? null;
  const derived = (column !== null && direction !== null) || filter.trim() !== '';
  const rebuild = derived ? dissection : 0;

  useEffect(() => {
    const filtered = filter.trim() !== '';
    if ((column === null || direction === null) && !filtered) {
      setState({ view: CAPTURE_ORDER, sort: null, error: null, filtered: false });
      return;
    }
    let created: ViewId | null = null;
    let cancelled = false;
    const spec: SortSpec | null = column === null || direction === null ? null : { column, direction };
    setState((s) => ({ ...s, view: null }));
    engine
      .invoke('views.create', { lane, sort: spec, ...(filtered && { filter }) })
      .then(({ view }) => {
        created = view;
        if (cancelled) void engine.invoke('views.close', { lane, view }).catch(() => {});
        else setState({ view, sort: spec, error: null, filtered });
      })
      .catch(
        (error: Error) =>
          !cancelled && setState({ view: CAPTURE_ORDER, sort: null, error: error.message, filtered: false }),
      );
    return () => {
      cancelled = true;
      if (created !== null) void engine.invoke('views.close', { lane, view: created }).catch(() => {});
    };
  }, [engine, lane, column, direction, filter, rebuild]);

  return state;
}
