/**
 * What lab.test.ts asks of a running lab, kept out of the test so that the test reads as a list
 * of claims: what a run leaves behind, SSH to a target, a remote capture over SSH, and which
 * front connections shared a back-leg connection.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { must, run, sleep } from './exec.js';
import type { Lab, LabTarget } from './lab.js';
import type { BackRequest } from './oracle.js';
import { tokenOf } from './oracle.js';
import { namespacesOf } from './plan.js';
import { remoteCaptureCommand, sshArgv } from './ssh-client.js';
import type { GroundTruth } from './workload.js';

/** Whatever of run `lab` still exists: namespaces, host link, overlays, directory, processes. */
export function leftovers(lab: Lab): string[] {
  const netns = run(['ip', 'netns', 'list']).stdout;
  const hostLink = run(['ip', 'link', 'show', 'dev', lab.plan.host.iface]).status === 0;
  return [
    ...namespacesOf(lab.plan).filter((ns) => netns.includes(ns)),
    ...(hostLink ? [lab.plan.host.iface] : []),
    ...namespacesOf(lab.plan).filter((ns) => existsSync(`/etc/netns/${ns}`)),
    ...(existsSync(lab.dir) ? [lab.dir] : []),
    ...lab.daemons().flatMap((d) => (d.running ? [`pid ${d.record.pid}`] : [])),
  ];
}

/** The lab's long-running services (captures aside) all run. */
export function servicesRunning(lab: Lab): boolean {
  return lab
    .daemons()
    .filter((d) => !d.record.name.startsWith('capture'))
    .every((d) => d.running);
}

export function ssh(target: LabTarget, command: string): { status: number | null; stdout: string } {
  return run(sshArgv(target, command), { timeoutMs: 20_000 });
}

/** Process names running in namespace `ns`. */
export function processesIn(ns: string): string[] {
  return run(['ip', 'netns', 'pids', ns])
    .stdout.split('\n')
    .filter(Boolean)
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        return '';
      }
    });
}

/** `n` requests through the load balancer with curl, path `/echo/<prefix>-<i>`. */
export function curlThrough(lab: Lab, prefix: string, n: number): void {
  const resolve = `${lab.serverName}:443:${lab.loadBalancer.frontAddress}`;
  for (let i = 0; i < n; i++) {
    const url = `https://${lab.serverName}/echo/${prefix}-${i}`;
    const curl = ['curl', '-sS', '-o', '/dev/null', '--cacert', lab.caCertPath, '--resolve', resolve, url];
    must(lab.exec(lab.client.namespace, curl));
  }
}

export interface RemoteCapture {
  readonly exitCode: number | null;
  readonly pcap: Buffer;
  /** From closing ssh's stdin to ssh's exit. */
  readonly stopMs: number;
}

/** A remote tcpdump over SSH while `during` runs; then stdin is closed, as Hammerhead will. */
export async function captureOverSsh(target: LabTarget, during: () => void): Promise<RemoteCapture> {
  const argv = sshArgv(target, remoteCaptureCommand(target.iface, 'tcp port 80'));
  const remote = spawn(argv[0] ?? 'ssh', argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let stderr = '';
  remote.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  remote.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => remote.on('close', resolve));
  for (let i = 0; i < 400 && !stderr.includes('listening on'); i++) await sleep(25);
  if (!stderr.includes('listening on')) remote.kill('SIGKILL');
  else during();
  await sleep(200);
  const closedAt = Date.now();
  remote.stdin.end();
  const timer = setTimeout(() => remote.kill('SIGKILL'), 10_000);
  const exitCode = await exited;
  clearTimeout(timer);
  return { exitCode, pcap: Buffer.concat(chunks), stopMs: Date.now() - closedAt };
}

/** For each back-leg TCP connection, the front connections whose requests it carried. */
export function frontConnectionsPerBackConnection(
  truth: GroundTruth,
  backs: Readonly<Record<string, readonly BackRequest[]>>,
): Map<string, Set<number>> {
  const connectionOf = new Map(truth.requests.map((r) => [r.token, r.connection]));
  const result = new Map<string, Set<number>>();
  for (const [target, requests] of Object.entries(backs))
    for (const request of requests) {
      const connection = connectionOf.get(tokenOf(request.path) ?? '');
      if (connection === undefined) continue;
      const key = `${target}/${request.tcpStream}`;
      result.set(key, (result.get(key) ?? new Set<number>()).add(connection));
    }
  return result;
}
