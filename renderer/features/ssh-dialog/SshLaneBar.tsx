/**
 * An SSH lane's header: what the remote tcpdump says (its stderr, read as it runs: "listening on…",
 * warnings, the final counters), and when the connection was lost, "Reconnect" (the capture goes
 * on in this same lane) or "Stop" (give up and keep what was captured).
 */
import { useEffect, useState } from 'react';
import type { EngineApi, LaneInfo, ResponseOf } from '../../../shared/contract/index.js';
import { converse } from './conversation.js';
import { QuestionPanel } from './QuestionPanel.js';
import { useQuestions } from './use-questions.js';
import './ssh-dialog.css';

type Status = ResponseOf<'ssh.status'>;

export function SshLaneBar({ engine, lane }: { readonly engine: EngineApi; readonly lane: LaneInfo }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const questions = useQuestions();
  const changed = `${lane.state}|${lane.error?.message ?? ''}|${lane.stats?.received ?? ''}|${lane.frames > 0}`;
  useEffect(() => {
    let live = true;
    engine
      .invoke('ssh.status', { lane: lane.lane })
      .then((s) => live && setStatus(s))
      .catch(() => live && setStatus(null));
    return () => {
      live = false;
    };
  }, [engine, lane.lane, changed]);
  if (lane.source.kind !== 'ssh') return null;

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const reconnect = () =>
    act(() =>
      converse(engine, (trust) => engine.invoke('ssh.reconnect', { lane: lane.lane, trust }), questions.ask),
    );
  const said = status?.stderr
    .filter((line) => !/packets? (captured|received|dropped)/.test(line))
    .slice(-1)[0];
  return (
    <>
      {said ? (
        <span className="ssh-said" data-testid="ssh-stderr" title={status?.stderr.join('\n')}>
          {status?.target}: {said}
        </span>
      ) : null}
      {status?.reconnectable ? (
        <>
          <button type="button" disabled={busy} onClick={() => void reconnect()}>
            Reconnect
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => engine.invoke('capture.stop', { lane: lane.lane }))}
          >
            Stop
          </button>
        </>
      ) : null}
      {problem ? (
        <span className="lane-error" role="alert" title={problem}>
          {problem}
        </span>
      ) : null}
      {questions.open ? (
        <div className="ssh-backdrop">
          <div className="ssh-dialog" role="dialog" aria-label={`Reconnect ${lane.title}`}>
            <QuestionPanel open={questions.open} />
          </div>
        </div>
      ) : null}
    </>
  );
}
