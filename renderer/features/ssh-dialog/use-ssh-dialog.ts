/**
 * The dialog's behaviour: the form, "Connect" (each target in turn, since the user may be asked
 * about a host key or a prompt), "Start" (a lane per connected target), and closing the sessions
 * it leaves unused. Secrets stay in this component's state and in the requests that need them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import type { Asker } from './conversation.js';
import { defaultForm, formProblem, newTarget, type SshForm, type TargetRow } from './form.js';
import type { SshProfile } from './profiles.js';
import { connectTarget, startTarget } from './target-actions.js';

/** Sessions connected but never started, closed when the dialog goes (cancel, or a partial start). */
function useSessionCleanup(engine: EngineApi, form: { current: SshForm }): void {
  useEffect(
    () => () => {
      for (const row of form.current.targets)
        if (row.state.kind === 'connected')
          void engine.invoke('ssh.disconnect', { session: row.state.session }).catch(() => {});
    },
    [engine, form],
  );
}

export function useSshDialog(engine: EngineApi, ask: Asker, onStarted: (lanes: LaneInfo[]) => void) {
  const [form, setForm] = useState<SshForm>(defaultForm);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef(form);
  current.current = form;
  useSessionCleanup(engine, current);

  const update = useCallback((change: Partial<SshForm>) => setForm((f) => ({ ...f, ...change })), []);
  const updateTarget = useCallback((id: number, change: Partial<TargetRow>) => {
    setForm((f) => ({ ...f, targets: f.targets.map((t) => (t.id === id ? { ...t, ...change } : t)) }));
  }, []);

  const connect = async () => {
    const blocked = formProblem(current.current);
    setProblem(blocked);
    if (blocked) return;
    setBusy(true);
    for (const row of current.current.targets) {
      if (!row.host.trim() || row.state.kind === 'connected' || row.state.kind === 'started') continue;
      updateTarget(row.id, { state: { kind: 'connecting' } });
      updateTarget(row.id, await connectTarget(engine, ask, current.current, row));
    }
    setBusy(false);
  };

  const start = async () => {
    setBusy(true);
    const lanes: LaneInfo[] = [];
    for (const row of current.current.targets) {
      if (row.state.kind !== 'connected') continue;
      const { change, lane } = await startTarget(engine, current.current, row, row.state.session);
      updateTarget(row.id, change);
      if (lane) lanes.push(lane);
    }
    setBusy(false);
    if (lanes.length > 0) onStarted(lanes);
  };

  const load = (profile: SshProfile) =>
    setForm({
      ...defaultForm(),
      ...profile,
      targets: profile.targets.map((t) => newTarget(t.host, t.port, t.user)),
      auth: { ...profile.auth, passphrase: '', password: '' },
    });
  const addTarget = () => update({ targets: [...current.current.targets, newTarget()] });
  const removeTarget = (id: number) => {
    const row = current.current.targets.find((t) => t.id === id);
    if (row?.state.kind === 'connected') void engine.invoke('ssh.disconnect', { session: row.state.session });
    update({ targets: current.current.targets.filter((t) => t.id !== id) });
  };

  const connected = form.targets.filter((t) => t.state.kind === 'connected');
  const startable = connected.length > 0 && connected.every((t) => t.iface || form.command.trim());
  return {
    engine,
    form,
    busy,
    problem,
    update,
    updateTarget,
    connect,
    start,
    load,
    addTarget,
    removeTarget,
    startable,
  };
}

export type SshDialogModel = ReturnType<typeof useSshDialog>;
