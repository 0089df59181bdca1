/**
 * The connection lost mid-capture, for real: sshd (daemon and session) is killed on the target
 * while tcpdump streams. The frames stay, the lane says why, nothing is left running on the host;
 * once sshd is back, "Reconnect" continues the capture in the same lane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.js';
import { sleep } from '../lab/exec.js';
import { cleanupStale, labUp, type Lab } from '../lab/lab.js';
import { backRequests } from '../lab/oracle.js';
import {
  connect,
  httpTo,
  killSshd,
  labUnavailableReason,
  newEngine,
  remoteProcesses,
  saveLanes,
  sshFixture,
  target,
  waitForLane,
  type SshFixture,
} from './support.js';

const reason = labUnavailableReason();

describe.skipIf(reason)(`a lost connection${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let lab: Lab;
  let fx: SshFixture;
  let engine: Engine;
  beforeAll(async () => {
    await cleanupStale();
    lab = await labUp({ maxLifetimeSeconds: 300, healthCheckIntervalSeconds: 5 });
    fx = sshFixture(lab);
    engine = newEngine();
  });
  afterAll(async () => {
    await engine?.dispose();
    await lab?.down();
  });

  it('keeps the frames, marks the lane, leaves nothing running; Reconnect continues in the same lane', async () => {
    const t1 = target(lab, 0);
    const connected = await connect(engine, { host: 't1', configFile: fx.configFile });
    const lane = await engine.handle('ssh.start', {
      session: connected.session,
      interface: t1.iface,
      filter: 'tcp port 80',
      privilege: 'sudo',
    });
    httpTo(lab, t1, 'tok-before', 3);
    const before = await waitForLane(engine, lane.lane, (info) => info.frames >= 30);

    expect(killSshd(t1.namespace)).toBeGreaterThanOrEqual(2);
    const lost = await waitForLane(engine, lane.lane, (info) => info.error !== null);
    expect(lost.state).toBe('done');
    expect(lost.frames).toBeGreaterThanOrEqual(before.frames);
    expect(lost.error?.message).toMatch(
      new RegExp(
        `^the capture stopped: the connection to ec2-user@${t1.address.replace(/\./g, '\\.')}:22 was lost \\(.+\\); the frames before it are kept$`,
      ),
    );
    expect((await engine.handle('ssh.status', { lane: lane.lane })).reconnectable).toBe(true);
    for (let i = 0; i < 100 && remoteProcesses(t1.namespace).includes('tcpdump'); i++) await sleep(50);
    expect(remoteProcesses(t1.namespace)).not.toContain('tcpdump');

    // sshd comes back (the lab restarts what is missing); the user presses Reconnect.
    await labUp({ runId: lab.runId });
    const resumed = await engine.handle('ssh.reconnect', { lane: lane.lane });
    expect(resumed).toMatchObject({
      status: 'capturing',
      lane: { lane: lane.lane, state: 'capturing', error: null },
    });
    httpTo(lab, t1, 'tok-after', 2);
    await waitForLane(engine, lane.lane, (info) => info.frames >= lost.frames + 20);
    const stopped = await engine.handle('capture.stop', { lane: lane.lane });
    expect(stopped).toMatchObject({ state: 'done', error: null });
    const paths = backRequests(await saveLanes(engine, fx, [lane.lane], 'resumed')).map((r) => r.path);
    expect(paths.filter((p) => p.includes('tok-before'))).toHaveLength(3);
    expect(paths.filter((p) => p.includes('tok-after'))).toHaveLength(2);
    await expect(engine.handle('ssh.reconnect', { lane: lane.lane })).rejects.toThrow(/is not disconnected/);
  });
});
