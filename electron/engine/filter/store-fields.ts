/**
 * Fields answered from the lane's store without dissecting anything: what the capture file says
 * (`frame.number`, `frame.len`, `frame.time*`, `frame.interface_id`), what the summary pass already
 * recorded (`tcp.stream`, the malformed/truncated flag bits behind `_ws.malformed`/`_ws.short`) and
 * Hammerhead's `hh.lane`. These filters cost a loop over typed arrays.
 *
 * `frame.time_delta_displayed` depends on the filter itself: as in tshark 4.0's single pass, it is
 * the time since the last frame that passed the filter so far (0 while none has), so the view tests
 * frames in capture order and says which passed last. Where frames are tested alone (colouring
 * rules), every frame counts as displayed and it is the time since the previous captured frame.
 */
import { FrameFlag } from '../../../shared/dissection.js';
import type { FrameStore } from '../store/frame-store.js';
import type { SlotReader } from './readers.js';

/** A reader with at most one value per frame. */
function single(has: (i: number) => boolean, value: (i: number) => number): SlotReader {
  return { count: (i) => (has(i) ? 1 : 0), value: (i) => value(i), layer: () => 1 };
}

const always = () => true;

function time(store: FrameStore, i: number): number {
  return store.seconds(i) + store.nanos(i) / 1e9;
}

/** Seconds from frame `from` to frame `to`, exact to the nanosecond for nearby frames. */
function delta(store: FrameStore, from: number, to: number): number {
  return store.seconds(to) - store.seconds(from) + (store.nanos(to) - store.nanos(from)) / 1e9;
}

/** The frame that passed the filter last before frame `i` (-1: none yet). */
export type LastDisplayed = (i: number) => number;

const PREVIOUS_CAPTURED: LastDisplayed = (i) => i - 1;

/** The first frame with a timestamp: Wireshark's reference for `frame.time_relative`. */
function firstTimed(store: FrameStore): number {
  for (let i = 0; i < store.count; i++) if (store.hasTimestamp(i)) return i;
  return -1;
}

export function storeReader(
  id: string,
  store: FrameStore,
  lane: number,
  lastDisplayed: LastDisplayed = PREVIOUS_CAPTURED,
): SlotReader | null {
  const timed = (i: number) => store.hasTimestamp(i);
  switch (id) {
    case 'frame':
      return single(always, () => 0);
    case 'frame.number':
      return single(always, (i) => i + 1);
    case 'frame.len':
      return single(always, (i) => store.originalLength(i));
    case 'frame.cap_len':
      return single(always, (i) => store.capturedLength(i));
    case 'frame.interface_id':
      return single(always, (i) => store.interfaceId(i));
    case 'frame.time':
    case 'frame.time_epoch':
      return single(timed, (i) => time(store, i));
    case 'frame.time_relative': {
      let first = -2;
      return single(timed, (i) => {
        if (first === -2) first = firstTimed(store);
        return first < 0
          ? 0
          : store.seconds(i) - store.seconds(first) + (store.nanos(i) - store.nanos(first)) / 1e9;
      });
    }
    case 'frame.time_delta':
      return single(
        (i) => timed(i) && (i === 0 || timed(i - 1)),
        (i) => (i === 0 ? 0 : delta(store, i - 1, i)),
      );
    case 'frame.time_delta_displayed':
      return single(
        (i) => {
          const last = lastDisplayed(i);
          return timed(i) && (last < 0 || timed(last));
        },
        (i) => {
          const last = lastDisplayed(i);
          return last < 0 ? 0 : delta(store, last, i);
        },
      );
    case 'tcp.stream':
      return single(
        (i) => store.stream(i) >= 0,
        (i) => store.stream(i),
      );
    case 'hh.lane':
      return single(always, () => lane);
    case '_ws.malformed':
      return single(
        (i) => (store.flags(i) & FrameFlag.Malformed) !== 0,
        () => 0,
      );
    case '_ws.short':
      return single(
        (i) => (store.flags(i) & FrameFlag.Truncated) !== 0,
        () => 0,
      );
    default:
      return null;
  }
}

/** Whether a field comes from the store (`frame` only when no byte value of it is read). */
export function isStoreField(id: string, needsValue: boolean): boolean {
  if (id === 'frame' || id === '_ws.malformed' || id === '_ws.short') return !needsValue;
  return STORE_IDS.has(id);
}

const STORE_IDS: ReadonlySet<string> = new Set([
  'frame.number',
  'frame.len',
  'frame.cap_len',
  'frame.interface_id',
  'frame.time',
  'frame.time_epoch',
  'frame.time_relative',
  'frame.time_delta',
  'frame.time_delta_displayed',
  'tcp.stream',
  'hh.lane',
]);
