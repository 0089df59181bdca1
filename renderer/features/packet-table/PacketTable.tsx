/**
 * One lane's packet list: a fixed-row-height virtual list over the engine's view, holding only the
 * rows around the screen. Keyboard like Wireshark's list (arrows, PageUp/PageDown, Home/End); it
 * follows the tail of a growing lane only while the user is at the bottom (HTTP Toolkit's rule).
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type {
  EngineApi,
  FrameNumber,
  LaneInfo,
  PacketRow,
  Timestamp,
} from '../../../shared/contract/index.js';
import type { TimeFormat } from '../../../shared/time-format.js';
import { cellText, type TimeContext } from './cells.js';
import { PacketHeader } from './PacketHeader.js';
import { usePacketColumns, type PacketColumns } from './use-packet-columns.js';
import { useLaneView } from './use-lane-view.js';
import { useRowWindow } from './use-row-window.js';
import { useWindowing } from './use-windowing.js';
import { useReveal } from './use-reveal.js';
import { dissectionOf } from '../../lib/lane-dissection.js';
import type { FilterProgress } from '../../../shared/contract/filter-channels.js';
import { publishDisplayed, useFilterProgress } from '../filter-bar/index.js';
import { useRowColours } from '../colouring/index.js';
import type { ColourRule } from '../../../shared/contract/filter-channels.js';
import './packet-table.css';

export const ROW_HEIGHT = 20;
/** The sticky header row's height (packet-table.css), above the rows inside the scroller. */
const HEADER_HEIGHT = 22;

export interface PacketTableProps {
  readonly engine: EngineApi;
  readonly lane: LaneInfo;
  readonly timeFormat: TimeFormat;
  /** Called with the row the user selected, once that row has arrived from the engine. */
  onSelect(row: PacketRow): void;
  /** Another lane's selected time: scroll to the nearest frame here and mark it. */
  readonly cursor: Timestamp | null;
  /** A display filter: the table shows only the frames it matches (empty: all). */
  readonly filter?: string;
  /** How far the engine is with the filtered view (the filter bar shows it and can cancel). */
  onFilterProgress?(progress: FilterProgress | null): void;
  /** Select this frame and scroll to it (`seq` changes on every request, so the same frame can be asked again). */
  readonly reveal?: { readonly number: FrameNumber; readonly seq: number } | null;
}

