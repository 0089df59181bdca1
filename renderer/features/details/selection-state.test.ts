import { describe, expect, it } from 'vitest';
import { FRAME_SOURCE } from '../hex/byte-source.js';
import {
  initialSelection,
  reduceSelection,
  type SelectionAction,
  type SelectionState,
} from './selection-state.js';
import { frame, TCP_FRAME } from './test-frames.js';

const run = (state: SelectionState, ...actions: SelectionAction[]) => actions.reduce(reduceSelection, state);

describe('reduceSelection', () => {
  it('selects the innermost field of a clicked byte and opens its ancestors', () => {
    const state = run(initialSelection(TCP_FRAME), { type: 'byte', source: FRAME_SOURCE, offset: 20 });
    expect(state.selected).toEqual([2, 3, 1]);
    expect([...state.expanded]).toEqual(['ip', 'ip/ip.flags']);
    expect(state.carried).toBe('ip/ip.flags/ip.flags.df');
  });

  it('clears the selection for a byte in no field', () => {
    const state = run(
      initialSelection(TCP_FRAME),
      { type: 'select', path: [1] },
      { type: 'byte', source: FRAME_SOURCE, offset: 999 },
    );
    expect(state.selected).toBeNull();
  });

  it('ignores a path that names no node', () => {
    expect(run(initialSelection(TCP_FRAME), { type: 'select', path: [9, 9] }).selected).toBeNull();
  });

  it('toggles a subtree open and closed', () => {
    const open = run(initialSelection(TCP_FRAME), { type: 'toggle', expansionKey: 'tcp' });
    expect(open.expanded.has('tcp')).toBe(true);
    expect(run(open, { type: 'toggle', expansionKey: 'tcp' }).expanded.has('tcp')).toBe(false);
  });

  it('carries the selected field and the open subtrees to the next frame', () => {
    const next = frame([TCP_FRAME.layers[1]!, TCP_FRAME.layers[2]!], { comments: ['note'] });
    const arp = frame([{ id: 'arp', title: 'Address Resolution Protocol', range: [14, 42], fields: [] }]);
    let state = run(initialSelection(TCP_FRAME), { type: 'select', path: [2, 2] });
    state = run(state, { type: 'toggle', expansionKey: 'ip' }, { type: 'frame', details: next });
    expect(state.selected).toEqual([2, 2]);
    expect(state.expanded.has('ip')).toBe(true);
    // A frame without the field shows no selection, but the one after it gets it back.
    state = run(state, { type: 'frame', details: arp });
    expect(state.selected).toBeNull();
    expect(run(state, { type: 'frame', details: TCP_FRAME }).selected).toEqual([2, 2]);
  });

  it('returns the same state for the same frame, so that the hook does not loop', () => {
    const state = initialSelection(TCP_FRAME);
    expect(reduceSelection(state, { type: 'frame', details: TCP_FRAME })).toBe(state);
  });
});
