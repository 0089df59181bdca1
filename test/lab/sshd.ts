/**
 * An OpenSSH server per target, reachable as an EC2 instance is: key-only login as `ec2-user`,
 * who may run tcpdump (and nothing else) through `sudo -n`.
 *
 * The user exists only inside the target's namespace: `ip netns exec` bind-mounts every file of
 * /etc/netns/<ns>/ over its twin in /etc, so the lab gives each target namespace its own passwd,
 * shadow, group and sudoers, and the machine's user database is never touched. The shadow entry
 * is `*` (no password), not `!`: with `UsePAM no`, sshd refuses a locked (`!`) account even for
 * key logins.
 */
import {
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { DaemonRecord } from './daemons.js';
import { startDaemon } from './daemons.js';
import { must, run } from './exec.js';
import type { LabPlan, TargetPlan } from './plan.js';
import { SSH_PORT, SSH_USER } from './plan.js';

export interface SshIdentity {
  /** OpenSSH private key (ed25519, no passphrase) that logs in as SSH_USER on every target. */
  readonly privateKeyPath: string;
  readonly publicKey: string;
  /** known_hosts with one line per target (`10.213.K.11 ssh-ed25519 AAAA…`). */
  readonly knownHostsPath: string;
}

export interface TargetHostKey {
  /** `ssh-ed25519 AAAA…` */
  readonly publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  readonly knownHostsLine: string;
}

const hostKeyPath = (target: TargetPlan) => join(target.dir, 'ssh', 'ssh_host_ed25519_key');
const etcOverlay = (ns: string) => join('/etc/netns', ns);

function ensureKey(path: string, comment: string): void {
  if (!existsSync(path)) must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

export function hostKeyOf(target: TargetPlan): TargetHostKey {
  const publicKey = readFileSync(`${hostKeyPath(target)}.pub`, 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  const fingerprint = must(['ssh-keygen', '-l', '-E', 'sha256', '-f', `${hostKeyPath(target)}.pub`]).split(
    ' ',
  )[1];
  const host = SSH_PORT === 22 ? target.address : `[${target.address}]:${SSH_PORT}`;
  return { publicKey, fingerprint: fingerprint ?? '', knownHostsLine: `${host} ${publicKey}` };
}

export function ensureSshIdentity(plan: LabPlan): SshIdentity {
  const dir = join(plan.dir, 'ssh');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const privateKeyPath = join(dir, 'id_ed25519');
  ensureKey(privateKeyPath, `hammerhead-lab-${plan.runId}`);
  const publicKey = readFileSync(`${privateKeyPath}.pub`, 'utf8').trim();
  writeFileSync(join(dir, 'authorized_keys'), `${publicKey}\n`, { mode: 0o644 });
  for (const target of plan.targets) {
    mkdirSync(join(target.dir, 'ssh'), { recursive: true, mode: 0o755 });
    ensureKey(hostKeyPath(target), `${target.name}-${plan.runId}`);
  }
  const knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(knownHostsPath, plan.targets.map((t) => hostKeyOf(t).knownHostsLine + '\n').join(''));
  return { privateKeyPath, publicKey, knownHostsPath };
}

/** A uid/gid free in the machine's own passwd and group, so the home directory has no other owner. */
function freeId(): number {
  const used = new Set(
    ['/etc/passwd', '/etc/group'].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => Number(line.split(':')[2])),
    ),
  );
  for (let id = 61000; id < 62000; id++) if (!used.has(id)) return id;
  throw new Error('lab: no free uid between 61000 and 62000');
}

function tcpdumpPaths(): string[] {
  const found = run(['sh', '-c', 'command -v tcpdump']).stdout.trim();
  return [...new Set([found, '/usr/bin/tcpdump', '/usr/sbin/tcpdump'].filter((p) => p && existsSync(p)))];
}

/** /etc/netns/<ns>/{passwd,shadow,group,sudoers}: the machine's files plus the lab user. */
function writeUserOverlay(target: TargetPlan, id: number, home: string): void {
  const dir = etcOverlay(target.namespace);
  mkdirSync(dir, { recursive: true });
  const append = (name: string, line: string, mode: number) => {
    copyFileSync(`/etc/${name}`, join(dir, name));
    writeFileSync(join(dir, name), `${readFileSync(join(dir, name), 'utf8').trimEnd()}\n${line}\n`, { mode });
  };
  append('passwd', `${SSH_USER}:x:${id}:${id}:Hammerhead lab:${home}:/bin/sh`, 0o644);
  append('group', `${SSH_USER}:x:${id}:`, 0o644);
  append('shadow', `${SSH_USER}:*:19000:0:99999:7:::`, 0o640);
  const sudoers = [
    'Defaults env_reset',
    'Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
    'root ALL=(ALL:ALL) ALL',
    `${SSH_USER} ALL=(root) NOPASSWD: ${tcpdumpPaths().join(', ')}`,
  ];
  writeFileSync(join(dir, 'sudoers'), sudoers.join('\n') + '\n', { mode: 0o440 });
}

export function removeUserOverlay(namespace: string): void {
  rmSync(etcOverlay(namespace), { recursive: true, force: true });
  try {
    rmdirSync('/etc/netns'); // only when empty: it may hold other tools' overlays
  } catch {
    // Not empty, or not there.
  }
}

function writeSshdConfig(plan: LabPlan, target: TargetPlan): string {
  const config = join(target.dir, 'ssh', 'sshd_config');
  const lines = [
    `ListenAddress ${target.address}:${SSH_PORT}`,
    `HostKey ${hostKeyPath(target)}`,
    `PidFile ${join(target.dir, 'ssh', 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(plan.dir, 'ssh', 'authorized_keys')}`,
    `AllowUsers ${SSH_USER}`,
    'UsePAM no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    'StrictModes yes',
    'X11Forwarding no',
    'PrintMotd no',
    'PrintLastLog no',
    'LoginGraceTime 20',
    'LogLevel VERBOSE',
  ];
  writeFileSync(config, lines.join('\n') + '\n');
  return config;
}

export function startSshd(plan: LabPlan, target: TargetPlan): Promise<DaemonRecord> {
  // sshd's privilege-separation directory; /run is shared with the namespaces.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const home = join(target.dir, 'home');
  const id = freeId();
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chownSync(home, id, id);
  writeUserOverlay(target, id, home);
  const config = writeSshdConfig(plan, target);
  must(['/usr/sbin/sshd', '-t', '-f', config]);
  return startDaemon(plan.dir, {
    name: `sshd-${target.name}`,
    namespace: target.namespace,
    // sshd re-executes itself, so it wants an absolute path; -D stays in the foreground (our PID).
    argv: ['/usr/sbin/sshd', '-D', '-e', '-f', config],
  });
}
