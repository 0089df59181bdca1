/**
 * The lab, extended for the SSH capture tests (new files only; the lab itself is unchanged): two
 * more OpenSSH servers in the load balancer's namespace, on its VPC address, as a bastion would be.
 *
 * - `bastion` (port 22): key, password and keyboard-interactive logins (PAM, through a minimal
 *   pam.d/sshd of its own), TCP forwarding for ProxyJump, and no sudo rights: `sudo -n` fails.
 * - `bare` (port 2222): key only, and no tcpdump: it runs in a mount namespace where tcpdump is
 *   covered by an empty, non-executable file.
 *
 * Both are lab daemons (`startDaemon`), so `lab.down()` and `cleanupStale()` stop them; their user
 * database and PAM stack are the namespace's /etc/netns overlay, which `down` removes.
 */
import { chownSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, isRunning, logTail } from '../lab/daemons.js';
import { must, waitFor } from '../lab/exec.js';
import type { Lab } from '../lab/lab.js';

export const BASTION_USER = 'ec2-user';
export const BASTION_PASSWORD = 'lab-password-7';
export const BARE_PORT = 2222;

export interface Bastion {
  readonly address: string;
  readonly port: 22;
  readonly barePort: typeof BARE_PORT;
  /** Lines for known_hosts: the bastion's key on port 22 and on the bare port. */
  readonly knownHostsLines: readonly string[];
  readonly hostKeyFingerprint: string;
}

const PAM_SSHD = [
  'auth required pam_unix.so nodelay',
  'account required pam_unix.so',
  'session required pam_permit.so',
  'password required pam_deny.so',
].join('\n');

function freeId(): number {
  const used = new Set(
    ['/etc/passwd', '/etc/group'].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => Number(line.split(':')[2])),
    ),
  );
  for (let id = 62000; id < 63000; id++) if (!used.has(id)) return id;
  throw new Error('no free uid between 62000 and 63000');
}

function writeOverlay(ns: string, id: number, home: string): void {
  const dir = join('/etc/netns', ns);
  mkdirSync(dir, { recursive: true });
  const hash = must(['openssl', 'passwd', '-6', BASTION_PASSWORD]).trim();
  const add = (name: string, line: string, mode: number) =>
    writeFileSync(join(dir, name), `${readFileSync(`/etc/${name}`, 'utf8').trimEnd()}\n${line}\n`, { mode });
  add('passwd', `${BASTION_USER}:x:${id}:${id}:Hammerhead bastion:${home}:/bin/sh`, 0o644);
  add('group', `${BASTION_USER}:x:${id}:`, 0o644);
  add('shadow', `${BASTION_USER}:${hash}:19000:0:99999:7:::`, 0o640);
  cpSync('/etc/pam.d', join(dir, 'pam.d'), { recursive: true });
  writeFileSync(join(dir, 'pam.d', 'sshd'), `${PAM_SSHD}\n`);
}

function sshdConfig(lab: Lab, dir: string, port: number, extra: readonly string[]): string {
  const file = join(dir, `sshd_config_${port}`);
  const lines = [
    `ListenAddress ${lab.loadBalancer.vpcAddress}:${port}`,
    `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(dir, `sshd_${port}.pid`)}`,
    `AuthorizedKeysFile ${join(lab.dir, 'ssh', 'authorized_keys')}`,
    `AllowUsers ${BASTION_USER}`,
    'PermitRootLogin no',
    'X11Forwarding no',
    'PrintMotd no',
    'LoginGraceTime 30',
    'LogLevel VERBOSE',
    ...extra,
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  must(['/usr/sbin/sshd', '-t', '-f', file]);
  return file;
}

function listening(pid: number, port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  try {
    return readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
      .split('\n')
      .some((line) => line.split(/\s+/)[2]?.endsWith(hex) && line.split(/\s+/)[4] === '0A');
  } catch {
    return false;
  }
}

async function startSshd(lab: Lab, name: string, port: number, argv: string[]): Promise<void> {
  const record = await startDaemon(lab.dir, { name, namespace: lab.loadBalancer.namespace, argv });
  await waitFor(`${name} to listen on ${port}`, 15_000, () => {
    if (!isRunning(record)) throw new Error(`${name} is not running:\n${logTail(record)}`);
    return listening(record.pid, port) ? true : undefined;
  });
}

const TCPDUMP_PATHS = ['/usr/bin/tcpdump', '/usr/sbin/tcpdump', '/sbin/tcpdump'];

export async function startBastion(lab: Lab): Promise<Bastion> {
  const dir = join(lab.dir, 'bastion');
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o755 });
  const key = join(dir, 'ssh_host_ed25519_key');
  if (!existsSync(key)) must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'bastion', '-f', key]);
  const id = freeId();
  chownSync(home, id, id);
  writeOverlay(lab.loadBalancer.namespace, id, home);
  const full = sshdConfig(lab, dir, 22, [
    'UsePAM yes',
    'PubkeyAuthentication yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'AllowTcpForwarding yes',
  ]);
  await startSshd(lab, 'sshd-bastion', 22, ['/usr/sbin/sshd', '-D', '-e', '-f', full]);
  const bare = sshdConfig(lab, dir, BARE_PORT, [
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
  ]);
  const empty = join(dir, 'not-tcpdump');
  writeFileSync(empty, '', { mode: 0o644 });
  const hide = TCPDUMP_PATHS.filter((path) => existsSync(path))
    .map((path) => `mount --bind ${empty} ${path}`)
    .join(' && ');
  await startSshd(lab, 'sshd-bare', BARE_PORT, [
    'unshare',
    '--mount',
    '--propagation',
    'private',
    'sh',
    '-c',
    `${hide} && exec /usr/sbin/sshd -D -e -f ${bare}`,
  ]);
  const publicKey = readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const fingerprint = must(['ssh-keygen', '-l', '-E', 'sha256', '-f', `${key}.pub`]).split(' ')[1] ?? '';
  const address = lab.loadBalancer.vpcAddress;
  return {
    address,
    port: 22,
    barePort: BARE_PORT,
    knownHostsLines: [`${address} ${publicKey}`, `[${address}]:${BARE_PORT} ${publicKey}`],
    hostKeyFingerprint: fingerprint,
  };
}

/** ssh_config entries for the bastion (`bastion`) and the tcpdump-less server (`bare`). */
export function bastionHosts(lab: Lab, bastion: Bastion): string {
  const key = lab.targets[0]?.ssh.privateKeyPath ?? '';
  return (
    `Host bastion\n  HostName ${bastion.address}\n  User ${BASTION_USER}\n  IdentityFile ${key}\n` +
    `Host bare\n  HostName ${bastion.address}\n  Port ${bastion.barePort}\n  User ${BASTION_USER}\n  IdentityFile ${key}\n`
  );
}
