/**
 * Wireshark's packet details: one collapsible node per layer, the fields beneath, problems in the
 * warning colour, packet comments on top. The rows are a flat list with `aria-level` (a frame has a
 * few hundred fields at most, so every visible row is rendered); focus stays on the tree and
 * `aria-activedescendant` names the selected row, which is how the ARIA tree pattern handles a
 * selection that follows the keyboard.
 *
 * Test hooks: the tree is `[data-testid="details-tree"]`; each row is `[data-testid="details-row"]`
 * with `data-field-id` (Wireshark field id, layer protocol id, `frame.comment` or `_ws.expert`),
 * `data-path` (`pathKey`), `data-kind` (`layer` | `field` | `problem` | `comments` | `comment`) and
 * `aria-selected="true"` when selected; a problem row has `data-problem="malformed|truncated"`.
 */
import { memo, useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import type { FrameDetails } from '../../../shared/contract/index.js';
import { flattenTree, pathKey, type FieldPath, type VisibleRow } from './selection.js';
import { treeKeyAction } from './tree-keys.js';
import './details.css';

export interface DetailsTreeProps {
  readonly details: FrameDetails;
  readonly selected: FieldPath | null;
  readonly onSelect: (path: FieldPath) => void;
  /** Expansion keys (`TreeNode.expansionKey`) of the open subtrees. */
  readonly expanded: ReadonlySet<string>;
  readonly onToggle: (expansionKey: string) => void;
  /** Right-click on a row (the lane offers "Apply as Filter" / "Prepare as Filter"). */
  readonly onRowContextMenu?: (path: FieldPath, x: number, y: number) => void;
  readonly 'aria-label'?: string;
}

/** Indent per level; the disclosure triangle takes the first step. */
const INDENT_PX = 16;

export function DetailsTree(props: DetailsTreeProps) {
  const { details, selected, onSelect, expanded, onToggle, onRowContextMenu } = props;
  const rows = useMemo(() => flattenTree(details, expanded), [details, expanded]);
  const selectedKey = selected ? pathKey(selected) : null;
  const idPrefix = useId();
  const treeRef = useRef<HTMLDivElement>(null);
  const selectedVisible = rows.some((row) => row.key === selectedKey);

  useEffect(() => {
    if (selectedKey === null) return;
    const row = treeRef.current?.querySelector(`[data-path="${selectedKey}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey, rows]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const action = treeKeyAction(rows, selected, event.key);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'select') onSelect(action.path);
    else onToggle(action.expansionKey);
  };

  return (
    <div
      ref={treeRef}
      className="hh-details"
      role="tree"
      tabIndex={0}
      aria-label={props['aria-label'] ?? 'Packet details'}
      aria-activedescendant={
        selectedVisible && selectedKey !== null ? `${idPrefix}${selectedKey}` : undefined
      }
      data-testid="details-tree"
      onKeyDown={onKeyDown}
    >
      {rows.map((row) => (
        <DetailsRow
          key={row.key}
          row={row}
          domId={`${idPrefix}${row.key}`}
          selected={row.key === selectedKey}
          onSelect={onSelect}
          onToggle={onToggle}
          onContextMenu={onRowContextMenu}
        />
      ))}
    </div>
  );
}

interface DetailsRowProps {
  readonly row: VisibleRow;
  readonly domId: string;
  readonly selected: boolean;
  readonly onSelect: (path: FieldPath) => void;
  readonly onToggle: (expansionKey: string) => void;
  readonly onContextMenu?: ((path: FieldPath, x: number, y: number) => void) | undefined;
}

/** Memoised: moving the selection re-renders two rows, not the whole tree. */
const DetailsRow = memo(function DetailsRow({
  row,
  domId,
  selected,
  onSelect,
  onToggle,
  onContextMenu,
}: DetailsRowProps) {
  const { node } = row;
  const toggle = (): void => onToggle(node.expansionKey);
  const classes = ['hh-details-row', `hh-details-${node.kind}`];
  if (node.warning) classes.push('hh-details-warning');
  if (selected) classes.push('hh-details-selected');
  return (
    <div
      id={domId}
      className={classes.join(' ')}
      role="treeitem"
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-selected={selected}
      data-testid="details-row"
      data-field-id={node.id}
      data-path={row.key}
      data-kind={node.kind}
      data-problem={node.problem}
      style={{ paddingInlineStart: (row.level - 1) * INDENT_PX }}
      onClick={() => onSelect(row.path)}
      onDoubleClick={row.expandable ? toggle : undefined}
      onContextMenu={
        onContextMenu
          ? (event) => {
              event.preventDefault();
              onSelect(row.path);
              onContextMenu(row.path, event.clientX, event.clientY);
            }
          : undefined
      }
    >
      <span
        className="hh-details-twisty"
        aria-hidden="true"
        onClick={
          row.expandable
            ? (event) => {
                event.stopPropagation();
                onSelect(row.path);
                toggle();
              }
            : undefined
        }
        // Two quick clicks on the triangle toggle twice; the row's double-click must not add a third.
        onDoubleClick={(event) => event.stopPropagation()}
      >
        {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span className="hh-details-text">{node.display}</span>
    </div>
  );
});
