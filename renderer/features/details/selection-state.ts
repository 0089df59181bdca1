/**
 * The state behind `useFrameSelection`, as a pure reducer so that it is tested without a DOM: the
 * frame shown, the selected path, the open subtrees. Open subtrees and the selected field carry over
 * to the next frame, as in Wireshark: both are kept by expansion key (the chain of field ids), not by
 * position, so `tcp.srcport` stays selected while the user walks through a TCP stream.
 */
import type { FrameDetails } from '../../../shared/contract/index.js';
import { fieldAt, innermostFieldAt, pathForExpansionKey, revealKeys, type FieldPath } from './selection.js';

export interface SelectionState {
  readonly details: FrameDetails | null;
  readonly selected: FieldPath | null;
  /** The expansion key of the field last chosen, looked up again in each new frame. */
  readonly carried: string | null;
  readonly expanded: ReadonlySet<string>;
}

export type SelectionAction =
  | { readonly type: 'frame'; readonly details: FrameDetails | null }
  | { readonly type: 'select'; readonly path: FieldPath | null }
  | { readonly type: 'toggle'; readonly expansionKey: string }
  | { readonly type: 'byte'; readonly source: string; readonly offset: number };

export function initialSelection(details: FrameDetails | null): SelectionState {
  return { details, selected: null, carried: null, expanded: new Set() };
}

export function reduceSelection(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'frame': {
      if (action.details === state.details) return state;
      const { details } = action;
      const selected = details && state.carried ? pathForExpansionKey(details, state.carried) : null;
      return { ...state, details, selected };
    }
    case 'select':
      return select(state, action.path);
    case 'toggle': {
      const expanded = new Set(state.expanded);
      if (!expanded.delete(action.expansionKey)) expanded.add(action.expansionKey);
      return { ...state, expanded };
    }
    case 'byte': {
      if (!state.details) return state;
      const path = innermostFieldAt(state.details, action.source, action.offset);
      // The field a byte selects may sit deep in a closed subtree: open the way to it.
      const reveal = path ? revealKeys(state.details, path).filter((key) => !state.expanded.has(key)) : [];
      const expanded = reveal.length > 0 ? new Set([...state.expanded, ...reveal]) : state.expanded;
      return select({ ...state, expanded }, path);
    }
  }
}

function select(state: SelectionState, path: FieldPath | null): SelectionState {
  const node = state.details && path ? fieldAt(state.details, path) : null;
  return { ...state, selected: node ? path : null, carried: node?.expansionKey ?? null };
}
