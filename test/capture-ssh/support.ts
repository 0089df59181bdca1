/**
 * What the SSH capture tests share: a lab (real sshd and tcpdump in namespaces), an OpenSSH config
 * naming its targets, HTTP traffic to a target, and the engine driven through the contract exactly
 * as the dialog drives it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LaneId, LaneInfo } from '../../shared/contract/index.js';
import type { SshAuth, SshOutcome, SshTarget } from '../../shared/contract/ssh-channels.js';
import { Engine } from '../../electron/engine/engine.js';
import { must, run, sleep } from '../lab/exec.js';
import type { Lab, LabTarget } from '../lab/lab.js';
import { processesIn } from '../lab/lab-helpers.js';

export { labUnavailableReason } from '../lab/lab.js';

export interface SshFixture {
  readonly dir: string;
  /** `ssh -F` file: Host t1 / t2 for the targets, key, known_hosts (a private copy), no agent. */
  readonly configFile: string;
  readonly knownHostsFile: string;
}

export interface FixtureOptions {
  /** ssh_config text put before the targets' entries (more hosts, or overrides). */
  readonly extra?: string;
  /** Lines known_hosts starts with; default: the lab's (both targets). */
  readonly knownHosts?: readonly string[];
  readonly hashKnownHosts?: boolean;
}

export function sshFixture(lab: Lab, options: FixtureOptions = {}): SshFixture {
  const dir = mkdtempSync(join(tmpdir(), 'hh-ssh-'));
  const knownHostsFile = join(dir, 'known_hosts');
  const lines = options.knownHosts ?? lab.targets.map((t) => t.ssh.knownHostsLine);
  writeFileSync(knownHostsFile, lines.map((line) => `${line}\n`).join(''));
  const configFile = join(dir, 'ssh_config');
  const hosts = lab.targets.map(
    (target, index) =>
      `Host t${index + 1}\n  HostName ${target.address}\n  User ${target.ssh.user}\n  IdentityFile ${target.ssh.privateKeyPath}\n`,
  );
  const defaults = [
    'Host *',
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${knownHostsFile}`,
    '  GlobalKnownHostsFile /dev/null',
    `  HashKnownHosts ${options.hashKnownHosts ? 'yes' : 'no'}`,
    '  ConnectTimeout 5',
  ];
  writeFileSync(configFile, `${options.extra ?? ''}${hosts.join('')}${defaults.join('\n')}\n`);
  return { dir, configFile, knownHostsFile };
}

export function target(lab: Lab, index: 0 | 1): LabTarget {
  const found = lab.targets[index];
  if (!found) throw new Error(`the lab has no target ${index + 1}`);
  return found;
}

/** `n` HTTP requests to a target, from the load balancer's namespace (as the ALB sends them). */
export function httpTo(lab: Lab, to: LabTarget, path: string, n = 1): void {
  for (let i = 0; i < n; i++) {
    const url = `http://${to.address}/echo/${path}-${i}`;
    must(lab.exec(lab.loadBalancer.namespace, ['curl', '-sS', '-o', '/dev/null', '--max-time', '5', url]));
  }
}

/** Connects through the contract, answering an unknown host key with `trust` when it asks. */
export async function connect(
  engine: Engine,
  targetSpec: SshTarget,
  auth: SshAuth = { method: 'auto' },
): Promise<Extract<SshOutcome, { status: 'connected' }>> {
  const outcome = await engine.handle('ssh.connect', { target: targetSpec, auth });
  if (outcome.status !== 'connected') throw new Error(`expected connected, got ${JSON.stringify(outcome)}`);
  return outcome;
}

export async function waitForLane(
  engine: Engine,
  lane: LaneId,
  done: (info: LaneInfo) => boolean,
  timeoutMs = 10_000,
): Promise<LaneInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = (await engine.handle('lanes.list', {})).lanes.find((l) => l.lane === lane);
    if (info && done(info)) return info;
    if (Date.now() > deadline) throw new Error(`lane ${lane} never got there: ${JSON.stringify(info)}`);
    await sleep(50);
  }
}

/** Names of the processes running in a target's namespace (its sshd sessions, tcpdumps…). */
export function remoteProcesses(ns: string): string[] {
  return processesIn(ns).filter(Boolean);
}

/** tshark's view of a saved lane: one "src sport dst dport" line per TCP frame. */
export function tcpTuples(file: string): string[] {
  const result = run([
    'tshark',
    '-n',
    '-r',
    file,
    '-Y',
    'tcp',
    '-T',
    'fields',
    '-e',
    'ip.src',
    '-e',
    'tcp.srcport',
    '-e',
    'ip.dst',
    '-e',
    'tcp.dstport',
  ]);
  expect(result.status).toBe(0);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t').join(' '));
}

export function newEngine(): Engine {
  return new Engine();
}

/** Saves lanes as one pcapng in the fixture's directory (for tshark). */
export async function saveLanes(
  engine: Engine,
  fx: SshFixture,
  lanes: LaneId[],
  name: string,
): Promise<string> {
  const file = join(fx.dir, `${name}.pcapng`);
  await engine.handle('file.save', { path: file, lanes });
  return file;
}

/** Appends public keys to the lab's authorized_keys (every lab sshd reads that one file). */
export function authorize(lab: Lab, publicKeyFile: string): void {
  const keys = join(lab.dir, 'ssh', 'authorized_keys');
  writeFileSync(keys, readFileSync(publicKeyFile, 'utf8'), { flag: 'a' });
}

/** A new key pair in `dir` (ssh-keygen's own formats: OpenSSH, PEM, PKCS8). */
export function newKey(
  dir: string,
  name: string,
  type: string,
  format: 'RFC4716' | 'PEM' | 'PKCS8' | null,
  passphrase: string,
): string {
  const path = join(dir, name);
  must([
    'ssh-keygen',
    '-q',
    '-t',
    type,
    '-N',
    passphrase,
    '-C',
    name,
    ...(format ? ['-m', format] : []),
    '-f',
    path,
  ]);
  return path;
}

/** SIGKILL to every sshd in the namespace: the listening daemon and the session processes. */
export function killSshd(ns: string): number {
  const pids = run(['ip', 'netns', 'pids', ns])
    .stdout.split('\n')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sshd';
      } catch {
        return false;
      }
    });
  for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
  return pids.length;
}
