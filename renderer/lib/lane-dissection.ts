/**
 * Which dissection of a lane the renderer shows. Keys that arrive for a lane's TLS sessions make the
 * engine dissect its frames again (issue 8): same frame count, new rows and details. The engine numbers
 * its dissections (`LaneInfo.dissection`); an engine that does not, still announces the new dissection
 * of a finished lane with a `lane.progress` that changes nothing else, so that counts as one too.
 */
import type { LaneInfo } from '../../shared/contract/index.js';

export function withDissection(previous: LaneInfo | undefined, next: LaneInfo): LaneInfo {
  if (next.dissection !== undefined) return next;
  const known = previous?.dissection ?? 0;
  const again =
    previous !== undefined &&
    previous.state === 'done' &&
    next.state === 'done' &&
    previous.frames === next.frames;
  return { ...next, dissection: again ? known + 1 : known };
}

/** The dissection a lane shows (0 until its frames are dissected again). */
export function dissectionOf(lane: Pick<LaneInfo, 'dissection'>): number {
  return lane.dissection ?? 0;
}
