/**
 * A filtered view of a lane and the job that fills it. A job brings the view up to the lane's
 * current frame count in two phases, yielding to the event loop between steps so that rows, details
 * and progress requests are served meanwhile:
 *  1. dissecting: the lane's field index advances its pass until it covers the fields the filter
 *     reads (skipped when they are all cached or come from the store);
 *  2. scanning: the compiled predicate runs over the cached columns and the store.
 * A filter that reads byte values (`frame contains "x"`) cannot be cached: it keeps its own pass and
 * evaluates each frame as it is dissected. When the lane grows (a live capture), the next job goes on
 * from where the last one stopped; new matches are appended in capture order, as sorted views do.
 */
import type { FilterField } from '../../../shared/filter/index.js';
import type { Lane } from '../lanes/lane.js';
import { sortIndices, type View } from '../store/views.js';
import { compileTest, type Predicate } from './compile.js';
import { fieldIndexOf } from './field-index.js';
import { Pass } from './pass.js';
import { makePlan, type FilterPlan, type SlotSpec } from './plan.js';
import { NO_VALUES, SinkReader, type ReaderOf, type SlotReader } from './readers.js';
import { storeReader } from './store-fields.js';
import type { Test } from '../../../shared/filter/index.js';

export type FilterRunState = 'running' | 'done' | 'cancelled' | 'failed';

export interface FilterProgress {
  state: FilterRunState;
  phase: 'dissecting' | 'scanning' | null;
  /** Frames looked at (dissected in phase 1, tested in phase 2) out of `total`. */
  processed: number;
  total: number;
  matched: number;
  error: string | null;
  elapsedMs: number;
}

const DISSECT_STEP = 16_384;
const SCAN_STEP = 262_144;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FilteredView {
  readonly plan: FilterPlan;
  readonly view: View & { order: Uint32Array; length: number };
  /** Frames [0, scanned) have been tested. */
  private scanned = 0;
  /** The last frame that passed, in capture order (`frame.time_delta_displayed` counts from it). */
  private lastPassed = -1;
  private own: { pass: Pass; predicate: Predicate } | null = null;
  private cancelled = false;
  private started = performance.now();
  readonly progress: FilterProgress = {
    state: 'running',
    phase: null,
    processed: 0,
    total: 0,
    matched: 0,
    error: null,
    elapsedMs: 0,
  };

  constructor(
    private readonly lane: Lane,
    test: Test | null,
    sort: View['sort'],
  ) {
    this.plan = makePlan(test);
    this.view = { sort, order: new Uint32Array(1024), length: 0 };
  }

  get upToDate(): boolean {
    return this.scanned >= this.lane.store.count;
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** Brings the view up to the lane's current frames. */
  async run(): Promise<void> {
    const total = this.lane.store.count;
    const first = this.scanned === 0;
    this.cancelled = false;
    this.started = performance.now();
    Object.assign(this.progress, { state: 'running', total, processed: 0, error: null });
    try {
      const sinkSlots = this.plan.slots.filter((s) => s.source === 'sink');
      if (sinkSlots.some((s) => !s.cacheable)) await this.runOwnPass(sinkSlots, total);
      else {
        await this.dissect(sinkSlots, total);
        if (!this.cancelled) await this.scan(total);
      }
      if (first && !this.cancelled && this.view.sort) this.sort();
      this.finish(this.cancelled ? 'cancelled' : 'done', null);
    } catch (error) {
      this.finish('failed', error instanceof Error ? error.message : String(error));
    }
  }

  private finish(state: FilterRunState, error: string | null): void {
    Object.assign(this.progress, { state, phase: null, error, elapsedMs: performance.now() - this.started });
  }

  private report(phase: 'dissecting' | 'scanning', processed: number): void {
    Object.assign(this.progress, {
      phase,
      processed,
      matched: this.view.length,
      elapsedMs: performance.now() - this.started,
    });
  }

  private async dissect(slots: readonly SlotSpec[], total: number): Promise<void> {
    const index = fieldIndexOf(this.lane);
    if (slots.length === 0 || index.coverage(slots) >= total) return;
    if (!index.feeds(slots)) index.startPass(slots, (all) => protocolsOf(all, this.plan));
    while (index.passed < total && !this.cancelled) {
      index.advance(Math.min(total, index.passed + DISSECT_STEP));
      this.report('dissecting', index.passed);
      await tick();
    }
  }

  private async scan(total: number): Promise<void> {
    const index = fieldIndexOf(this.lane);
    const predicate = this.compile((slot) => index.reader(slot));
    while (this.scanned < total && !this.cancelled) {
      const end = Math.min(total, this.scanned + SCAN_STEP);
      for (let i = this.scanned; i < end; i++) if (predicate(i)) this.push(i);
      this.scanned = end;
      this.report('scanning', end);
      if (end < total) await tick();
    }
  }

  /** Byte values: dissect and test each frame in one go (nothing cached). */
  private async runOwnPass(slots: readonly SlotSpec[], total: number): Promise<void> {
    if (!this.own) {
      const pass = new Pass(this.lane, slots, this.plan.protocols, this.plan.everything);
      const predicate = this.compile((slot) => {
        const at = slots.indexOf(slot);
        return at < 0 ? null : new SinkReader(pass.sink, at);
      });
      this.own = { pass, predicate };
    }
    const { pass, predicate } = this.own;
    while (pass.next < total && !this.cancelled) {
      pass.advance(Math.min(total, pass.next + DISSECT_STEP), (i) => {
        if (predicate(i)) this.push(i);
      });
      this.scanned = pass.next;
      this.report('dissecting', pass.next);
      await tick();
    }
  }

  private compile(sinkReader: (slot: SlotSpec) => SlotReader | null): Predicate {
    const store = this.lane.store;
    const readers = new Map<SlotSpec, SlotReader>();
    const readerOf: ReaderOf = (field: FilterField, layered: boolean) =>
      this.plan.slotsOf(field, layered).map((slot) => {
        let reader = readers.get(slot);
        if (!reader) {
          reader =
            (slot.source === 'store'
              ? storeReader(slot.id, store, this.lane.id, () => this.lastPassed)
              : sinkReader(slot)) ?? NO_VALUES;
          readers.set(slot, reader);
        }
        return reader;
      });
    return this.plan.test ? compileTest(this.plan.test, readerOf) : () => true;
  }

  private push(frame: number): void {
    this.lastPassed = frame;
    const view = this.view;
    if (view.length === view.order.length) {
      const grown = new Uint32Array(view.order.length * 2);
      grown.set(view.order);
      view.order = grown;
    }
    view.order[view.length++] = frame;
  }

  private sort(): void {
    const sort = this.view.sort;
    if (!sort) return;
    const matches = this.view.order.subarray(0, this.view.length);
    sortIndices(this.lane.store, sort, (i) => this.lane.infoOf(i), matches);
  }
}

/** The protocols (and whether every layer) a set of slots needs, from the plans that asked for them. */
function protocolsOf(
  slots: readonly SlotSpec[],
  plan: FilterPlan,
): { protocols: Set<string>; everything: boolean } {
  const protocols = new Set<string>(plan.protocols);
  let everything = plan.everything;
  for (const slot of slots) {
    protocols.add(slot.protocol);
    everything ||= slot.id === 'frame.protocols' || slot.id === 'hh.decrypted';
  }
  return { protocols, everything };
}
