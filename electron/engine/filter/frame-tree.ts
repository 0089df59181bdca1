/**
 * A filter evaluated on one frame through its details tree, for the few frames on screen (colouring
 * rules) where a pass over the lane would be wasted. The tree's fields are fed to a field sink as
 * the dissectors would have fed them, so the same compiled predicate applies.
 */
import type { DissectedField, FrameDissection } from '../../../shared/dissection.js';
import type { Test } from '../../../shared/filter/index.js';
import { fieldById, type FieldDef } from '../../../shared/fields/index.js';
import type { Lane } from '../lanes/lane.js';
import { compileTest } from './compile.js';
import { FieldSink } from './field-sink.js';
import { makePlan } from './plan.js';
import { NO_VALUES, SinkReader, type SlotReader } from './readers.js';
import { storeReader } from './store-fields.js';

export interface TreeFrame {
  readonly lane: Lane;
  readonly index: number;
  readonly data: Uint8Array;
  readonly dissection: FrameDissection;
}

export type FrameMatcher = (frame: TreeFrame) => boolean;

function defOf(id: string): FieldDef {
  return fieldById(id) ?? { id, label: id, type: 'none' };
}

function feedFields(sink: FieldSink, fields: readonly DissectedField[], layerSource: string | null): void {
  for (const field of fields) {
    sink.setSource(field.source ?? layerSource);
    sink.add(defOf(field.id), field.range[0], field.range[1], field.value);
    if (field.children) feedFields(sink, field.children, layerSource);
  }
}

/** Replays a details tree into a sink. */
export function feedTree(sink: FieldSink, data: Uint8Array, dissection: FrameDissection): void {
  sink.resetFrame(data);
  for (const source of dissection.sources ?? []) sink.addSource(source.name, source.bytes);
  for (const layer of dissection.layers) {
    const source = layer.source ?? null;
    sink.setSource(source);
    sink.begin(layer.id, '', layer.range[0], layer.range[1]);
    feedFields(sink, layer.fields, source);
  }
  sink.setSource(null);
  sink.finishFrame();
}

export function frameMatcher(test: Test | null): FrameMatcher {
  if (!test) return () => true;
  const plan = makePlan(test);
  const sinkSlots = plan.slots.filter((slot) => slot.source === 'sink');
  const sink = new FieldSink(sinkSlots.map(({ id, ftype, layerOf }) => ({ id, ftype, layerOf })));
  let current: TreeFrame | null = null;
  const predicate = compileTest(test, (field, layered) =>
    plan.slotsOf(field, layered).map((slot): SlotReader => {
      if (slot.source === 'sink') return new SinkReader(sink, sinkSlots.indexOf(slot));
      const store = (frame: TreeFrame) => storeReader(slot.id, frame.lane.store, frame.lane.id) ?? NO_VALUES;
      return {
        count: (i) => (current ? store(current).count(i) : 0),
        value: (i, k) => (current ? store(current).value(i, k) : null),
        layer: (i, k) => (current ? store(current).layer(i, k) : 0),
      };
    }),
  );
  return (frame) => {
    current = frame;
    feedTree(sink, frame.data, frame.dissection);
    return predicate(frame.index);
  };
}
