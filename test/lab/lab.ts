/**
 * The load-balancer scenario on one machine: `labUp()` builds it (namespaces, nginx, two targets
 * with web server and sshd, health checks) and returns a `Lab`; `lab.down()` takes it apart;
 * `cleanupStale()` takes apart what a crashed run left. No vitest import: scripts/lab.js uses
 * this module too.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Capture } from './capture.js';
import { startCapture } from './capture.js';
import { ensureCertificates } from './ca.js';
import type { DaemonRecord } from './daemons.js';
import { isRunning, listDaemons, logTail, stopDaemon, sweepNamespace } from './daemons.js';
import { inNetns, waitFor } from './exec.js';
import { labUnavailableReason } from './availability.js';
import { startNginx } from './nginx.js';
import type { LabPlan, TargetName, TargetPlan } from './plan.js';
import { HTTP_PORT, HTTPS_PORT, makePlan, namespacesOf, SERVER_NAME, SSH_PORT, SSH_USER } from './plan.js';
import type { RunState } from './runs.js';
import { claimRun, knownRunIds, ownerAlive, readState, releaseOctet } from './runs.js';
import type { SshIdentity } from './sshd.js';
import { ensureSshIdentity, hostKeyOf, removeUserOverlay, startSshd } from './sshd.js';
import { startHealthChecks, startTarget } from './targets.js';
import { deleteTopology, createTopology } from './topology.js';

export { labUnavailableReason } from './availability.js';

export interface LabOptions {
  /** Repair and return this run (`up` is idempotent) instead of making a new one. */
  readonly runId?: string;
  /** A link from the test's own (root) namespace to the targets' network, for SSH. Default true. */
  readonly hostLink?: boolean;
  /** Default 1 (an ALB's default is 30; a test wants to see a few). */
  readonly healthCheckIntervalSeconds?: number;
  /** The health checker stops by itself after this. Default 900 (15 min). */
  readonly maxLifetimeSeconds?: number;
  /** Not owned by this process (the CLI): `cleanupStale` leaves it alone. Default false. */
  readonly persistent?: boolean;
}

export interface LabTarget {
  readonly name: TargetName;
  readonly namespace: string;
  /** The target's interface in its namespace: where its back-leg tcpdump listens. */
  readonly iface: string;
  readonly address: string;
  readonly httpPort: number;
  readonly ssh: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly privateKeyPath: string;
    /** `ssh-ed25519 AAAA…` */
    readonly hostKey: string;
    /** `SHA256:…` */
    readonly hostKeyFingerprint: string;
    /** One known_hosts line for this target. */
    readonly knownHostsLine: string;
    /** known_hosts holding both targets' lines. */
    readonly knownHostsPath: string;
  };
}

export type CapturePoint = 'front' | TargetName;

export interface Lab {
  readonly runId: string;
  /** Run directory (logs, keys, configs, captures by default). */
  readonly dir: string;
  readonly serverName: string;
  /** PEM of the lab CA that signed `serverName`'s certificate. */
  readonly caCertPath: string;
  readonly client: { readonly namespace: string; readonly iface: string; readonly address: string };
  readonly loadBalancer: {
    readonly namespace: string;
    readonly frontIface: string;
    readonly frontAddress: string;
    readonly httpsPort: number;
    readonly vpcAddress: string;
  };
  readonly targets: readonly LabTarget[];
  /** The root-namespace end of the host link, when there is one. */
  readonly host: { readonly iface: string; readonly address: string } | undefined;
  readonly plan: LabPlan;
  /** argv that runs `argv` inside namespace `ns`. */
  exec(ns: string, argv: readonly string[]): string[];
  /** tcpdump on the client's veth ('front', default `tcp port 443`) or a target's (default `tcp port 80`). */
  capture(point: CapturePoint, options?: { file?: string; filter?: string }): Promise<Capture>;
  /** The daemons this run started and whether each is running. */
  daemons(): { record: DaemonRecord; running: boolean }[];
  down(): Promise<void>;
}

const DEFAULTS = {
  hostLink: true,
  healthCheckIntervalSeconds: 1,
  maxLifetimeSeconds: 900,
  persistent: false,
};

function initialState(options: LabOptions): RunState {
  const existing = options.runId ? readState(options.runId) : undefined;
  if (existing && existing.vpcOctet > 0) return existing;
  return claimRun(
    options.hostLink ?? DEFAULTS.hostLink,
    options.persistent ?? DEFAULTS.persistent,
    options.runId,
  );
}

/** /proc/<pid>/net/tcp lists the sockets of the pid's own namespace: no process to spawn. */
function listening(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  try {
    return readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
      .split('\n')
      .some((line) => line.split(/\s+/)[2]?.endsWith(`:${hexPort}`) && line.split(/\s+/)[4] === '0A');
  } catch {
    return false;
  }
}

async function waitListening(started: Promise<DaemonRecord>, port: number): Promise<void> {
  const record = await started;
  await waitFor(`${record.name} to listen on port ${port}`, 15_000, () => {
    if (!isRunning(record)) throw new Error(`lab: ${record.name} is not running:\n${logTail(record)}`);
    return listening(record.pid, port) ? true : undefined;
  });
}

