/** The selected frame of a lane: the details tree beside the bytes pane, sharing one selection. */
import { memo, useMemo, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import type { EngineApi, FrameDetails, FrameNumber, LaneId } from '../../../shared/contract/index.js';
import {
  DetailsTree,
  fieldAt,
  useFrameSelection,
  type FieldPath,
  type FrameSelection,
} from '../details/index.js';
import { FieldMenu, filterForField } from '../filter-bar/index.js';
import { useColourState } from '../colouring/index.js';
import { bytesFromHex, HexPane } from '../hex/index.js';
import { useFrameDetails } from './use-frame-details.js';

export interface FrameInspectorProps {
  readonly engine: EngineApi;
  readonly lane: LaneId;
  readonly number: FrameNumber | null;
  /** The lane's dissection: a new one (TLS keys arrived) fetches the frame again. */
  readonly dissection?: number;
  /** "Apply as Filter" (apply) / "Prepare as Filter" from the details tree. */
  readonly onFilter?: (filter: string, apply: boolean) => void;
}

/**
 * Memoised: a growing lane re-renders its pane ten times a second, and the selected frame's tree and
 * bytes do not change with it.
 */
export const FrameInspector = memo(function FrameInspector({
  engine,
  lane,
  number,
  dissection = 0,
  onFilter,
}: FrameInspectorProps) {
  const colourRules = useColourState().version;
  const state = useFrameDetails(engine, lane, number, dissection, colourRules);
  const details = state.kind === 'ready' ? state.details : null;
  // Reassembled, de-chunked and decompressed buffers: more tabs in the bytes pane.
  const extraSources = useMemo(
    () =>
      (details?.sources ?? []).map(({ name, bytesHex }) => ({
        name,
        label: name,
        bytes: bytesFromHex(bytesHex),
      })),
    [details],
  );
  // Kept here, not in Inspector, so open subtrees and the chosen field survive from frame to frame.
  const selection = useFrameSelection(details, extraSources);
  return (
    <div className="lane-details" data-testid="frame-inspector" data-frame={details?.row.number ?? ''}>
      {details ? (
        <Inspector details={details} lane={lane} selection={selection} onFilter={onFilter} />
      ) : (
        <p className="lane-details-empty">{emptyText(state)}</p>
      )}
    </div>
  );
});

interface InspectorProps {
  readonly details: FrameDetails;
  readonly lane: LaneId;
  readonly selection: FrameSelection;
  readonly onFilter: ((filter: string, apply: boolean) => void) | undefined;
}

function Inspector({ details, lane, selection, onFilter }: InspectorProps) {
  const [menu, setMenu] = useState<{ path: FieldPath; x: number; y: number } | null>(null);
  const node = menu ? fieldAt(details, menu.path) : null;
  return (
    <>
      {menu && onFilter ? (
        <FieldMenu
          x={menu.x}
          y={menu.y}
          filter={node ? filterForField(details, node) : null}
          onChoose={onFilter}
          onClose={() => setMenu(null)}
        />
      ) : null}
      <Group orientation="horizontal" id={`inspector-${lane}`}>
        <Panel id="tree" defaultSize="55" minSize={120}>
          <DetailsTree
            details={details}
            selected={selection.selected}
            onSelect={selection.select}
            expanded={selection.expanded}
            onToggle={selection.toggle}
            onRowContextMenu={onFilter ? (path, x, y) => setMenu({ path, x, y }) : undefined}
            aria-label={`Details of frame ${details.row.number}`}
          />
        </Panel>
        <Separator className="lane-separator" />
        <Panel id="bytes" minSize={120}>
          <HexPane
            sources={selection.sources}
            highlight={selection.highlight}
            onSelectByte={selection.selectByte}
            aria-label={`Bytes of frame ${details.row.number}`}
          />
        </Panel>
      </Group>
    </>
  );
}

function emptyText(state: ReturnType<typeof useFrameDetails>): string {
  switch (state.kind) {
    case 'none':
      return 'Select a frame to see its fields and bytes.';
    case 'loading':
      return `Loading frame ${state.number}…`;
    case 'failed':
      return `Frame ${state.number} could not be decoded: ${state.message}`;
    case 'ready':
      return '';
  }
}
