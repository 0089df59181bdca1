/**
 * Capturing the back leg over SSH, against the lab's real sshd and tcpdump with real HTTP traffic:
 * every request arrives in the lane, frame for frame as tcpdump counts; the session's own packets
 * are left out (and only those); hostile input runs nothing; preflight failures name their fix; a
 * count ends the capture; a failing remote command shows its stderr; two targets make two lanes;
 * after Stop no capture process is left on the host.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaneId } from '../../shared/contract/index.js';
import type { SshTarget } from '../../shared/contract/ssh-channels.js';
import type { Engine } from '../../electron/engine/engine.js';
import { spawn } from 'node:child_process';
import { cleanupStale, labUp, type Lab } from '../lab/lab.js';
import { ssh } from '../lab/lab-helpers.js';
import { sshArgv } from '../lab/ssh-client.js';
import { backRequests } from '../lab/oracle.js';
import { bastionHosts, startBastion } from './bastion.js';
import {
  connect,
  httpTo,
  labUnavailableReason,
  newEngine,
  remoteProcesses,
  saveLanes,
  sshFixture,
  target,
  tcpTuples,
  waitForLane,
  type SshFixture,
} from './support.js';

const reason = labUnavailableReason();

describe.skipIf(reason)(`capturing over SSH${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let lab: Lab;
  let fx: SshFixture;
  let engine: Engine;
  const host = (name: string): SshTarget => ({ host: name, configFile: fx.configFile });

  beforeAll(async () => {
    await cleanupStale();
    lab = await labUp({ maxLifetimeSeconds: 300, healthCheckIntervalSeconds: 5 });
    const bastion = await startBastion(lab);
    const knownHosts = [...lab.targets.map((t) => t.ssh.knownHostsLine), ...bastion.knownHostsLines];
    fx = sshFixture(lab, { extra: bastionHosts(lab, bastion), knownHosts });
    engine = newEngine();
  });
  afterAll(async () => {
    await engine?.dispose();
    await lab?.down();
  });

  async function start(name: string, iface: string, filter = 'tcp port 80', extra: { count?: number } = {}) {
    const connected = await connect(engine, host(name));
    return engine.handle('ssh.start', {
      session: connected.session,
      interface: iface,
      filter,
      privilege: 'sudo',
      ...extra,
    });
  }

  /**
   * What `ps` on the host (over SSH) shows of captures on this lab's target: the tcpdumps, and with
   * `all` every process of the capture command (its sh, the stdin watcher, sudo).
   */
  function remoteCaptures(index: 0 | 1, all = true): string[] {
    const t = target(lab, index);
    return ssh(t, 'ps -eo pid=,args=')
      .stdout.split('\n')
      .filter((line) => line.includes(`tcpdump -i ${t.iface} `))
      .filter((line) => all || /^\s*\d+ \/\S*tcpdump /.test(line));
  }

  it('captures every request of the back leg into a lane, frame for frame as tcpdump counts', async () => {
    const t1 = target(lab, 0);
    const lane = await start('t1', t1.iface);
    expect(lane).toMatchObject({
      state: 'capturing',
      role: 'back',
      source: { kind: 'ssh', interface: t1.iface },
    });
    httpTo(lab, t1, 'tok-back', 5);
    await waitForLane(engine, lane.lane, (info) => info.frames >= 50);
    expect(remoteCaptures(0, false)).toHaveLength(1);
    const stopped = await engine.handle('capture.stop', { lane: lane.lane });
    const status = await engine.handle('ssh.status', { lane: lane.lane });
    expect(stopped.frames).toBe(status.counters?.captured);
    expect(stopped.stats).toMatchObject({ received: status.counters?.received, droppedByKernel: 0 });
    expect(status.stderr[0]).toMatch(/^tcpdump: listening on /);
    const file = await saveLanes(engine, fx, [lane.lane], 'back');
    const paths = backRequests(file)
      .map((r) => r.path)
      .filter((p) => p.includes('tok-back'));
    expect(paths.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `/echo/tok-back-${i}`));
    // After Stop: no tcpdump on the host, by `ps` over SSH and by the namespace's own process list.
    expect(remoteCaptures(0)).toEqual([]);
    expect(remoteProcesses(t1.namespace)).not.toContain('tcpdump');
  });

  it('leaves out its own SSH connection, and only that one', async () => {
    const t1 = target(lab, 0);
    const lane = await start('t1', t1.iface, 'tcp');
    // Another SSH session to the same host, while the capture runs: its packets must be there.
    const other = spawn(sshArgv(t1, 'sleep 1')[0] ?? 'ssh', sshArgv(t1, 'sleep 1').slice(1), {
      stdio: 'ignore',
    });
    httpTo(lab, t1, 'tok-own', 2);
    await new Promise((resolve) => other.on('close', resolve));
    await waitForLane(engine, lane.lane, (info) => info.frames >= 30);
    const status = await engine.handle('ssh.status', { lane: lane.lane });
    await engine.handle('capture.stop', { lane: lane.lane });
    const own = /not \(host (\S+) and port (\d+) and host (\S+) and port (\d+)\)/.exec(status.command);
    if (!own) throw new Error(`no exclusion in ${status.command}`);
    const [, client, clientPort, server, serverPort] = own;
    const tuples = tcpTuples(await saveLanes(engine, fx, [lane.lane], 'own'));
    const mine = [
      `${client} ${clientPort} ${server} ${serverPort}`,
      `${server} ${serverPort} ${client} ${clientPort}`,
    ];
    expect(tuples.filter((t) => mine.includes(t))).toEqual([]);
    expect(tuples.some((t) => t.includes(' 22 ') || t.endsWith(' 22'))).toBe(true); // the other session
    expect(tuples.some((t) => t.endsWith(' 80'))).toBe(true);
  });

  it('passes hostile filters and interfaces literally: nothing runs on the host', async () => {
    const t1 = target(lab, 0);
    const marker = join(lab.dir, 'pwned');
    const hostile = [
      `tcp port 80'; touch ${marker}; echo '`,
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `tcp port 80 && touch ${marker}`,
    ];
    for (const filter of hostile)
      await expect(start('t1', t1.iface, filter)).rejects.toThrow(/exited with status 1: tcpdump: /);
    for (const iface of hostile)
      await expect(start('t1', iface)).rejects.toThrow(
        `there is no interface ${JSON.stringify(iface)} on ec2-user@`,
      );
    expect(existsSync(marker)).toBe(false);
  });

  it('names the fix when sudo -n is refused, when tcpdump is missing, when the interface does not exist', async () => {
    await expect(start('bastion', 'any')).rejects.toThrow(
      /`sudo -n \/usr\/bin\/tcpdump` is refused on ec2-user@[\d.]+:22 for ec2-user \(sudo said: "sudo: a password is required"\).*visudo.*NOPASSWD: \/usr\/bin\/tcpdump/,
    );
    await expect(start('bare', 'any')).rejects.toThrow(
      /tcpdump is not installed on ec2-user@[\d.]+:2222 \(Debian GNU\/Linux.*\): install it there with `sudo apt-get install -y tcpdump`/,
    );
    const connected = await connect(engine, host('t1'));
    const doas = { session: connected.session, interface: 'any', filter: '', privilege: 'doas' } as const;
    await expect(engine.handle('ssh.start', doas)).rejects.toThrow(
      /^doas is not installed on ec2-user@[\d.]+:22: choose another privilege, or install doas there$/,
    );
    await expect(start('t1', 'eth7')).rejects.toThrow(
      /there is no interface "eth7" on ec2-user@[\d.]+:22; it has: .*hh/,
    );
  });

  it('stops by itself after COUNT packets', async () => {
    const t1 = target(lab, 0);
    const lane = await start('t1', t1.iface, 'tcp port 80', { count: 7 });
    httpTo(lab, t1, 'tok-count', 2);
    const done = await waitForLane(engine, lane.lane, (info) => info.state === 'done');
    expect(done).toMatchObject({ frames: 7, error: null });
    expect(remoteCaptures(0)).toEqual([]);
  });

  it('shows what a failing remote capture said on stderr', async () => {
    const connected = await connect(engine, host('t1'));
    const command = `echo 'tcpdump: listening on fake0' >&2; sleep 0.3; echo 'tcpdump: pcap_loop: The interface disappeared' >&2; exit 2`;
    const lane = await engine.handle('ssh.start', {
      session: connected.session,
      interface: 'fake0',
      filter: '',
      privilege: 'none',
      command,
    });
    const failed = await waitForLane(engine, lane.lane, (info) => info.state !== 'capturing');
    expect(failed.error?.message).toMatch(/exited with status 2: .*The interface disappeared/);
  });

  it('captures two targets at once, one lane each, each with its own target’s requests', async () => {
    const lanes = [await start('t1', target(lab, 0).iface), await start('t2', target(lab, 1).iface)];
    httpTo(lab, target(lab, 0), 'tok-one', 2);
    httpTo(lab, target(lab, 1), 'tok-two', 3);
    for (const lane of lanes) await waitForLane(engine, lane.lane, (info) => info.frames >= 20);
    for (const lane of lanes) await engine.handle('capture.stop', { lane: lane.lane });
    const seen = async (lane: LaneId, name: string) =>
      backRequests(await saveLanes(engine, fx, [lane], name))
        .map((r) => r.path)
        .filter((p) => p.includes('tok-'));
    expect((await seen(lanes[0]!.lane, 'one')).sort()).toEqual(['/echo/tok-one-0', '/echo/tok-one-1']);
    expect((await seen(lanes[1]!.lane, 'two')).sort()).toEqual([
      '/echo/tok-two-0',
      '/echo/tok-two-1',
      '/echo/tok-two-2',
    ]);
    expect(lanes.map((l) => l.title)).toEqual([`t1:${target(lab, 0).iface}`, `t2:${target(lab, 1).iface}`]);
  });
});
