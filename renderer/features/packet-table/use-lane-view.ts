/**
 * The view a table shows: view 0 (capture order, free) when unsorted, otherwise a sorted view the
 * engine builds; the previous sorted view is closed so the engine does not keep its index array.
 */
import { useEffect, useState } from 'react';
import type { Column, EngineApi, LaneId, SortSpec, ViewId } from '../../../shared/contract/index.js';

export interface LaneView {
  readonly view: ViewId | null;
  readonly sort: SortSpec | null;
  readonly error: string | null;
}

const CAPTURE_ORDER = 0 as ViewId;

export function useLaneView(engine: EngineApi, lane: LaneId, sort: SortSpec | null): LaneView {
  const [state, setState] = useState<LaneView>({ view: CAPTURE_ORDER, sort: null, error: null });
  const column: Column | null = sort?.column ?? null;
  const direction = sort?.direction ?? null;

  useEffect(() => {
    if (column === null || direction === null) {
      setState({ view: CAPTURE_ORDER, sort: null, error: null });
      return;
    }
    let created: ViewId | null = null;
    let cancelled = false;
    const spec: SortSpec = { column, direction };
    setState((s) => ({ ...s, view: null }));
    engine
      .invoke('views.create', { lane, sort: spec })
      .then(({ view }) => {
        created = view;
        if (cancelled) void engine.invoke('views.close', { lane, view }).catch(() => {});
        else setState({ view, sort: spec, error: null });
      })
      .catch(
        (error: Error) => !cancelled && setState({ view: CAPTURE_ORDER, sort: null, error: error.message }),
      );
    return () => {
      cancelled = true;
      if (created !== null) void engine.invoke('views.close', { lane, view: created }).catch(() => {});
    };
  }, [engine, lane, column, direction]);

  return state;
}
