/** The header row: titles that sort on click (the engine sorts), resize handles, a column menu on right-click. */
import { useState, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import type { PacketColumns } from './use-packet-columns.js';

export function PacketHeader({ table }: { table: PacketColumns }) {
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const openMenu = (event: MouseEvent) => {
    event.preventDefault();
    setMenu({ x: event.clientX, y: event.clientY });
  };
  return (
    <div className="pt-header" role="row" onContextMenu={openMenu} style={{ width: table.getTotalSize() }}>
      {table.getFlatHeaders().map((header) => {
        const sorted = header.column.getIsSorted();
        return (
          <div
            key={header.id}
            role="columnheader"
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            data-column={header.column.id}
            className="pt-header-cell"
            style={{ width: header.getSize() }}
          >
            <button type="button" className="pt-sort" onClick={header.column.getToggleSortingHandler()}>
              {String(header.column.columnDef.header)}
              {sorted ? <span className="pt-sort-mark">{sorted === 'asc' ? ' ▲' : ' ▼'}</span> : null}
            </button>
            <div
              className="pt-resizer"
              role="separator"
              aria-label={`Resize ${String(header.column.columnDef.header)}`}
              onMouseDown={header.getResizeHandler()}
              onDoubleClick={() => header.column.resetSize()}
            />
          </div>
        );
      })}
      {menu ? <ColumnMenu table={table} at={menu} onClose={() => setMenu(null)} /> : null}
    </div>
  );
}

function ColumnMenu({
  table,
  at,
  onClose,
}: {
  table: PacketColumns;
  at: { x: number; y: number };
  onClose(): void;
}) {
  // A portal: the table's scroller has `contain: strict`, which would make it the containing block
  // of these fixed-position elements instead of the window.
  return createPortal(
    <div
      className="pt-menu-backdrop"
      onClick={onClose}
      onContextMenu={(e) => (e.preventDefault(), onClose())}
    >
      <div
        className="pt-menu"
        role="menu"
        aria-label="Columns"
        style={{ left: at.x, top: at.y }}
        onClick={(e) => e.stopPropagation()}
      >
        {table.getAllLeafColumns().map((column) => (
          <label key={column.id} role="menuitemcheckbox" aria-checked={column.getIsVisible()}>
            <input
              type="checkbox"
              checked={column.getIsVisible()}
              disabled={column.getIsVisible() && table.getVisibleLeafColumns().length === 1}
              onChange={column.getToggleVisibilityHandler()}
            />
            {String(column.columnDef.header)}
          </label>
        ))}
        <button type="button" onClick={() => (table.resetColumnSizing(), onClose())}>
          Reset widths
        </button>
      </div>
    </div>,
    document.body,
  );
}
