/**
 * Lanes side by side (react-resizable-panels), each its own table, details and bytes. Selecting a
 * frame in one lane moves the shared time cursor; every other lane scrolls to its nearest frame.
 */
import { Fragment } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import type { EngineApi, LaneId, LaneInfo, Timestamp } from '../../../shared/contract/index.js';
import type { TimeFormat } from '../../../shared/time-format.js';
import { LanePane } from './LanePane.js';
import './lanes.css';

export interface TimeCursor {
  readonly lane: LaneId;
  readonly time: Timestamp;
}

export interface LanesViewProps {
  readonly engine: EngineApi;
  readonly lanes: readonly LaneInfo[];
  readonly timeFormat: TimeFormat;
  readonly cursor: TimeCursor | null;
  readonly activeLane: LaneId | null;
  /** The all-lanes filter bar's last applied filter, handed to every lane. */
  readonly globalFilter?: { readonly text: string; readonly n: number } | null;
  onCursor(cursor: TimeCursor): void;
  onActivate(lane: LaneId): void;
  onClose(lane: LaneId): void;
}

export function LanesView({
  engine,
  lanes,
  timeFormat,
  cursor,
  activeLane,
  globalFilter,
  onCursor,
  onActivate,
  onClose,
}: LanesViewProps) {
  return (
    <Group orientation="horizontal" className="lanes" data-testid="lanes" id="lanes">
      {lanes.map((lane, i) => (
        <Fragment key={lane.lane}>
          {i > 0 ? <Separator className="lane-separator" /> : null}
          <Panel id={`lane-${lane.lane}`} minSize={160} className="lane-panel">
            <LanePane
              engine={engine}
              lane={lane}
              timeFormat={timeFormat}
              active={lane.lane === activeLane}
              cursor={cursor && cursor.lane !== lane.lane ? cursor.time : null}
              globalFilter={globalFilter ?? null}
              onCursor={(time) => onCursor({ lane: lane.lane, time })}
              onActivate={() => onActivate(lane.lane)}
              onClose={() => onClose(lane.lane)}
            />
          </Panel>
        </Fragment>
      ))}
    </Group>
  );
}
