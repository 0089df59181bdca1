/**
 * What "Connect" and "Start" do for one target row, as plain async functions: the request, the
 * conversation it may need, and the row's next state. A failure is the row's state, not an
 * exception: the other targets go on.
 */
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import { converse, type Asker } from './conversation.js';
import { authOf, likelyInterface, targetOf, type SshForm, type TargetRow } from './form.js';

export async function connectTarget(
  engine: EngineApi,
  ask: Asker,
  form: SshForm,
  row: TargetRow,
): Promise<Partial<TargetRow>> {
  try {
    const outcome = await converse(
      engine,
      (trust) => engine.invoke('ssh.connect', { target: targetOf(form, row), auth: authOf(form), trust }),
      ask,
    );
    if (outcome.status !== 'connected') throw new Error('unexpected answer from the engine');
    const tcpdump = outcome.tcpdump ? `tcpdump ${outcome.tcpdump}` : 'no tcpdump installed';
    return {
      state: {
        kind: 'connected',
        session: outcome.session,
        summary: `${outcome.target} · ${outcome.system} · ${tcpdump}`,
      },
      interfaces: outcome.interfaces,
      iface: row.iface || likelyInterface(outcome.interfaces),
    };
  } catch (error) {
    return { state: { kind: 'error', message: (error as Error).message } };
  }
}

export async function startTarget(
  engine: EngineApi,
  form: SshForm,
  row: TargetRow,
  session: string,
): Promise<{ change: Partial<TargetRow>; lane: LaneInfo | null }> {
  try {
    const lane = await engine.invoke('ssh.start', {
      session,
      interface: row.iface,
      filter: form.filter,
      privilege: form.privilege,
      role: form.role,
      ...(form.count.trim() ? { count: Number(form.count) } : {}),
      ...(form.command.trim() ? { command: form.command.trim() } : {}),
    });
    return { change: { state: { kind: 'started', summary: `capturing in lane “${lane.title}”` } }, lane };
  } catch (error) {
    // The attempt used the session up: connect again once the problem is fixed.
    return { change: { state: { kind: 'error', message: (error as Error).message } }, lane: null };
  }
}
