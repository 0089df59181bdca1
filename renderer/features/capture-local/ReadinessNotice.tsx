/** Why capturing cannot start here, the exact commands that fix it, and the one-run alternative. */
import type { CaptureReadiness } from '../../../shared/contract/local-capture-channels.js';

export function ReadinessNotice({
  readiness,
  elevate,
  onElevate,
}: {
  readonly readiness: CaptureReadiness;
  readonly elevate: boolean;
  onElevate(elevate: boolean): void;
}) {
  const { problem } = readiness;
  if (!problem) return null;
  return (
    <div className="cl-readiness" role="note" data-testid="capture-readiness" data-kind={problem.kind}>
      <p>{problem.message}</p>
      {problem.fix.map((command) => (
        <pre key={command} className="cl-fix">
          {command}
        </pre>
      ))}
      {readiness.canElevate && problem.kind === 'no-rights' ? (
        <label>
          <input type="checkbox" checked={elevate} onChange={(e) => onElevate(e.target.checked)} /> Capture as
          administrator (this capture only: the system asks for a password, and only the helper runs elevated)
        </label>
      ) : null}
    </div>
  );
}
