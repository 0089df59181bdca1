/** Per-lane counts, file names, load progress and errors along the bottom edge, as Wireshark's status bar. */
import type { LaneInfo } from '../../../shared/contract/index.js';
import './status-bar.css';
import { formatCount } from '../../lib/format-count.js';
import { CaptureStats } from '../capture-local/index.js';
import { displayedText, useDisplayed } from '../filter-bar/index.js';

export function StatusBar({ lanes, message }: { lanes: readonly LaneInfo[]; message: string | null }) {
  const displayed = useDisplayed();
  return (
    <footer className="status-bar" data-testid="status-bar">
      {lanes.length === 0 ? <span>No capture open</span> : null}
      {lanes.map((lane) => (
        <span key={lane.lane} className="status-lane" data-lane={lane.lane} data-state={lane.state}>
          <strong>{lane.title}</strong> · {formatCount(lane.frames)} frames
          {displayedText(displayed.get(lane.lane), lane.frames)}
          {lane.state === 'loading' ? ` · loading ${percent(lane)}` : null}
          <CaptureStats stats={lane.stats} />
          {lane.error ? <span className="status-error"> · {lane.error.message}</span> : null}
        </span>
      ))}
      {message ? <span className="status-message">{message}</span> : null}
    </footer>
  );
}

export function percent(lane: LaneInfo): string {
  if (!lane.bytesTotal) return '';
  return `${Math.min(100, Math.floor((lane.bytesRead / lane.bytesTotal) * 100))}%`;
}
