/**
 * Reaching a target as a user reaches an EC2 instance: OpenSSH's client from the test's own
 * namespace over the host link, key-only, host key pinned. The remote capture command is the one
 * DESIGN.md prescribes: tcpdump does not notice a closed channel until its next failed write, so
 * the command stops it itself when stdin closes.
 */
import type { LabTarget } from './lab.js';

export function sshArgv(target: LabTarget, remoteCommand: string): string[] {
  const { ssh } = target;
  // prettier-ignore
  return [
    'ssh',
    '-F', '/dev/null',
    '-i', ssh.privateKeyPath,
    '-p', String(ssh.port),
    '-o', 'BatchMode=yes',
    '-o', 'IdentitiesOnly=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${ssh.knownHostsPath}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'ConnectTimeout=5',
    `${ssh.user}@${ssh.host}`,
    remoteCommand,
  ];
}

/**
 * `sudo -n tcpdump … -w -` that ends when the SSH channel's stdin closes. `--immediate-mode`:
 * without it the kernel hands packets over in blocks (up to 1 s late), and a tcpdump stopped
 * by a signal drops the block in flight ("26 packets received by filter", "0 packets captured").
 * `-U` alone only flushes what tcpdump already has.
 */
export function remoteCaptureCommand(iface: string, filter: string): string {
  const tcpdump = `sudo -n tcpdump -i ${iface} -n -s 0 -U --immediate-mode -w - ${filter}`;
  return `${tcpdump} & pid=$!; cat >/dev/null; kill $pid 2>/dev/null; wait $pid`;
}
