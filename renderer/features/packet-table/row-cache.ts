/**
 * The rows of one view that the table has fetched: blocks of positions around what is on screen,
 * never the whole view (a million rows would cost the renderer hundreds of MB). A block fetched
 * while the lane was still growing is "partial" and fetched again once more rows exist.
 */
import type { PacketRow, RowsWindow } from '../../../shared/contract/index.js';

type BlockState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly total: number }
  /** Its rows are shown until fetched again: the lane was dissected again (keys arrived). */
  | { readonly kind: 'stale' };

export class RowCache {
  private readonly rows = new Map<number, PacketRow>();
  /** Insertion order doubles as recency: a block touched again is re-inserted. */
  private readonly blocks = new Map<number, BlockState>();

  constructor(
    readonly blockSize = 200,
    readonly maxBlocks = 40,
  ) {}

  get(position: number): PacketRow | undefined {
    return this.rows.get(position);
  }

  get size(): number {
    return this.rows.size;
  }

  /** Blocks covering [first, last] (plus one block either side) that must be fetched now. */
  missingBlocks(first: number, last: number, total: number): number[] {
    if (total === 0 || last < first) return [];
    const from = Math.max(0, Math.floor(first / this.blockSize) - 1);
    const to = Math.floor(Math.min(last, total - 1) / this.blockSize) + 1;
    const missing: number[] = [];
    for (let block = from; block <= to && block * this.blockSize < total; block++) {
      const state = this.blocks.get(block);
      if (state === undefined || state.kind === 'stale') missing.push(block);
      else if (state.kind === 'loaded') {
        const end = (block + 1) * this.blockSize;
        if (state.total < end && total > state.total) missing.push(block);
        this.touch(block, state);
      }
    }
    return missing;
  }

  /** The request for a block: one row before it too, for the delta-time column of its first row. */
  requestFor(block: number): { start: number; count: number } {
    const start = block * this.blockSize;
    return start === 0 ? { start, count: this.blockSize } : { start: start - 1, count: this.blockSize + 1 };
  }

  /** Every block is fetched again when next on screen; its rows stay meanwhile (no blank flash). */
  invalidate(): void {
    for (const block of this.blocks.keys()) this.blocks.set(block, { kind: 'stale' });
  }

  markLoading(block: number): void {
    this.blocks.set(block, { kind: 'loading' });
  }

  /** A request failed: let the next `missingBlocks` ask again. */
  forget(block: number): void {
    this.blocks.delete(block);
  }

  fill(block: number, window: RowsWindow): void {
    window.rows.forEach((row, i) => this.rows.set(window.start + i, row));
    this.touch(block, { kind: 'loaded', total: window.total });
    this.evict();
  }

  private touch(block: number, state: BlockState): void {
    this.blocks.delete(block);
    this.blocks.set(block, state);
  }

  private evict(): void {
    while (this.blocks.size > this.maxBlocks) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
      const start = oldest * this.blockSize;
      for (let p = start; p < start + this.blockSize; p++) this.rows.delete(p);
    }
  }
}
