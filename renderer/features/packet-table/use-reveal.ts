/**
 * Where a frame sits in a view, to select it from elsewhere (a TLS session's failing record). In
 * capture order that is its number; in a sorted or filtered view it is looked up near the frame's time.
 */
import { useEffect, useRef } from 'react';
import type { EngineApi, FrameNumber, LaneId, ViewId } from '../../../shared/contract/index.js';

/** Rows either side of the nearest-in-time position searched for the frame (equal timestamps). */
const SEARCH = 200;

/** The frame's position in the view, or -1 when the view does not hold it (a filter left it out). */
export async function findPosition(
  engine: EngineApi,
  lane: LaneId,
  view: ViewId,
  number: FrameNumber,
): Promise<number> {
  if (view === 0) return number - 1;
  const { row } = await engine.invoke('packets.details', { lane, number });
  if (!row.time) return -1;
  const { position } = await engine.invoke('packets.nearest', { lane, view, time: row.time });
  if (position < 0) return -1;
  const start = Math.max(0, position - SEARCH);
  const near = await engine.invoke('packets.rows', { lane, view, start, count: 2 * SEARCH + 1 });
  const index = near.rows.findIndex((candidate) => candidate.number === number);
  return index < 0 ? -1 : near.start + index;
}

/** Selects a frame asked for from outside the table, once (a later change of view does not repeat it). */
export function useReveal(
  engine: EngineApi,
  lane: LaneId,
  view: ViewId | null,
  reveal: { readonly number: FrameNumber; readonly seq: number } | null,
  select: (position: number) => void,
) {
  const selectRef = useRef(select);
  selectRef.current = select;
  const number = reveal?.number ?? null;
  const seq = reveal?.seq ?? null;
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (number === null || view === null || done.current === seq) return;
    let live = true;
    findPosition(engine, lane, view, number)
      .then((position) => {
        if (!live) return;
        done.current = seq;
        if (position >= 0) selectRef.current(position);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [engine, lane, view, number, seq]);
}
