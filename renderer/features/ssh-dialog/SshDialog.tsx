/**
 * "Capture over SSH": the back leg from each target, tcpdump there streamed home (sshdump done
 * right). Connect first (host keys verified, then sign-in, then the host's interfaces), then start:
 * one lane per target.
 */
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import { AuthFields } from './AuthFields.js';
import { CaptureFields } from './CaptureFields.js';
import { ProfileBar } from './ProfileBar.js';
import { QuestionPanel } from './QuestionPanel.js';
import { TargetList } from './TargetList.js';
import { useQuestions } from './use-questions.js';
import { useSshDialog } from './use-ssh-dialog.js';
import './ssh-dialog.css';

export interface SshDialogProps {
  readonly engine: EngineApi;
  onStarted(lanes: LaneInfo[]): void;
  onClose(): void;
}

export function SshDialog({ engine, onStarted, onClose }: SshDialogProps) {
  const questions = useQuestions();
  const model = useSshDialog(engine, questions.ask, onStarted);
  const { form, busy } = model;
  const pending = form.targets.some(
    (t) => t.host.trim() && (t.state.kind === 'idle' || t.state.kind === 'error'),
  );
  return (
    <div className="ssh-backdrop">
      <div className="ssh-dialog" role="dialog" aria-label="Capture over SSH" data-testid="ssh-dialog">
        <h2>Capture over SSH</h2>
        {/* First, where the eye is: the host is waiting for this answer. */}
        <QuestionPanel open={questions.open} />
        <ProfileBar model={model} />
        <TargetList model={model} />
        <AuthFields model={model} />
        <CaptureFields model={model} />
        {model.problem ? (
          <p className="ssh-problem" role="alert">
            {model.problem}
          </p>
        ) : null}
        <div className="ssh-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" disabled={busy || !pending} onClick={() => void model.connect()}>
            Connect
          </button>
          <button
            type="button"
            className="ssh-primary"
            disabled={busy || !model.startable}
            onClick={() => void model.start()}
          >
            Start capture
          </button>
        </div>
      </div>
    </div>
  );
}
