/**
 * Captures start in several places (the picker, the capture dialog, a lane's Restart button), and
 * the session must show every lane they make: they announce them here (with a note for the user,
 * such as the addresses a host name resolved to), and the app adopts them.
 */
import type { LaneInfo } from '../../../shared/contract/index.js';

type Listener = (lanes: readonly LaneInfo[], note?: string) => void;
const listeners = new Set<Listener>();

export function announceLanes(lanes: readonly LaneInfo[], note?: string): void {
  for (const listener of listeners) listener(lanes, note);
}

export function onLanesStarted(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
