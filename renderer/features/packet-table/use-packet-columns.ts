/**
 * Column state through TanStack Table (definitions, sizing, resizing, visibility, sort state with
 * `manualSorting`): the engine sorts. The table is given no data: it never builds a row model, so a
 * million-frame lane costs it nothing (STYLE.md).
 */
import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { Column, PacketRow, SortSpec } from '../../../shared/contract/index.js';
import { COLUMNS, COLUMN_TITLES } from './cells.js';

const features = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
});

const DEFAULT_WIDTH: Readonly<Record<Column, number>> = {
  number: 64,
  time: 110,
  source: 150,
  destination: 150,
  protocol: 80,
  length: 64,
  info: 560,
};

const columns: ColumnDef<typeof features, PacketRow>[] = COLUMNS.map((id) => ({
  id,
  accessorKey: id,
  header: COLUMN_TITLES[id],
  size: DEFAULT_WIDTH[id],
  minSize: 36,
  sortDescFirst: false,
}));

const NO_ROWS: PacketRow[] = [];

export function usePacketColumns() {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useTable({
    features,
    columns,
    data: NO_ROWS,
    manualSorting: true,
    enableMultiSort: false,
    columnResizeMode: 'onChange',
    state: { sorting },
    onSortingChange: setSorting,
  });
  const first = sorting[0];
  const sort = useMemo<SortSpec | null>(
    () => (first ? { column: first.id as Column, direction: first.desc ? 'descending' : 'ascending' } : null),
    [first],
  );
  return { table, sort };
}

export type PacketColumns = ReturnType<typeof usePacketColumns>['table'];
