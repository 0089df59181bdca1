/**
 * Views over a lane: an index array of frame indices in display order. View 0 is the identity
 * (every frame, capture order) and costs nothing; a sorted view is a Uint32Array built once over
 * the frames present when it was made, with frames that arrive later appended in capture order.
 * (Display filters will produce views the same way.)
 */
import type { Column, SortSpec } from '../../../shared/contract/index.js';
import type { FrameStore } from './frame-store.js';

export interface View {
  readonly sort: SortSpec | null;
  /** Null for the identity view. */
  order: Uint32Array | null;
  /**
   * A filtered view (electron/engine/filter): its positions are `order[0, length)`, the matches so
   * far (`order` has spare room); frames arriving later join once the filter has looked at them.
   */
  length?: number;
}

/** Positions in a view: a filtered view's matches, otherwise every frame of the lane. */
export function viewLength(view: View, frames: number): number {
  return view.length ?? frames;
}

type Compare = (a: number, b: number) => number;

/** Info is not a column of the store: the lane supplies it, derived for every frame, for this sort only. */
export type InfoOf = (index: number) => string;

function comparator(store: FrameStore, column: Column, infoOf: InfoOf): Compare {
  const byString = (get: (i: number) => string): Compare => {
    return (a, b) => {
      const x = get(a);
      const y = get(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
  };
  switch (column) {
    case 'number':
      return (a, b) => a - b;
    case 'time':
      // Frames without a timestamp have seconds 0 and sort first.
      return (a, b) => store.seconds(a) - store.seconds(b) || store.nanos(a) - store.nanos(b);
    case 'length':
      return (a, b) => store.originalLength(a) - store.originalLength(b);
    case 'source':
      return byString((i) => store.source(i));
    case 'destination':
      return byString((i) => store.destination(i));
    case 'protocol':
      return byString((i) => store.protocol(i));
    case 'info': {
      const infos = Array.from({ length: store.count }, (_, i) => infoOf(i));
      return byString((i) => infos[i] as string);
    }
  }
}

export function buildSortedOrder(store: FrameStore, sort: SortSpec, infoOf: InfoOf): Uint32Array {
  const count = store.count;
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  sortIndices(store, sort, infoOf, order);
  return order;
}

/** Sorts frame indices in place (a filtered view's matches); ties keep capture order, as Wireshark does. */
export function sortIndices(store: FrameStore, sort: SortSpec, infoOf: InfoOf, order: Uint32Array): void {
  const compare = comparator(store, sort.column, infoOf);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  order.sort((a, b) => sign * compare(a, b) || a - b);
}

/** The frame index at `position` in the view: sorted part first, then frames that arrived later. */
export function frameAt(view: View, position: number): number {
  if (view.order === null || position >= view.order.length) return position;
  return view.order[position] as number;
}

/**
 * The view position whose frame is nearest in time to `seconds`/`nanos` (the shared time cursor),
 * or -1 when no frame has a timestamp. A linear scan: frames need not be in time order, and the
 * columns are typed arrays (about 5 ms per million frames).
 */
export function nearestPosition(store: FrameStore, view: View, seconds: number, nanos: number): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let position = 0, end = viewLength(view, store.count); position < end; position++) {
    const index = frameAt(view, position);
    if (!store.hasTimestamp(index)) continue;
    const distance = Math.abs((store.seconds(index) - seconds) * 1e9 + (store.nanos(index) - nanos));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = position;
      if (distance === 0) break;
    }
  }
  return best;
}
