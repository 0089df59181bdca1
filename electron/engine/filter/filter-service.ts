/**
 * The engine's filtered views: creates them, runs their jobs one lane at a time (a lane's jobs share
 * its field index and pass, so they never interleave), keeps them up to date while a live lane grows,
 * and answers progress and cancel requests.
 *
 * How a display filter is evaluated (measured on the 1,000,000-frame benchmark: building every
 * frame's details tree costs ~55 µs a frame, a minute per million; tshark -Y ~30–40 µs):
 *  1. shared/filter checks the text against the field registry into a typed `Test`;
 *  2. plan.ts lists the field ids it reads; frame.*, tcp.stream, hh.lane and the malformed flags come
 *     from the store's columns (store-fields.ts), no dissection;
 *  3. every other field is a column of the lane's field index (field-index.ts), filled by a pass over
 *     the frames (pass.ts). For each frame the pass first tries answers from what the summary pass
 *     recorded (fast-answers.ts): TCP ports and analysis flags from TCP's state, and "absent" for any
 *     protocol the frame did not have (a 4-byte protocol column in the store); only frames those
 *     cannot settle are dissected again, on the detail path, with a field sink as the tree (it keeps
 *     the wanted fields only) given only to the layers that hold them (layer-policy.ts);
 *  4. compile.ts turns the `Test` into a predicate over frame indices, reading columns with cursors;
 *     the view is the matching indices (sorted if asked).
 * Re-filtering with fields already indexed is step 4 alone: tens of milliseconds per million frames.
 * Filters on byte values (`frame contains`, `tcp.payload`) are not cached: they keep their own pass.
 */
import type { LaneId, SortSpec, ViewId } from '../../../shared/contract/index.js';
import type { FilterProgress } from '../../../shared/contract/filter-channels.js';
import { checkFilter } from '../../../shared/filter/index.js';
import { EngineError, type Engine } from '../engine.js';
import type { Lane } from '../lanes/lane.js';
import { FilteredView } from './filtered-view.js';

interface Entry {
  readonly lane: Lane;
  readonly view: ViewId;
  readonly filtered: FilteredView;
  job: Promise<void> | null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FilterService {
  private readonly entries = new Map<string, Entry>();
  private readonly queues = new WeakMap<Lane, Promise<void>>();

  constructor(private readonly engine: Engine) {
    engine.on((channel, payload) => {
      if (channel === 'lane.progress') this.grow((payload as { lane: LaneId }).lane);
      if (channel === 'lane.closed') this.forget((payload as { lane: LaneId }).lane);
    });
  }

  create(laneId: LaneId, sort: SortSpec | null, text: string): { lane: LaneId; view: ViewId; total: number } {
    const lane = this.lane(laneId);
    const checked = checkFilter(text);
    if (!checked.ok) {
      const error = checked.error;
      throw new EngineError(
        'bad-request',
        error ? `${error.message} (at ${error.position})` : 'invalid filter',
      );
    }
    const filtered = new FilteredView(lane, checked.test, sort);
    const view = lane.addView(filtered.view);
    const entry: Entry = { lane, view, filtered, job: null };
    this.entries.set(key(laneId, view), entry);
    this.schedule(entry);
    return { lane: laneId, view, total: filtered.view.length };
  }

  async progress(laneId: LaneId, viewId: ViewId, waitMs = 0): Promise<FilterProgress> {
    const entry = this.entry(laneId, viewId);
    if (entry.job && waitMs > 0) await Promise.race([entry.job, sleep(waitMs)]);
    return {
      lane: laneId,
      view: viewId,
      ...entry.filtered.progress,
      elapsedMs: entry.filtered.progress.elapsedMs,
    };
  }

  cancel(laneId: LaneId, viewId: ViewId): boolean {
    const entry = this.entries.get(key(laneId, viewId));
    if (!entry?.job) return false;
    entry.filtered.cancel();
    return true;
  }

  /** Resolves when the view's current job has ended (the CLI and tests). */
  async settled(laneId: LaneId, viewId: ViewId): Promise<FilterProgress> {
    const entry = this.entry(laneId, viewId);
    while (entry.job) await entry.job;
    return this.progress(laneId, viewId);
  }

  private schedule(entry: Entry): void {
    if (entry.job) return;
    const previous = this.queues.get(entry.lane) ?? Promise.resolve();
    const job = previous.then(() => entry.filtered.run());
    this.queues.set(entry.lane, job);
    entry.job = job;
    void job.then(() => {
      entry.job = null;
      // Frames arrived while it ran: go on (a cancelled view stays as it is).
      if (!entry.filtered.upToDate && entry.filtered.progress.state === 'done' && this.alive(entry))
        this.schedule(entry);
    });
  }

  /** A live lane grew: bring its finished filtered views up to date. */
  private grow(laneId: LaneId): void {
    for (const entry of this.entries.values()) {
      if (entry.lane.id !== laneId || entry.job || !this.alive(entry)) continue;
      if (!entry.filtered.upToDate && entry.filtered.progress.state === 'done') this.schedule(entry);
    }
  }

  private alive(entry: Entry): boolean {
    if (entry.lane.view(entry.view)) return true;
    entry.filtered.cancel();
    this.entries.delete(key(entry.lane.id, entry.view));
    return false;
  }

  private forget(laneId: LaneId): void {
    for (const [k, entry] of this.entries) if (entry.lane.id === laneId) this.entries.delete(k);
  }

  private entry(laneId: LaneId, viewId: ViewId): Entry {
    const entry = this.entries.get(key(laneId, viewId));
    if (!entry || !this.alive(entry))
      throw new EngineError('not-found', `lane ${laneId} has no filtered view ${viewId}`);
    return entry;
  }

  private lane(id: LaneId): Lane {
    const lane = this.engine.liveLane(id);
    if (!lane) throw new EngineError('not-found', `no lane ${id}`);
    return lane;
  }
}

function key(lane: LaneId, view: ViewId): string {
  return `${lane}/${view}`;
}
