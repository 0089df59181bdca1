/**
 * The lab, verified independently of the code it will test: it comes up, the workload runs
 * through it, tshark (not Hammerhead) finds every request on the decrypted front leg and on
 * exactly one back leg with the load balancer's headers, SSH reaches the targets as it would reach
 * EC2 instances, and `down` leaves nothing behind. Needs root (CI runs as root); skipped, with the
 * reason in its name, elsewhere.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureResult } from './capture.js';
import { must, sleep } from './exec.js';
import type { Lab } from './lab.js';
import { cleanupStale, labUnavailableReason, labUp, listRuns } from './lab.js';
import {
  captureOverSsh,
  curlThrough,
  frontConnectionsPerBackConnection,
  leftovers,
  processesIn,
  servicesRunning,
  ssh,
} from './lab-helpers.js';
import type { BackRequest } from './oracle.js';
import {
  backRequests,
  embeddedSecrets,
  frontRequests,
  HEALTH_CHECK_AGENT,
  longestFrame,
  tokenOf,
} from './oracle.js';
import { namespacesOf, STATE_ROOT } from './plan.js';
import type { ScenarioResult } from './scenario.js';
import { runScenario } from './scenario.js';
import { verifyCaptures } from './verify.js';

const reason = labUnavailableReason();
const describeLab = reason ? describe.skip : describe;

describeLab(`the lab${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let lab: Lab;
  let scenario: ScenarioResult;
  let captures: Record<'front' | 'target1' | 'target2', CaptureResult>;
  let backs: Record<'target1' | 'target2', BackRequest[]>;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    await cleanupStale();
    let t = Date.now();
    lab = await labUp({ healthCheckIntervalSeconds: 1, maxLifetimeSeconds: 300 });
    figures.upMs = Date.now() - t;
    const running = {
      front: await lab.capture('front'),
      target1: await lab.capture('target1'),
      target2: await lab.capture('target2'),
    };
    await sleep(1_200); // a health-check round on each back leg
    t = Date.now();
    scenario = await runScenario(lab);
    figures.scenarioMs = Date.now() - t;
    await sleep(1_200); // and another after the traffic
    captures = {
      front: await running.front.stop(),
      target1: await running.target1.stop(),
      target2: await running.target2.stop(),
    };
    backs = { target1: backRequests(captures.target1.file), target2: backRequests(captures.target2.file) };
  }, 120_000);

  afterAll(async () => {
    // Normally a no-op (the last test takes the lab down); after a failure, this is the teardown.
    await lab?.down();
    console.log(`lab figures (ms): ${JSON.stringify(figures)}`);
  }, 60_000);

  it('runs every service inside its own namespace, and `up` again changes nothing', async () => {
    const names = lab.daemons().map((d) => d.record.name);
    const services = ['healthcheck', 'http-target1', 'http-target2', 'nginx', 'sshd-target1', 'sshd-target2'];
    expect(names).toEqual(expect.arrayContaining(services));
    expect(servicesRunning(lab)).toBe(true);
    const pids = lab.daemons().map((d) => d.record.pid);
    const again = await labUp({ runId: lab.runId });
    expect(again.daemons().map((d) => d.record.pid)).toEqual(pids);
  });

  it('has no default route in any of its namespaces', () => {
    for (const ns of namespacesOf(lab.plan))
      expect(must(['ip', '-n', ns, 'route', 'show', 'default'])).toBe('');
  });

  it('plays the whole workload: every request answered 200, by both targets, in 4 HTTP×TLS versions', () => {
    const rows = scenario.groundTruth.requests;
    expect(rows.length).toBe(25);
    expect(rows.filter((r) => r.status !== 200 || r.error)).toEqual([]);
    expect(new Set(rows.map((r) => r.servedBy))).toEqual(new Set(['target1', 'target2']));
    expect(new Set(rows.map((r) => `${r.httpVersion} ${r.tlsVersion}`)).size).toBe(4);
    // The first HTTP/2 connection's streams are concurrent: all sent before any one completes.
    const wide = rows.filter((r) => r.connection === 0);
    expect(new Set(wide.map((r) => r.localPort)).size).toBe(1);
    expect(Math.max(...wide.map((r) => r.startMs))).toBeLessThan(Math.min(...wide.map((r) => r.endMs)));
  });

  it('tshark decrypts the front capture with the key log, and finds nothing without it', () => {
    const decrypted = frontRequests(captures.front.file, scenario.keyLogFile);
    expect(decrypted.length).toBe(scenario.groundTruth.requests.length);
    expect(frontRequests(captures.front.file)).toEqual([]);
    // The key log embedded in a Decryption Secrets Block (as in the bundled sample) does the same.
    const pcapng = join(lab.dir, 'front-with-secrets.pcapng');
    must(['editcap', '--inject-secrets', `tls,${scenario.keyLogFile}`, captures.front.file, pcapng]);
    expect(embeddedSecrets(pcapng)).toBe(1);
    expect(frontRequests(pcapng)).toEqual(decrypted);
  });

  it('finds every token once on the front leg and once on the back legs, with the added headers', () => {
    const front = frontRequests(captures.front.file, scenario.keyLogFile);
    const report = verifyCaptures(scenario.groundTruth, front, backs);
    console.log(`tshark matched ${report.frontMatched}/${report.tokens} front, ${report.backMatched} back`);
    expect(report.problems).toEqual([]);
    expect([report.frontMatched, report.backMatched]).toEqual([report.tokens, report.tokens]);
  });

  it('health-checks both targets, and sends nothing else but the workload', () => {
    for (const [name, requests] of Object.entries(backs)) {
      const checks = requests.filter((r) => r.headers.get('user-agent') === HEALTH_CHECK_AGENT);
      expect(checks.length, name).toBeGreaterThanOrEqual(2);
      expect(checks.every((c) => c.path === '/' && c.source === lab.loadBalancer.vpcAddress)).toBe(true);
      expect(requests.filter((r) => !tokenOf(r.path) && !checks.includes(r))).toEqual([]);
    }
  });

  it('reuses back-leg connections across front connections (clients)', () => {
    const shared = frontConnectionsPerBackConnection(scenario.groundTruth, backs);
    expect(Math.max(...[...shared.values()].map((connections) => connections.size))).toBeGreaterThan(1);
  });

  it('captures frames no longer than the wire allows (segmentation offloads are off)', () => {
    for (const capture of Object.values(captures)) {
      expect(capture.droppedByKernel).toBe(0);
      expect(longestFrame(capture.file)).toBeLessThanOrEqual(1514);
    }
  });

  it('lets the key reach each target by SSH as ec2-user, with sudo for tcpdump only', () => {
    for (const target of lab.targets) {
      expect(ssh(target, 'id -un').stdout.trim()).toBe('ec2-user');
      expect(ssh(target, 'sudo -n id -u').status).not.toBe(0);
      expect(ssh(target, 'sudo -n tcpdump --version').status).toBe(0);
    }
  });

  it('streams a remote tcpdump over SSH that stops as soon as stdin closes', async () => {
    const target = lab.targets[0];
    if (!target) throw new Error('no target');
    // Round-robin: four requests put two on each target.
    const remote = await captureOverSsh(target, () => curlThrough(lab, 'tok-ssh', 4));
    expect(remote.exitCode).toBe(0);
    expect(remote.stopMs).toBeLessThan(3_000);
    const file = join(lab.dir, 'over-ssh.pcap');
    writeFileSync(file, remote.pcap);
    expect(backRequests(file).filter((r) => r.path.startsWith('/echo/tok-ssh-')).length).toBe(2);
    expect(processesIn(target.namespace)).not.toContain('tcpdump');
  });

  it('runs a second lab beside the first; cleanupStale takes it down once its owner is gone', async () => {
    const second = await labUp({ healthCheckIntervalSeconds: 5, maxLifetimeSeconds: 60 });
    expect(second.runId).not.toBe(lab.runId);
    expect(second.plan.vpcOctet).not.toBe(lab.plan.vpcOctet);
    expect(servicesRunning(second)).toBe(true);
    // Its owner "crashes": the recorded owner no longer matches a running process.
    const stateFile = join(STATE_ROOT, second.runId, 'state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(stateFile, JSON.stringify({ ...state, owner: { pid: process.pid, startTime: 'gone' } }));
    expect(listRuns().find((r) => r.runId === second.runId)?.stale).toBe(true);
    expect(await cleanupStale()).toContain(second.runId);
    expect(leftovers(second)).toEqual([]);
    expect(servicesRunning(lab)).toBe(true);
  });

  it('takes everything down: processes, namespaces, host link, /etc/netns overlays, run directory', async () => {
    const t = Date.now();
    await lab.down();
    figures.downMs = Date.now() - t;
    expect(leftovers(lab)).toEqual([]);
  });
});
