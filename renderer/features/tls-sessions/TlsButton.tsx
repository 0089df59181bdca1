/**
 * The lane header's "TLS n" button: how many TLS sessions the lane has, coloured by how decrypting
 * them went, opening their list. Hidden while the lane has none.
 */
import { useState } from 'react';
import type { EngineApi, FrameNumber, LaneInfo } from '../../../shared/contract/index.js';
import { overallState, stateCounts } from './session-summary.js';
import { TlsSessionsDialog } from './TlsSessionsDialog.js';
import { useTlsSessions } from './use-tls-sessions.js';
import './tls-sessions.css';

export interface TlsButtonProps {
  readonly engine: EngineApi;
  readonly lane: LaneInfo;
  /** Select a frame of this lane (a session's first failing record). */
  onFrame(number: FrameNumber): void;
}

export function TlsButton({ engine, lane, onFrame }: TlsButtonProps) {
  const { sessions, error } = useTlsSessions(engine, lane);
  const [open, setOpen] = useState(false);
  if (!sessions || sessions.length === 0) return null;
  const counts = stateCounts(sessions);
  return (
    <>
      <button
        type="button"
        className="tls-button"
        data-testid="tls-button"
        data-state={overallState(sessions) ?? undefined}
        title={`TLS sessions: ${counts}`}
        aria-label={`TLS sessions of ${lane.title}: ${counts}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        TLS <span className="tls-count">{sessions.length}</span>
      </button>
      {open ? (
        <TlsSessionsDialog
          title={lane.title}
          sessions={sessions}
          error={error}
          onFrame={(number) => {
            setOpen(false);
            onFrame(number);
          }}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
