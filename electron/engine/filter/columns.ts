/**
 * A field's values over a whole lane, kept after a pass so that the next filter naming the field is
 * a scan of typed arrays (a million frames in tens of milliseconds) instead of a dissection pass.
 * Sparse: one entry per occurrence (frame index, value), not per frame, so `http.host` costs what
 * the HTTP frames hold. Readers go forward with a cursor (filters scan in frame order) and fall
 * back to a binary search when asked out of order.
 */
import type { FType } from '../../../shared/filter/index.js';
import type { RuntimeValue } from './field-sink.js';
import type { SlotReader } from './readers.js';

/** Kinds of storage: numbers in a Float64Array, existence only, or a JS array (text, bytes). */
export function storageOf(ftype: FType, existenceOnly: boolean): 'numbers' | 'none' | 'objects' {
  if (existenceOnly || ftype === 'none') return 'none';
  return ftype === 'string' ||
    ftype === 'ether' ||
    ftype === 'ipv6' ||
    ftype === 'bytes' ||
    ftype === 'protocol'
    ? 'objects'
    : 'numbers';
}

function grow<T extends Uint32Array | Float64Array | Uint8Array>(array: T, make: (n: number) => T): T {
  const next = make(Math.max(64, array.length * 2));
  next.set(array);
  return next;
}

export class Column {
  /** Frames [0, covered) have been seen by the pass that fills this column. */
  covered = 0;
  length = 0;
  private frames = new Uint32Array(0);
  private numbers: Float64Array | null;
  private objects: RuntimeValue[] | null;
  private layers: Uint8Array | null;
  lastUse = 0;

  constructor(
    readonly storage: 'numbers' | 'none' | 'objects',
    layered: boolean,
  ) {
    this.numbers = storage === 'numbers' ? new Float64Array(0) : null;
    this.objects = storage === 'objects' ? [] : null;
    this.layers = layered ? new Uint8Array(0) : null;
  }

  push(frame: number, value: RuntimeValue, layer: number): void {
    const i = this.length++;
    if (i >= this.frames.length) this.frames = grow(this.frames, (n) => new Uint32Array(n));
    this.frames[i] = frame;
    if (this.numbers) {
      if (i >= this.numbers.length) this.numbers = grow(this.numbers, (n) => new Float64Array(n));
      this.numbers[i] = value as number;
    } else if (this.objects) {
      // Byte values are views into the pass's read window: keep a copy.
      this.objects.push(value instanceof Uint8Array ? value.slice() : value);
    }
    if (this.layers) {
      if (i >= this.layers.length) this.layers = grow(this.layers, (n) => new Uint8Array(n));
      this.layers[i] = Math.min(layer, 255);
    }
  }

  frameAt(i: number): number {
    return this.frames[i] as number;
  }

  valueAt(i: number): RuntimeValue {
    if (this.numbers) return this.numbers[i] as number;
    return this.objects ? (this.objects[i] ?? null) : null;
  }

  layerAt(i: number): number {
    return this.layers ? (this.layers[i] as number) : 0;
  }

  /** The first entry for `frame` or after it. */
  search(frame: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.frames[mid] as number) < frame) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get byteLength(): number {
    const objects = this.objects ? this.objects.length * 48 : 0;
    return (
      this.frames.byteLength + (this.numbers?.byteLength ?? 0) + (this.layers?.byteLength ?? 0) + objects
    );
  }
}

/** Reads a column frame by frame; cheap when frames are asked in increasing order. */
export class ColumnReader implements SlotReader {
  private cursor = 0;
  private frame = -1;
  private n = 0;

  constructor(private readonly column: Column) {}

  private seek(frame: number): void {
    if (frame === this.frame) return;
    const c = this.column;
    let at = this.cursor + this.n;
    if (frame < this.frame || at > c.length) at = c.search(frame);
    else while (at < c.length && c.frameAt(at) < frame) at++;
    let n = 0;
    while (at + n < c.length && c.frameAt(at + n) === frame) n++;
    this.cursor = at;
    this.n = n;
    this.frame = frame;
  }

  count(frame: number): number {
    this.seek(frame);
    return this.n;
  }

  value(frame: number, k: number): RuntimeValue {
    this.seek(frame);
    return this.column.valueAt(this.cursor + k);
  }

  layer(frame: number, k: number): number {
    this.seek(frame);
    return this.column.layerAt(this.cursor + k);
  }
}
