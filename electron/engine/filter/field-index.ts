/**
 * A lane's field index: cached columns of the fields filters have read, filled by one shared pass.
 *
 * When a filter reads fields the index lacks, a new pass starts from the first frame with the union
 * of the fields kept so far and the new ones (one dissection fills them all), and replaces the old
 * columns as it goes; when the lane grows, the same pass continues. Re-filtering with fields already
 * indexed is a scan of typed arrays. The index is dropped when what dissection yields changes (a TLS
 * key log arrives: `invalidateFieldIndex`), and it keeps at most MAX_SLOTS fields, least recently
 * used first out, so a long session does not make every pass dissect everything.
 */
import type { Lane } from '../lanes/lane.js';
import { Column, ColumnReader, storageOf } from './columns.js';
import { Pass } from './pass.js';
import type { SlotSpec } from './plan.js';
import type { SlotReader } from './readers.js';
import { fastAnswerFor } from './fast-answers.js';

const MAX_SLOTS = 16;

/** Protocols a set of slots needs trees for (their ids' protocols, as the plan computed). */
export type ProtocolsOf = (slots: readonly SlotSpec[]) => { protocols: Set<string>; everything: boolean };

export class FieldIndex {
  private readonly columns = new Map<string, Column>();
  private pass: Pass | null = null;
  private useClock = 0;

  constructor(private readonly lane: Lane) {}

  /** Whether the index's pass fills every one of `slots` (so advancing it is enough). */
  feeds(slots: readonly SlotSpec[]): boolean {
    const pass = this.pass;
    return pass !== null && slots.every((s) => pass.slots.some((p) => p.key === s.key));
  }

  /**
   * Starts the pass that fills `slots`, and goes on filling the most recently used slots of the last
   * pass (so that a live lane's columns keep growing), except slots that need dissection when the new
   * ones do not (`tcp.port` after `http.host`: the new pass then reads recorded state only). Columns
   * the new pass does not fill stay, valid for the frames they cover.
   */
  startPass(slots: readonly SlotSpec[], protocolsOf: ProtocolsOf): Pass {
    const fastOnly = slots.every((slot) => fastAnswerFor(slot, this.lane) !== null);
    const keep = (this.pass?.slots ?? [])
      .filter((old) => !slots.some((s) => s.key === old.key))
      .filter((old) => !fastOnly || fastAnswerFor(old, this.lane) !== null)
      .sort((a, b) => (this.columns.get(b.key)?.lastUse ?? 0) - (this.columns.get(a.key)?.lastUse ?? 0))
      .slice(0, Math.max(0, MAX_SLOTS - slots.length));
    const all = [...slots, ...keep];
    const { protocols, everything } = protocolsOf(all);
    for (const slot of all)
      this.columns.set(slot.key, new Column(storageOf(slot.ftype, false), slot.layerOf !== null));
    this.evict(all);
    this.pass = new Pass(this.lane, all, protocols, everything);
    return this.pass;
  }

  /** Keeps at most MAX_SLOTS columns: the least recently used ones the new pass does not fill go. */
  private evict(filled: readonly SlotSpec[]): void {
    const spare = [...this.columns.entries()]
      .filter(([key]) => !filled.some((s) => s.key === key))
      .sort((a, b) => a[1].lastUse - b[1].lastUse);
    while (this.columns.size > MAX_SLOTS && spare.length > 0)
      this.columns.delete((spare.shift() as [string, Column])[0]);
  }

  /** Advances the pass to `to`, appending each frame's values to the columns. */
  advance(to: number): void {
    const pass = this.pass;
    if (!pass) return;
    const columns = pass.slots.map((s) => this.columns.get(s.key) as Column);
    const touched = pass.sink.touched;
    pass.advance(to, (frame) => {
      for (const slot of touched) {
        const column = columns[slot] as Column;
        const values = pass.valuesOf(slot);
        const layers = pass.sink.layerOfValue[slot] as number[];
        for (let k = 0; k < values.length; k++) column.push(frame, values[k] ?? null, layers[k] ?? 0);
      }
    });
    for (const column of columns) column.covered = pass.next;
  }

  /** Frames the index covers for every one of `slots` (0 when one is missing). */
  coverage(slots: readonly SlotSpec[]): number {
    let covered = Number.POSITIVE_INFINITY;
    for (const slot of slots) covered = Math.min(covered, this.columns.get(slot.key)?.covered ?? 0);
    return slots.length === 0 ? this.lane.store.count : covered;
  }

  /** The pass's progress: frames dissected so far. */
  get passed(): number {
    return this.pass?.next ?? 0;
  }

  reader(slot: SlotSpec): SlotReader | null {
    const column = this.columns.get(slot.key);
    if (!column) return null;
    column.lastUse = ++this.useClock;
    return new ColumnReader(column);
  }

  invalidate(): void {
    this.columns.clear();
    this.pass = null;
  }

  get byteLength(): number {
    let total = 0;
    for (const column of this.columns.values()) total += column.byteLength;
    return total;
  }
}

const indexes = new WeakMap<Lane, FieldIndex>();

export function fieldIndexOf(lane: Lane): FieldIndex {
  let index = indexes.get(lane);
  if (!index) indexes.set(lane, (index = new FieldIndex(lane)));
  return index;
}

/** Dissection of a lane's frames changed (keys loaded, preferences): cached field values are stale. */
export function invalidateFieldIndex(lane: Lane): void {
  indexes.get(lane)?.invalidate();
}
