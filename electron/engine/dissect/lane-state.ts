/** The state a lane's dissectors keep from frame to frame, one slot per kind (see `stateKey`). */
import { NO_KEYS, type KeyLookup } from '../tls-keys/secrets.js';

/** Lane-long state of one dissector (TCP conversations, ICMP requests…), created on first use. */
export interface StateKey<T> {
  readonly name: string;
  /** Slot in the lane's state array, from `stateKey`. */
  readonly slot: number;
  create(): T;
}

let nextSlot = 0;

/** Declares a kind of lane state; each gets a slot so that finding it per frame is an array index. */
export function stateKey<T>(name: string, create: () => T): StateKey<T> {
  return { name, slot: nextSlot++, create };
}

/**
 * The state of all dissectors of one lane. The summary pass updates it frame by frame; the detail path
 * shares it read-only (stateful dissectors record per-frame results during the summary pass and look
 * them up when `ctx.detail` is set).
 */
export class LaneState {
  private readonly states: unknown[] = [];
  /**
   * The captured bytes of an earlier frame of the lane, when the host can read them back (its spool):
   * the detail path rebuilds reassembled PDUs from them instead of keeping every buffer.
   */
  frameBytes: ((frame: number) => Uint8Array | undefined) | null = null;
  /** TLS secrets (key logs, DSBs): TLS sessions are set up for decryption with what this knows then. */
  keys: KeyLookup = NO_KEYS;

  get<T>(key: StateKey<T>): T {
    let value = this.states[key.slot] as T | undefined;
    if (value === undefined) {
      value = key.create();
      this.states[key.slot] = value;
    }
    return value;
  }
}