export function PacketTable({
  engine,
  lane,
  timeFormat,
  onSelect,
  cursor,
  filter = '',
  onFilterProgress,
  reveal = null,
}: PacketTableProps) {
  const { table, sort } = usePacketColumns();
  const dissection = dissectionOf(lane);
  const { view, error, filtered } = useLaneView(engine, lane.lane, sort, filter, dissection);
  const progress = useFilterProgress(engine, lane.lane, filtered ? view : null, lane.frames);
  // A filtered view's rows are its matches so far; otherwise every frame of the lane.
  const total = filtered ? (progress?.matched ?? 0) : lane.frames;
  useFilterReports(lane.lane, filtered ? total : null, filtered ? progress : null, onFilterProgress);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [marked, setMarked] = useState<number | null>(null);

  // A file opens at its first frame (as in Wireshark); a live source starts out following its tail.
  const windowing = useWindowing(scrollRef, total, ROW_HEIGHT, HEADER_HEIGHT, lane.source.kind !== 'file');
  const { first, end } = windowing;
  // The hook re-renders this table when rows arrive; each memoised row then sees its own row object.
  const { cache } = useRowWindow(engine, lane.lane, view, first, end - 1, total, dissection);
  const ruleOf = useRowColours(
    engine,
    lane.lane,
    windowing.positions.map((p) => cache.get(p)?.number),
    dissection,
  );

  // Follow the tail while the user sits at the bottom; never yank them back once they scroll up.
  const { atEnd, scrollTo } = windowing;
  useLayoutEffect(() => {
    if (atEnd.current && total > 0) scrollTo(total - 1, 'end');
  }, [total, atEnd, scrollTo]);

  // Report the selected row once it is loaded (a jump to End selects a row not fetched yet).
  // Only a change of row reports (the callback's identity may change on every parent render).
  const selectedRow = selected === null ? undefined : cache.get(selected);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (!selectedRow || reported.current === selectedRow.number) return;
    reported.current = selectedRow.number;
    onSelectRef.current(selectedRow);
  }, [selectedRow]);

  useCursor(engine, lane, view, cursor, (position) => {
    setMarked(position);
    windowing.scrollTo(position, 'center');
  });
  useEffect(() => setSelected(null), [view]);
  useReveal(engine, lane.lane, view, reveal, (position) => {
    setSelected(position);
    windowing.scrollTo(position, 'center');
  });

  const select = (position: number) => {
    const clamped = Math.max(0, Math.min(total - 1, position));
    if (total === 0) return;
    setSelected(clamped);
    windowing.scrollTo(clamped, 'auto');
  };
  // Progress events replace the lane object ten times a second; rows depend only on this part of it.
  const { firstTimestamp, interfaces } = lane;
  const timeContext = useMemo<TimeContext>(
    () => ({ firstTimestamp, interfaces }),
    [firstTimestamp?.seconds, firstTimestamp?.nanos, interfaces.length],
  );
  const layout = table
    .getVisibleLeafColumns()
    .map((column) => `${column.id}:${column.getSize()}`)
    .join();
  const onKeyDown = (event: KeyboardEvent) => {
    const page = windowing.rowsPerPage;
    const from = selected ?? first;
    const target = KEY_MOVES[event.key]?.(from, page, total);
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <div
      className="pt"
      data-testid="packet-table"
      data-lane={lane.lane}
      data-total={total}
      data-view={view ?? ''}
    >
      {error ? <div className="pt-error">View failed: {error}</div> : null}
      <div
        className="pt-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-rowcount={total}
        aria-label={`Packets of ${lane.title}`}
        onKeyDown={onKeyDown}
      >
        <PacketHeader table={table} />
        <div className="pt-body" style={{ height: windowing.contentHeight, width: table.getTotalSize() }}>
          {windowing.positions.map((position) => (
            <Row
              key={position}
              position={position}
              start={windowing.top(position)}
              row={cache.get(position)}
              previous={cache.get(position - 1)}
              timeContext={timeContext}
              table={table}
              timeFormat={timeFormat}
              selected={position === selected}
              marked={position === marked}
              colour={ruleOf(cache.get(position)?.number)}
              layout={layout}
              onClick={select}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

const KEY_MOVES: Readonly<Record<string, (from: number, page: number, total: number) => number>> = {
  ArrowDown: (from) => from + 1,
  ArrowUp: (from) => from - 1,
  PageDown: (from, page) => from + page,
  PageUp: (from, page) => from - page,
  Home: () => 0,
  End: (_from, _page, total) => total - 1,
};

interface RowProps {
  position: number;
  start: number;
  row: PacketRow | undefined;
  previous: PacketRow | undefined;
  timeContext: TimeContext;
  table: PacketColumns;
  timeFormat: TimeFormat;
  selected: boolean;
  marked: boolean;
  /** The colouring rule the frame matched (Wireshark paints the row with it). */
  colour: ColourRule | null;
  /** Visible columns and widths: the table object is stable, so this is what re-renders rows on resize. */
  layout: string;
  onClick(position: number): void;
}

const Row = memo(function Row({
  position,
  start,
  row,
  previous,
  timeContext,
  table,
  timeFormat,
  selected,
  marked,
  colour,
  onClick,
}: RowProps) {
  return (
    <div
      role="row"
      className="pt-row"
      aria-rowindex={position + 1}
      aria-selected={selected}
      data-position={position}
      data-number={row?.number}
      data-cursor={marked || undefined}
      data-odd={position % 2 === 1 || undefined}
      data-protocol={row?.protocol}
      data-colour-rule={colour?.name}
      style={{
        transform: `translateY(${start}px)`,
        ...(colour && !selected && { color: colour.foreground, background: colour.background }),
      }}
      onMouseDown={() => onClick(position)}
    >
      {table.getVisibleLeafColumns().map((column) => (
        <div
          key={column.id}
          role="gridcell"
          className={`pt-cell pt-${column.id}`}
          style={{ width: column.getSize() }}
        >
          {row
            ? cellText(column.id as Parameters<typeof cellText>[0], row, previous, timeContext, timeFormat)
            : ''}
        </div>
      ))}
    </div>
  );
});

/** Tells the status bar how many frames are displayed, and the lane's filter bar how far filtering is. */
function useFilterReports(
  lane: LaneInfo['lane'],
  displayed: number | null,
  progress: FilterProgress | null,
  onFilterProgress: ((progress: FilterProgress | null) => void) | undefined,
) {
  useEffect(() => publishDisplayed(lane, displayed), [lane, displayed]);
  useEffect(() => () => publishDisplayed(lane, null), [lane]);
  const report = useRef(onFilterProgress);
  report.current = onFilterProgress;
  useEffect(() => report.current?.(progress), [progress]);
}

/** Moves this table to the frame nearest another lane's selected time. */
function useCursor(
  engine: EngineApi,
  lane: LaneInfo,
  view: ReturnType<typeof useLaneView>['view'],
  cursor: Timestamp | null,
  reveal: (position: number) => void,
) {
  const revealRef = useRef(reveal);
  revealRef.current = reveal;
  useEffect(() => {
    if (!cursor || view === null) return;
    let live = true;
    engine
      .invoke('packets.nearest', { lane: lane.lane, view, time: cursor })
      .then(({ position }) => live && position >= 0 && revealRef.current(position))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [engine, lane.lane, view, cursor]);
}