async function startServices(plan: LabPlan, options: LabOptions): Promise<void> {
  const certs = ensureCertificates(plan.dir, SERVER_NAME, plan.runId);
  ensureSshIdentity(plan);
  const waits: Promise<void>[] = [];
  for (const target of plan.targets) {
    waits.push(waitListening(startTarget(plan, target), HTTP_PORT));
    waits.push(waitListening(startSshd(plan, target), SSH_PORT));
  }
  waits.push(waitListening(startNginx(plan, certs), HTTPS_PORT));
  await Promise.all(waits);
  // After the targets listen, so that the first checks already succeed.
  await startHealthChecks(plan, {
    intervalSeconds: options.healthCheckIntervalSeconds ?? DEFAULTS.healthCheckIntervalSeconds,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? DEFAULTS.maxLifetimeSeconds,
  });
}

/** Builds the lab, or completes and returns run `options.runId`. Throws when the machine cannot. */
export async function labUp(options: LabOptions = {}): Promise<Lab> {
  const reason = labUnavailableReason();
  if (reason) throw new Error(`lab: cannot run here: ${reason}`);
  const state = initialState(options);
  const plan = makePlan(state.runId, state.vpcOctet);
  try {
    createTopology(plan, state.hostLink);
    await startServices(plan, options);
  } catch (error) {
    if (!options.runId) await teardown(state.runId);
    throw error;
  }
  return labObject(plan, state);
}

function labTarget(target: TargetPlan, identity: SshIdentity): LabTarget {
  const hostKey = hostKeyOf(target);
  return {
    name: target.name,
    namespace: target.namespace,
    iface: target.iface,
    address: target.address,
    httpPort: HTTP_PORT,
    ssh: {
      host: target.address,
      port: SSH_PORT,
      user: SSH_USER,
      privateKeyPath: identity.privateKeyPath,
      hostKey: hostKey.publicKey,
      hostKeyFingerprint: hostKey.fingerprint,
      knownHostsLine: hostKey.knownHostsLine,
      knownHostsPath: identity.knownHostsPath,
    },
  };
}

/** `lab.capture`: numbered, so two captures at one point never share a daemon name or file. */
function capturer(plan: LabPlan): Lab['capture'] {
  let captures = 0;
  return (point, options = {}) => {
    captures += 1;
    const target = plan.targets.find((t) => t.name === point);
    const where = target
      ? { namespace: target.namespace, iface: target.iface, filter: `tcp port ${HTTP_PORT}` }
      : { namespace: plan.client.namespace, iface: plan.client.iface, filter: `tcp port ${HTTPS_PORT}` };
    const file = options.file ?? join(plan.dir, 'captures', `${captures}-${point}.pcap`);
    mkdirSync(dirname(file), { recursive: true });
    return startCapture(plan.dir, {
      name: `capture-${captures}-${point}`,
      namespace: where.namespace,
      iface: where.iface,
      filter: options.filter ?? where.filter,
      file,
    });
  };
}

function labObject(plan: LabPlan, state: RunState): Lab {
  const identity = ensureSshIdentity(plan);
  const lb = plan.loadBalancer;
  return {
    runId: plan.runId,
    dir: plan.dir,
    serverName: SERVER_NAME,
    caCertPath: join(plan.dir, 'pki', 'ca.pem'),
    client: plan.client,
    loadBalancer: {
      namespace: lb.namespace,
      frontIface: lb.frontIface,
      frontAddress: lb.frontAddress,
      httpsPort: HTTPS_PORT,
      vpcAddress: lb.vpcAddress,
    },
    targets: plan.targets.map((target) => labTarget(target, identity)),
    host: state.hostLink ? { iface: plan.host.iface, address: plan.host.address } : undefined,
    plan,
    exec: (ns, argv) => inNetns(ns, argv),
    capture: capturer(plan),
    daemons: () => listDaemons(plan.dir).map((record) => ({ record, running: isRunning(record) })),
    down: () => teardown(plan.runId),
  };
}

/**
 * Stops what run `runId` started and deletes what it made: daemons from their PID files (newest
 * first), then anything left in its namespaces, the namespaces and host link, the /etc/netns
 * overlays, the octet reservation and the run directory. Safe to repeat.
 */
export async function teardown(runId: string): Promise<void> {
  const state = readState(runId);
  // The octet only shapes addresses; names, which are all teardown needs, come from the run id.
  const plan = makePlan(runId, state?.vpcOctet || 1);
  const namespaces = namespacesOf(plan);
  const records = listDaemons(plan.dir).sort((a, b) => Number(b.startTime) - Number(a.startTime));
  for (const record of records) await stopDaemon(plan.dir, record);
  for (const ns of namespaces) if (existsSync(`/run/netns/${ns}`)) await sweepNamespace(ns);
  await deleteTopology(plan, namespaces);
  for (const ns of namespaces) removeUserOverlay(ns);
  releaseOctet(runId);
  rmSync(plan.dir, { recursive: true, force: true });
}

/**
 * Tears down every run whose owner process is gone (a crashed or killed test), and with `all`,
 * every run at all (CLI-made ones included). Returns the run ids it took down.
 */
export async function cleanupStale(options: { all?: boolean } = {}): Promise<string[]> {
  if (labUnavailableReason()) return [];
  const cleaned: string[] = [];
  for (const runId of knownRunIds()) {
    const state = readState(runId);
    // No state file: a run that died before writing it, or whose directory is already gone.
    if (options.all || !state || !ownerAlive(state)) {
      await teardown(runId);
      cleaned.push(runId);
    }
  }
  return cleaned;
}

/** Runs present on this machine, with whether their owner still lives. */
export function listRuns(): { runId: string; state: RunState | undefined; stale: boolean }[] {
  return knownRunIds().map((runId) => {
    const state = readState(runId);
    return { runId, state, stale: !state || !ownerAlive(state) };
  });
}
