/** One lane: its header (title, count, progress, error), its packet table, and the selected frame below. */
import { useCallback, useEffect, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import type {
  EngineApi,
  FrameNumber,
  LaneInfo,
  PacketRow,
  Timestamp,
} from '../../../shared/contract/index.js';
import type { TimeFormat } from '../../../shared/time-format.js';
import { PacketTable } from '../packet-table/PacketTable.js';
import { percent } from '../status-bar/StatusBar.js';
import { FrameInspector } from './FrameInspector.js';
import { formatCount } from '../../lib/format-count.js';
import { sourceLabel } from '../../lib/source-label.js';
import { CaptureControls } from '../capture-local/index.js';
import { SshLaneBar } from '../ssh-dialog/index.js';
import { cancelFilter, FilterBar } from '../filter-bar/index.js';
import type { FilterProgress } from '../../../shared/contract/filter-channels.js';
import { TlsButton } from '../tls-sessions/index.js';
import { dissectionOf } from '../../lib/lane-dissection.js';

const ROLE_TITLES = {
  front: 'Front leg: browser → load balancer (TLS)',
  back: 'Back leg: load balancer → target (HTTP)',
} as const;

export interface LanePaneProps {
  readonly engine: EngineApi;
  readonly lane: LaneInfo;
  readonly timeFormat: TimeFormat;
  readonly active: boolean;
  readonly cursor: Timestamp | null;
  /** The all-lanes filter bar's last applied filter (`n` changes on every apply). */
  readonly globalFilter?: { readonly text: string; readonly n: number } | null;
  onCursor(time: Timestamp): void;
  onActivate(): void;
  onClose(): void;
}

export function LanePane({
  engine,
  lane,
  timeFormat,
  active,
  cursor,
  globalFilter,
  onCursor,
  onActivate,
  onClose,
}: LanePaneProps) {
  const [number, setNumber] = useState<FrameNumber | null>(null);
  const [reveal, setReveal] = useState<{ number: FrameNumber; seq: number } | null>(null);
  const filter = useLaneFilter(globalFilter ?? null);
  // A frame chosen elsewhere (a TLS session's failing record): its details at once, its row when found.
  const goTo = useCallback((frame: FrameNumber) => {
    setNumber(frame);
    setReveal((r) => ({ number: frame, seq: (r?.seq ?? 0) + 1 }));
  }, []);
  const onSelect = useCallback(
    (row: PacketRow) => {
      setNumber(row.number);
      if (row.time) onCursor(row.time);
    },
    [onCursor],
  );
  return (
    <section
      className="lane"
      data-testid="lane"
      data-lane={lane.lane}
      data-active={active}
      aria-label={`Lane ${lane.title}`}
      onFocusCapture={onActivate}
      onMouseDownCapture={onActivate}
    >
      <header className="lane-header">
        <span className="lane-title" title={sourceLabel(lane.source)}>
          {lane.title}
        </span>
        {lane.role !== 'none' ? (
          <span className="lane-role" data-role={lane.role} title={ROLE_TITLES[lane.role]}>
            {lane.role}
          </span>
        ) : null}
        <span className="lane-count" data-testid="lane-count">
          {formatCount(lane.frames)} frames
        </span>
        {lane.state === 'loading' ? (
          <progress
            className="lane-progress"
            aria-label={`Loading ${lane.title} ${percent(lane)}`}
            max={lane.bytesTotal ?? undefined}
            value={lane.bytesTotal ? lane.bytesRead : undefined}
          />
        ) : null}
        {lane.error ? (
          <span className="lane-error" role="alert" data-testid="lane-error" title={lane.error.message}>
            {lane.error.message}
          </span>
        ) : null}
        <TlsButton engine={engine} lane={lane} onFrame={goTo} />
        <CaptureControls engine={engine} lane={lane} />
        {lane.source.kind === 'ssh' ? <SshLaneBar engine={engine} lane={lane} /> : null}
        <button
          type="button"
          className="lane-close"
          aria-label={`Close lane ${lane.title}`}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <FilterBar
        label={`Display filter for ${lane.title}`}
        applied={filter.applied}
        onApply={filter.apply}
        prepared={filter.prepared}
        progress={filter.progress}
        onCancel={() => cancelFilter(engine, filter.progress)}
      />
      <Group orientation="vertical" className="lane-body" id={`lane-body-${lane.lane}`}>
        <Panel id="table" defaultSize="55" minSize={60}>
          <PacketTable
            engine={engine}
            lane={lane}
            timeFormat={timeFormat}
            onSelect={onSelect}
            cursor={cursor}
            filter={filter.applied}
            onFilterProgress={filter.setProgress}
            reveal={reveal}
          />
        </Panel>
        <Separator className="lane-split" />
        <Panel id="frame" minSize={60}>
          <FrameInspector
            engine={engine}
            lane={lane.lane}
            number={number}
            dissection={dissectionOf(lane)}
            onFilter={filter.fromField}
          />
        </Panel>
      </Group>
    </section>
  );
}

/** A lane's display filter: its own bar, the all-lanes bar, and "Apply/Prepare as Filter" feed it. */
function useLaneFilter(global: { readonly text: string; readonly n: number } | null) {
  const [applied, setApplied] = useState('');
  const [prepared, setPrepared] = useState<{ text: string; n: number } | null>(null);
  const [progress, setProgress] = useState<FilterProgress | null>(null);
  useEffect(() => {
    if (global) setApplied(global.text);
  }, [global]);
  const fromField = useCallback((text: string, apply: boolean) => {
    if (apply) setApplied(text);
    else setPrepared({ text, n: Date.now() });
  }, []);
  return { applied, apply: setApplied, prepared, progress, setProgress, fromField };
}
