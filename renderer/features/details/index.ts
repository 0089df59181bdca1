/** Packet details: the tree, and the selection it shares with the hex pane. */
export { DetailsTree, type DetailsTreeProps } from './DetailsTree.js';
export { useFrameSelection, type FrameSelection } from './use-frame-selection.js';
export {
  fieldAt,
  flattenTree,
  innermostFieldAt,
  parsePathKey,
  pathForExpansionKey,
  pathKey,
  pathsToReveal,
  rangeOf,
  revealKeys,
  samePath,
  type FieldPath,
  type VisibleRow,
} from './selection.js';
export {
  initialSelection,
  reduceSelection,
  type SelectionAction,
  type SelectionState,
} from './selection-state.js';
export { treeOf, problemText, type NodeKind, type TreeNode } from './tree-model.js';
export { treeKeyAction, type TreeAction } from './tree-keys.js';
