/**
 * Keyboard navigation of the details tree (the WAI-ARIA tree pattern, as Wireshark's tree behaves):
 * pure, over the visible rows, so that it is tested without a DOM.
 */
import { samePath, type FieldPath, type VisibleRow } from './selection.js';

export type TreeAction =
  | { readonly kind: 'select'; readonly path: FieldPath }
  | { readonly kind: 'toggle'; readonly expansionKey: string };

/** What a key does, or null when the tree does not handle it (the event then goes on). */
export function treeKeyAction(
  rows: readonly VisibleRow[],
  selected: FieldPath | null,
  key: string,
): TreeAction | null {
  const at = selected ? rows.findIndex((row) => samePath(row.path, selected)) : -1;
  const row = rows[at];
  const select = (target: VisibleRow | undefined): TreeAction | null =>
    target ? { kind: 'select', path: target.path } : null;
  if (!row) {
    // Nothing selected yet (or the selection is hidden): any navigation key starts at an end.
    if (key === 'ArrowUp' || key === 'End') return select(rows[rows.length - 1]);
    return ['ArrowDown', 'Home', 'ArrowRight', 'ArrowLeft'].includes(key) ? select(rows[0]) : null;
  }
  const toggle: TreeAction | null = row.expandable
    ? { kind: 'toggle', expansionKey: row.node.expansionKey }
    : null;
  switch (key) {
    case 'ArrowDown':
      return select(rows[at + 1]);
    case 'ArrowUp':
      return select(rows[at - 1]);
    case 'Home':
      return select(rows[0]);
    case 'End':
      return select(rows[rows.length - 1]);
    case 'ArrowRight':
      // A first press opens the node; the next one steps into it.
      return row.expanded ? select(rows[at + 1]) : toggle;
    case 'ArrowLeft':
      return row.expanded ? toggle : select(parentRow(rows, at));
    case 'Enter':
    case ' ':
      return toggle;
    default:
      return null;
  }
}

function parentRow(rows: readonly VisibleRow[], at: number): VisibleRow | undefined {
  const level = rows[at]?.level ?? 1;
  for (let i = at - 1; i >= 0; i--) {
    if ((rows[i]?.level ?? 0) < level) return rows[i];
  }
  return undefined;
}
