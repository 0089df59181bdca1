/**
 * For property tests: a dissection's every range lies inside the buffer it indexes (the frame, or the
 * byte source it names), and no dissector failed (a failure is a missing bounds check).
 */
import { expect } from 'vitest';
import type { DissectedField, FrameDissection } from '../../../shared/dissection.js';

function* all(fields: readonly DissectedField[]): Generator<DissectedField> {
  for (const f of fields) {
    yield f;
    if (f.children) yield* all(f.children);
  }
}

export function checkDissection(d: FrameDissection): void {
  const frameLength = d.layers.find((l) => l.id === 'frame')?.range[1] ?? Number.MAX_SAFE_INTEGER;
  const lengthOf = (source?: string): number =>
    source === undefined ? frameLength : (d.sources?.find((s) => s.name === source)?.bytes.length ?? -1);
  const inside = (range: readonly [number, number], source?: string) =>
    0 <= range[0] && range[0] <= range[1] && range[1] <= lengthOf(source);
  for (const layer of d.layers) {
    expect(inside(layer.range, layer.source), `${layer.id} ${layer.range}`).toBe(true);
    for (const f of all(layer.fields))
      expect(inside(f.range, f.source), `${f.id} ${f.range} ${f.source ?? ''}`).toBe(true);
  }
  expect(d.problems.filter((p) => p.message.startsWith('dissector failed'))).toEqual([]);
}
