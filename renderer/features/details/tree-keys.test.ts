import { describe, expect, it } from 'vitest';
import { flattenTree, type FieldPath } from './selection.js';
import { treeKeyAction } from './tree-keys.js';
import { TCP_FRAME } from './test-frames.js';

// frame, eth (open: eth.dst (open: eth.addr), eth.src, eth.type), ip, tcp
const rows = flattenTree(TCP_FRAME, new Set(['eth', 'eth/eth.dst']));
const press = (selected: FieldPath | null, key: string) => treeKeyAction(rows, selected, key);

describe('treeKeyAction', () => {
  it('moves up and down through the visible rows, stopping at the ends', () => {
    expect(press([1], 'ArrowDown')).toEqual({ kind: 'select', path: [1, 0] });
    expect(press([1, 0, 0], 'ArrowDown')).toEqual({ kind: 'select', path: [1, 1] });
    expect(press([1, 1], 'ArrowUp')).toEqual({ kind: 'select', path: [1, 0, 0] });
    expect(press([3], 'ArrowDown')).toBeNull();
    expect(press([0], 'ArrowUp')).toBeNull();
    expect(press([1, 2], 'Home')).toEqual({ kind: 'select', path: [0] });
    expect(press([1, 2], 'End')).toEqual({ kind: 'select', path: [3] });
  });

  it('starts at an end when nothing is selected', () => {
    expect(press(null, 'ArrowDown')).toEqual({ kind: 'select', path: [0] });
    expect(press(null, 'ArrowUp')).toEqual({ kind: 'select', path: [3] });
    expect(press(null, 'Enter')).toBeNull();
  });

  it('opens with Right, then steps into the first child', () => {
    expect(press([2], 'ArrowRight')).toEqual({ kind: 'toggle', expansionKey: 'ip' });
    expect(press([1], 'ArrowRight')).toEqual({ kind: 'select', path: [1, 0] });
    expect(press([1, 1], 'ArrowRight')).toBeNull();
  });

  it('closes with Left, then steps to the parent', () => {
    expect(press([1, 0], 'ArrowLeft')).toEqual({ kind: 'toggle', expansionKey: 'eth/eth.dst' });
    expect(press([1, 0, 0], 'ArrowLeft')).toEqual({ kind: 'select', path: [1, 0] });
    expect(press([1, 2], 'ArrowLeft')).toEqual({ kind: 'select', path: [1] });
    expect(press([2], 'ArrowLeft')).toBeNull();
  });

  it('toggles with Enter and Space, and leaves other keys alone', () => {
    expect(press([1], 'Enter')).toEqual({ kind: 'toggle', expansionKey: 'eth' });
    expect(press([1, 0], ' ')).toEqual({ kind: 'toggle', expansionKey: 'eth/eth.dst' });
    expect(press([1, 2], 'Enter')).toBeNull();
    expect(press([1], 'a')).toBeNull();
  });
});
