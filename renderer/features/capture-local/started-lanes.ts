/**
 * Captures start in several places (the picker, the capture dialog, a lane's Restart button), and
 * the session must show every lane they make: they announce them here, the app adopts them.
 */
import type { LaneInfo } from '../../../shared/contract/index.js';

type Listener = (lanes: readonly LaneInfo[]) => void;
const listeners = new Set<Listener>();

export function announceLanes(lanes: readonly LaneInfo[]): void {
  for (const listener of listeners) listener(lanes);
}

export function onLanesStarted(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
