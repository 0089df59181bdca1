/**
 * "Save with TLS secrets?": shown by a save when the lanes have sessions with known secrets. Each
 * session is a checkbox, none checked; "Select all" is there for who wants them all.
 */
import { useEffect, useState } from 'react';
import { Modal } from '../../lib/Modal.js';
import { shortRandom } from '../tls-sessions/index.js';
import type { SecretCandidate } from './secret-candidates.js';
import { onSecretsQuestion, type SecretsQuestion } from './secrets-question.js';
import './save-secrets.css';

/** Renders the pending question, if any (mounted once, in the app). */
export function SaveSecretsPrompt() {
  const [question, setQuestion] = useState<SecretsQuestion | null>(null);
  useEffect(() => onSecretsQuestion(setQuestion), []);
  return question ? <SaveSecretsDialog key={question.path} question={question} /> : null;
}

export function SaveSecretsDialog({ question }: { readonly question: SecretsQuestion }) {
  const { candidates } = question;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (random: string, on: boolean) =>
    setChosen((set) => {
      const next = new Set(set);
      if (on) next.add(random);
      else next.delete(random);
      return next;
    });
  const all = chosen.size === candidates.length;
  const save = () => question.answer(candidates.map((c) => c.clientRandom).filter((r) => chosen.has(r)));
  return (
    <Modal
      label="Save TLS secrets in the file"
      testId="save-secrets"
      className="secrets-dialog"
      onClose={() => question.answer(null)}
    >
      <h2>Save TLS secrets in the file?</h2>
      <p className="hh-modal-note">
        {candidates.length === 1 ? 'One TLS session' : `${candidates.length} TLS sessions`} of these lanes can
        be decrypted. The secrets of the sessions you choose go into {question.path} (a pcapng Decryption
        Secrets Block): whoever has the file can decrypt those sessions.
      </p>
      <div className="hh-modal-actions">
        <button
          type="button"
          disabled={all}
          onClick={() => setChosen(new Set(candidates.map((c) => c.clientRandom)))}
        >
          Select all
        </button>
        <button type="button" disabled={chosen.size === 0} onClick={() => setChosen(new Set())}>
          Select none
        </button>
        <span className="hh-modal-note" data-testid="secrets-chosen">
          {chosen.size} of {candidates.length} chosen
        </span>
      </div>
      <div className="secrets-scroll">
        <CandidateTable candidates={candidates} chosen={chosen} onToggle={toggle} />
      </div>
      <div className="hh-modal-actions">
        <span className="spacer" />
        <button type="button" onClick={() => question.answer(null)}>
          Cancel
        </button>
        <button type="button" data-autofocus onClick={save}>
          {chosen.size === 0
            ? 'Save without secrets'
            : `Save with the secrets of ${chosen.size} session${chosen.size === 1 ? '' : 's'}`}
        </button>
      </div>
    </Modal>
  );
}

export function CandidateTable({
  candidates,
  chosen,
  onToggle,
}: {
  readonly candidates: readonly SecretCandidate[];
  readonly chosen: ReadonlySet<string>;
  onToggle(clientRandom: string, on: boolean): void;
}) {
  return (
    <table className="hh-grid secrets-table">
      <thead>
        <tr>
          <th>
            <span className="visually-hidden">Include</span>
          </th>
          <th>Lane</th>
          <th className="num">Stream</th>
          <th>Server name</th>
          <th>Version</th>
          <th>Suite</th>
          <th>Client random</th>
          <th>Secrets</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map(({ clientRandom, laneTitle, session }) => (
          <tr key={clientRandom} data-testid="secret-candidate">
            <td>
              <input
                type="checkbox"
                aria-label={`Include the secrets of stream ${session.stream} (${session.serverName ?? 'no server name'})`}
                checked={chosen.has(clientRandom)}
                onChange={(e) => onToggle(clientRandom, e.target.checked)}
              />
            </td>
            <td>{laneTitle}</td>
            <td className="num">{session.stream}</td>
            <td>{session.serverName ?? '—'}</td>
            <td>{session.version ?? '—'}</td>
            <td className="hh-mono">{session.suite ?? '—'}</td>
            <td className="hh-mono" title={clientRandom}>
              {shortRandom(clientRandom)}
            </td>
            <td title={session.secrets.join('\n')}>{session.secrets.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
