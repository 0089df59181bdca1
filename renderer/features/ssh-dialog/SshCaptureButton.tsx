/** "Capture over SSH…": the button (start page, toolbar) and the dialog it opens. */
import { useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import { announceLanes } from '../capture-local/started-lanes.js';
import { SshDialog } from './SshDialog.js';

export function SshCaptureButton({
  engine,
  className,
}: {
  readonly engine: EngineApi;
  readonly className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>
        Capture over SSH…
      </button>
      {open ? (
        <SshDialog
          engine={engine}
          onClose={() => setOpen(false)}
          onStarted={(lanes) => {
            announceLanes(lanes);
            setOpen(false);
          }}
        />
      ) : null}
    </>
  );
}
