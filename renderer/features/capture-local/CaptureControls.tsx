/**
 * A live lane's header controls: Stop while capturing; once stopped, Restart with the same
 * interface, filter and options, appending into this lane (frames numbered on, TCP streams
 * continued) or into a new lane; and a warning as soon as the helper reports drops.
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
  const [into, setInto] = useState<'append' | 'new'>('append');
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
        <span className="cl-restart">
          <button
            type="button"
            disabled={busy}
            title={`Capture again on ${source.interface} with the same filter and options, ${into === 'append' ? 'appending to this lane' : 'into a new lane'}`}
            onClick={() =>
              void act(async () => {
                const info = await engine.invoke('capture.restart', {
                  lane: lane.lane,
                  append: into === 'append',
                });
                // An appended lane updates itself (lane.progress); a new one joins the session.
                if (into === 'new') announceLanes([info]);
              })
            }
          >
            Restart
          </button>
          <select
            aria-label="Restart into"
            disabled={busy}
            value={into}
            onChange={(event) => setInto(event.target.value === 'new' ? 'new' : 'append')}
          >
            <option value="append">into this lane</option>
            <option value="new">into a new lane</option>
          </select>
        </span>
      ) : null}
      {problem ? (
        <span className="lane-error" role="alert" title={problem}>
          {problem}
        </span>
      ) : null}
    </>
  );
}
