/**
 * The selection that the details tree and the hex pane share, for the frame on screen: the selected
 * path, the open subtrees, the bytes to highlight, and a byte click turned into the innermost field
 * (its ancestors opened). The rules live in `selection-state.ts`.
 */
import { useCallback, useMemo, useReducer } from 'react';
import type { FrameDetails } from '../../../shared/contract/index.js';
import { FRAME_SOURCE, type ByteHighlight, type ByteSource } from '../hex/byte-source.js';
import { bytesFromHex } from '../hex/hex-layout.js';
import { rangeOf, type FieldPath } from './selection.js';
import { initialSelection, reduceSelection } from './selection-state.js';

export interface FrameSelection {
  readonly selected: FieldPath | null;
  readonly select: (path: FieldPath | null) => void;
  /** Expansion keys of the open subtrees (`DetailsTree.expanded`). */
  readonly expanded: ReadonlySet<string>;
  readonly toggle: (expansionKey: string) => void;
  /** The selected node's bytes; null when it has none (zero-length, comments, nothing selected). */
  readonly highlight: ByteHighlight | null;
  /** The frame's bytes (`FRAME_SOURCE`), then `extraSources`: `HexPane.sources`. */
  readonly sources: readonly ByteSource[];
  /** `HexPane.onSelectByte`: selects the innermost field there and opens its ancestors. */
  readonly selectByte: (source: string, offset: number) => void;
}

const NO_SOURCES: readonly ByteSource[] = [];

export function useFrameSelection(
  details: FrameDetails | null,
  /** Reassembled or decrypted buffers, named as the fields' `source`; keep the array stable. */
  extraSources: readonly ByteSource[] = NO_SOURCES,
): FrameSelection {
  const [stored, dispatch] = useReducer(reduceSelection, details, initialSelection);
  // A new frame is taken in during render (React's way to adjust state to a changed prop), so the
  // first render of a frame already shows the carried-over selection.
  const state = reduceSelection(stored, { type: 'frame', details });
  if (state !== stored) dispatch({ type: 'frame', details });

  const select = useCallback((path: FieldPath | null) => dispatch({ type: 'select', path }), []);
  const toggle = useCallback((expansionKey: string) => dispatch({ type: 'toggle', expansionKey }), []);
  const selectByte = useCallback(
    (source: string, offset: number) => dispatch({ type: 'byte', source, offset }),
    [],
  );
  const sources = useMemo(
    (): readonly ByteSource[] =>
      details
        ? [{ name: FRAME_SOURCE, bytes: bytesFromHex(details.bytesHex) }, ...extraSources]
        : extraSources,
    [details, extraSources],
  );
  const { selected, expanded } = state;
  const highlight = useMemo(
    () => (details && selected ? rangeOf(details, selected) : null),
    [details, selected],
  );
  return { selected, select, expanded, toggle, highlight, sources, selectByte };
}
