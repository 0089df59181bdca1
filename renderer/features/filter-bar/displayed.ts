/**
 * Displayed-frame counts of filtered lanes, for the status bar ("Displayed: 120 (3.5%)") without
 * threading them through the component tree: the packet table publishes, the status bar subscribes.
 */
import { useSyncExternalStore } from 'react';
import type { LaneId } from '../../../shared/contract/index.js';

let counts: ReadonlyMap<LaneId, number> = new Map();
const listeners = new Set<() => void>();

/** `null`: the lane shows every frame. */
export function publishDisplayed(lane: LaneId, displayed: number | null): void {
  if ((counts.get(lane) ?? null) === displayed) return;
  const next = new Map(counts);
  if (displayed === null) next.delete(lane);
  else next.set(lane, displayed);
  counts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDisplayed(): ReadonlyMap<LaneId, number> {
  return useSyncExternalStore(subscribe, () => counts);
}

/** ` · Displayed: 2 (5.9%)`, as Wireshark's status bar words it; empty when not filtered. */
export function displayedText(displayed: number | undefined, frames: number): string {
  if (displayed === undefined) return '';
  const share = frames > 0 ? ` (${((100 * displayed) / frames).toFixed(1)}%)` : '';
  return ` · Displayed: ${displayed.toLocaleString('en-US')}${share}`;
}
