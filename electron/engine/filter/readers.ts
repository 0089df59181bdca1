/**
 * How a compiled filter reads a field's values for frame `i`: from the store's columns, from a
 * cached column of an earlier pass, or from the field sink of the pass running now. The predicate
 * does not know which; it asks each reader how many occurrences the frame has and for each one.
 */
import type { FilterField } from '../../../shared/filter/index.js';
import type { FieldSink, RuntimeValue } from './field-sink.js';

export interface SlotReader {
  count(frame: number): number;
  value(frame: number, k: number): RuntimeValue;
  /** Which layer of its protocol the occurrence is in (1 = outermost), for `ip.src#2`. */
  layer(frame: number, k: number): number;
}

/** The readers of a field: one per id it stands for (`ip.addr`: ip.src then ip.dst). */
export type ReaderOf = (field: FilterField, layered: boolean) => readonly SlotReader[];

export const NO_VALUES: SlotReader = {
  count: () => 0,
  value: () => null,
  layer: () => 0,
};

/** This frame's values in the running pass's sink (the frame index is the one being dissected). */
export class SinkReader implements SlotReader {
  constructor(
    private readonly sink: FieldSink,
    private readonly slot: number,
  ) {}

  count(): number {
    return (this.sink.values[this.slot] as RuntimeValue[]).length;
  }

  value(_frame: number, k: number): RuntimeValue {
    return (this.sink.values[this.slot] as RuntimeValue[])[k] ?? null;
  }

  layer(_frame: number, k: number): number {
    return (this.sink.layerOfValue[this.slot] as number[])[k] ?? 0;
  }
}
