/**
 * Every TLS connection of a lane and what decrypting it gave (issue 8: transparent about what it could
 * not decrypt): the client random, which secrets the key logs had, suite, ALPN, and the first record
 * that failed and why. A failing frame is a link: it selects that frame in the lane.
 */
import type { FrameNumber } from '../../../shared/contract/index.js';
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';
import { Modal } from '../../lib/Modal.js';
import { ClientRandomCell } from './ClientRandomCell.js';
import { STATE_TITLES, stateCounts } from './session-summary.js';
import './tls-sessions.css';

export interface TlsSessionsDialogProps {
  readonly title: string;
  readonly sessions: readonly TlsSessionStatus[];
  readonly error: string | null;
  onFrame(number: FrameNumber): void;
  onClose(): void;
}

export function TlsSessionsDialog({ title, sessions, error, onFrame, onClose }: TlsSessionsDialogProps) {
  return (
    <Modal label={`TLS sessions of ${title}`} testId="tls-sessions" className="tls-dialog" onClose={onClose}>
      <h2>TLS sessions of {title}</h2>
      {sessions.length === 0 ? (
        <p className="hh-modal-note">No TLS connection in this lane.</p>
      ) : (
        <div className="tls-table-scroll">
          <SessionTable sessions={sessions} onFrame={onFrame} />
        </div>
      )}
      {error ? (
        <p className="hh-modal-error" role="alert">
          Could not update the sessions: {error}
        </p>
      ) : null}
      <div className="hh-modal-actions">
        <span className="hh-modal-note">{stateCounts(sessions)}</span>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

export function SessionTable({
  sessions,
  onFrame,
}: {
  readonly sessions: readonly TlsSessionStatus[];
  onFrame(number: FrameNumber): void;
}) {
  return (
    <table className="hh-grid tls-table">
      <thead>
        <tr>
          <th className="num">Stream</th>
          <th>Client random</th>
          <th>Server name</th>
          <th>Version</th>
          <th>Suite</th>
          <th>ALPN</th>
          <th>Secrets found</th>
          <th>State</th>
          <th className="num" title="Decrypted of encrypted records">
            Records
          </th>
          <th>First failure</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <SessionRow key={`${session.stream}-${session.firstFrame}`} session={session} onFrame={onFrame} />
        ))}
      </tbody>
    </table>
  );
}

function SessionRow({
  session,
  onFrame,
}: {
  readonly session: TlsSessionStatus;
  onFrame(number: FrameNumber): void;
}) {
  const { stream, clientRandom, serverName, version, suite, alpn, secrets, state, failure } = session;
  return (
    <tr data-testid="tls-session" data-stream={stream} data-state={state}>
      <td className="num">{stream}</td>
      <td>{clientRandom ? <ClientRandomCell stream={stream} value={clientRandom} /> : <Missing />}</td>
      <td>{serverName ?? <Missing />}</td>
      <td>{version ?? <Missing />}</td>
      <td className="hh-mono">{suite ?? <Missing />}</td>
      <td>{alpn ?? <Missing />}</td>
      <td className="tls-secrets hh-mono" data-testid="tls-secrets">
        {secrets.length > 0 ? (
          secrets.map((label) => <div key={label}>{label}</div>)
        ) : (
          <Missing text="none" />
        )}
      </td>
      <td>
        <span className="tls-state" data-state={state} title={STATE_TITLES[state]}>
          {state}
        </span>
      </td>
      <td className="num">
        {session.decryptedRecords}/{session.encryptedRecords}
      </td>
      <td data-testid="tls-failure">
        {failure ? (
          <>
            <button
              type="button"
              className="tls-frame-link"
              aria-label={`Select frame ${failure.frame}`}
              onClick={() => onFrame(failure.frame as FrameNumber)}
            >
              Frame {failure.frame}
            </button>{' '}
            <span className="tls-reason">{failure.reason}</span>
            {failure.detail ? <div className="tls-detail">{failure.detail}</div> : null}
          </>
        ) : null}
      </td>
    </tr>
  );
}

function Missing({ text = '—' }: { readonly text?: string }) {
  return <span className="tls-missing">{text}</span>;
}
