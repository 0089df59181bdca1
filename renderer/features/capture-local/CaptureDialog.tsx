/** The capture panel over the lanes (toolbar "Capture…"): start more captures beside open lanes. */
import type { EngineApi } from '../../../shared/contract/index.js';
import { CapturePanel } from './CapturePanel.js';

export function CaptureDialog({ engine, onClose }: { readonly engine: EngineApi; onClose(): void }) {
  return (
    <div
      className="cl-dialog"
      role="dialog"
      aria-label="Capture from local interfaces"
      data-testid="capture-dialog"
    >
      <button type="button" className="cl-dialog-close" onClick={onClose}>
        Close
      </button>
      <CapturePanel engine={engine} onStarted={onClose} />
    </div>
  );
}
