/**
 * A live lane's header controls: Stop while capturing; Restart (into a new lane: a lane's frames
 * come from one helper run) once stopped; and a warning as soon as the helper reports drops.
 */
import { useState } from 'react';
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import { announceLanes } from './started-lanes.js';

export function dropped(lane: LaneInfo): number {
  return lane.stats ? lane.stats.droppedByKernel + (lane.stats.droppedByInterface ?? 0) : 0;
}

export function CaptureControls({ engine, lane }: { readonly engine: EngineApi; readonly lane: LaneInfo }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (lane.source.kind === 'file') return null;
  const source = lane.source;
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
  const lost = dropped(lane);
  return (
    <>
      {lost > 0 ? (
        <span
          className="cl-drops"
          role="alert"
          data-testid="lane-drops"
          title="The kernel or the interface dropped packets before the helper saw them: a larger buffer may help."
        >
          ⚠ {lost} dropped
        </span>
      ) : null}
      {lane.state === 'capturing' ? (
        <button
          type="button"
          className="cl-stop"
          disabled={busy}
          onClick={() => void act(() => engine.invoke('capture.stop', { lane: lane.lane }))}
        >
          Stop
        </button>
      ) : source.kind === 'local' ? (
        <button
          type="button"
          disabled={busy}
          title="Capture again with the same interface and filter, into a new lane"
          onClick={() =>
            void act(async () =>
              announceLanes(
                (
                  await engine.invoke('capture.start', {
                    interfaces: [source.interface],
                    filter: source.filter,
                    role: lane.role,
                  })
                ).lanes,
              ),
            )
          }
        >
          Restart
        </button>
      ) : null}
      {problem ? (
        <span className="lane-error" role="alert" title={problem}>
          {problem}
        </span>
      ) : null}
    </>
  );
}
