/**
 * The dialog's behaviour: the form, "Connect" (each target in turn, since the user may be asked
 * about a host key or a prompt), "Start" (a lane per connected target), and closing the sessions
 * it leaves unused. Secrets stay in this component's state and in the requests that need them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import { converse, type Asker } from './conversation.js';
import {
  authOf,
  defaultForm,
  formProblem,
  likelyInterface,
  newTarget,
  targetOf,
  type SshForm,
  type TargetRow,
  type TargetState,
} from './form.js';
import type { SshProfile } from './profiles.js';

export function useSshDialog(engine: EngineApi, ask: Asker, onStarted: (lanes: LaneInfo[]) => void) {
  const [form, setForm] = useState<SshForm>(defaultForm);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef(form);
  current.current = form;

  const update = useCallback((change: Partial<SshForm>) => setForm((f) => ({ ...f, ...change })), []);
  const updateTarget = useCallback((id: number, change: Partial<TargetRow>) => {
    setForm((f) => ({ ...f, targets: f.targets.map((t) => (t.id === id ? { ...t, ...change } : t)) }));
  }, []);
  const setState = (id: number, state: TargetState) => updateTarget(id, { state });

  const sessions = () =>
    current.current.targets.flatMap((t) => (t.state.kind === 'connected' ? [t.state.session] : []));
  // Sessions never started are closed when the dialog goes (cancel, or a partial start).
  useEffect(
    () => () => {
      for (const session of sessions()) void engine.invoke('ssh.disconnect', { session }).catch(() => {});
    },
    [engine],
  );

  const connectOne = async (row: TargetRow) => {
    setState(row.id, { kind: 'connecting' });
    try {
      const snapshot = current.current;
      const outcome = await converse(
        engine,
        (trust) =>
          engine.invoke('ssh.connect', { target: targetOf(snapshot, row), auth: authOf(snapshot), trust }),
        ask,
      );
      if (outcome.status !== 'connected') throw new Error('unexpected answer from the engine');
      const tcpdump = outcome.tcpdump ? `tcpdump ${outcome.tcpdump}` : 'no tcpdump installed';
      updateTarget(row.id, {
        state: {
          kind: 'connected',
          session: outcome.session,
          summary: `${outcome.target} · ${outcome.system} · ${tcpdump}`,
        },
        interfaces: outcome.interfaces,
        iface: row.iface || likelyInterface(outcome.interfaces),
      });
    } catch (error) {
      setState(row.id, { kind: 'error', message: (error as Error).message });
    }
  };

  const connect = async () => {
    const blocked = formProblem(current.current);
    setProblem(blocked);
    if (blocked) return;
    setBusy(true);
    for (const row of current.current.targets)
      if (row.host.trim() && row.state.kind !== 'connected' && row.state.kind !== 'started')
        await connectOne(row);
    setBusy(false);
  };

  const startOne = async (row: TargetRow, session: string): Promise<LaneInfo | null> => {
    const f = current.current;
    try {
      const lane = await engine.invoke('ssh.start', {
        session,
        interface: row.iface,
        filter: f.filter,
        privilege: f.privilege,
        role: f.role,
        ...(f.count.trim() ? { count: Number(f.count) } : {}),
        ...(f.command.trim() ? { command: f.command.trim() } : {}),
      });
      setState(row.id, { kind: 'started', summary: `capturing in lane “${lane.title}”` });
      return lane;
    } catch (error) {
      // The session was used up by the attempt: connect again after fixing the problem.
      setState(row.id, { kind: 'error', message: (error as Error).message });
      return null;
    }
  };

  const start = async () => {
    setBusy(true);
    const lanes: LaneInfo[] = [];
    for (const row of current.current.targets) {
      if (row.state.kind !== 'connected') continue;
      const lane = await startOne(row, row.state.session);
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
