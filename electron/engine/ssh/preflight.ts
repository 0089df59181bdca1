/**
 * Before capturing, what the target has and allows, each failure with the command that fixes it:
 * tcpdump present (else how to install it on that distribution), the privilege works unattended
 * (`sudo -n` / `doas -n` running tcpdump itself, since a least-privilege sudoers rule allows only
 * that), the interface exists. Also `$SSH_CONNECTION`, for excluding the session's own packets.
 */
import type { Client } from 'ssh2';
import { SshError } from './errors.js';
import { shellCommand, shellQuote } from './quote.js';
import { privilegePrefix, type Privilege } from './remote-command.js';
import { runRemote } from './remote-exec.js';

export interface RemoteInterface {
  readonly name: string;
  readonly description: string;
}

export interface RemoteFacts {
  readonly sshConnection: string;
  readonly os: {
    readonly id: string;
    readonly versionId: string;
    readonly name: string;
    readonly kernel: string;
  };
  /** Absolute path, or null when tcpdump is not installed. */
  readonly tcpdump: string | null;
  readonly interfaces: readonly RemoteInterface[];
  readonly has: { readonly sudo: boolean; readonly doas: boolean };
}

const FACTS_SCRIPT = [
  `printf 'conn=%s\\n' "$SSH_CONNECTION"`,
  `(. /etc/os-release 2>/dev/null; printf 'os=%s\\nversion=%s\\nname=%s\\n' "$ID" "$VERSION_ID" "$PRETTY_NAME")`,
  `printf 'kernel=%s\\n' "$(uname -s)"`,
  'tp=$(command -v tcpdump 2>/dev/null)',
  'for p in /usr/sbin/tcpdump /sbin/tcpdump /usr/bin/tcpdump /usr/local/sbin/tcpdump /usr/local/bin/tcpdump; do',
  '  if [ -z "$tp" ] && [ -x "$p" ]; then tp=$p; fi',
  'done',
  `printf 'tcpdump=%s\\n' "$tp"`,
  `if [ -n "$tp" ]; then "$tp" -D 2>/dev/null | sed 's/^/if=/'; fi`,
  `for i in /sys/class/net/*; do if [ -e "$i" ]; then printf 'sys=%s\\n' "\${i##*/}"; fi; done`,
  'command -v sudo >/dev/null 2>&1 && echo has=sudo',
  'command -v doas >/dev/null 2>&1 && echo has=doas',
  'exit 0',
].join('\n');

export function parseFacts(stdout: string): RemoteFacts {
  const values = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), [...(values.get(line.slice(0, eq)) ?? []), line.slice(eq + 1)]);
  }
  const one = (key: string) => values.get(key)?.[0] ?? '';
  const listed = (values.get('if') ?? []).flatMap((line) => {
    const match = /^\d+\.(\S+)(?:\s+\((.*?)\))?/.exec(line);
    return match?.[1] ? [{ name: match[1], description: match[2] ?? '' }] : [];
  });
  const names = new Set(listed.map((i) => i.name));
  const fromSys = (values.get('sys') ?? [])
    .filter((n) => !names.has(n))
    .map((name) => ({ name, description: '' }));
  return {
    sshConnection: one('conn'),
    os: { id: one('os'), versionId: one('version'), name: one('name'), kernel: one('kernel') },
    tcpdump: one('tcpdump') || null,
    interfaces: [...listed, ...fromSys],
    has: {
      sudo: (values.get('has') ?? []).includes('sudo'),
      doas: (values.get('has') ?? []).includes('doas'),
    },
  };
}

export async function gatherFacts(client: Client): Promise<RemoteFacts> {
  const result = await runRemote(client, `exec sh -c ${shellQuote(FACTS_SCRIPT)}`);
  if (result.code !== 0)
    throw new SshError(
      'preflight',
      `the preflight script failed on the host: ${result.stderr.trim() || `exit ${result.code}`}`,
    );
  return parseFacts(result.stdout);
}

/** The package manager command that installs tcpdump on that host. */
export function installHint(os: RemoteFacts['os']): string {
  const id = os.id.toLowerCase();
  if (id === 'amzn')
    return os.versionId === '2' ? 'sudo yum install -y tcpdump' : 'sudo dnf install -y tcpdump';
  if (['debian', 'ubuntu', 'raspbian', 'linuxmint', 'pop'].includes(id))
    return 'sudo apt-get install -y tcpdump';
  if (['rhel', 'centos', 'fedora', 'rocky', 'almalinux', 'ol'].includes(id))
    return 'sudo dnf install -y tcpdump';
  if (id === 'alpine') return 'sudo apk add tcpdump';
  if (id.startsWith('opensuse') || id === 'sles') return 'sudo zypper install -y tcpdump';
  if (id === 'arch') return 'sudo pacman -S tcpdump';
  return "install the tcpdump package with the host's package manager";
}

export function requireTcpdump(facts: RemoteFacts, host: string): string {
  if (facts.tcpdump) return facts.tcpdump;
  const system = facts.os.name || facts.os.kernel || 'the host';
  throw new SshError(
    'preflight',
    `tcpdump is not installed on ${host} (${system}): install it there with \`${installHint(facts.os)}\`, then try again`,
  );
}

export function requireInterface(facts: RemoteFacts, iface: string, host: string): void {
  if (iface === 'any' && facts.os.kernel === 'Linux') return;
  if (facts.interfaces.some((i) => i.name === iface)) return;
  const names = facts.interfaces.map((i) => i.name).join(', ') || 'none found';
  throw new SshError(
    'preflight',
    `there is no interface ${JSON.stringify(iface)} on ${host}; it has: ${names}`,
  );
}

/** Runs `sudo -n tcpdump --version` (or doas): exactly the permission the capture needs. */
export async function requirePrivilege(
  client: Client,
  facts: RemoteFacts,
  privilege: Privilege,
  where: { host: string; user: string },
): Promise<void> {
  if (privilege === 'none' || !facts.tcpdump) return;
  if (!facts.has[privilege])
    throw new SshError(
      'preflight',
      `${privilege} is not installed on ${where.host}: choose another privilege, or install ${privilege} there`,
    );
  const check = await runRemote(
    client,
    shellCommand([...privilegePrefix(privilege), facts.tcpdump, '--version']),
  );
  if (check.code === 0) return;
  const said = check.stderr.trim().split('\n')[0] ?? '';
  throw new SshError('preflight', privilegeFix(privilege, facts.tcpdump, where, said));
}

function privilegeFix(
  privilege: 'sudo' | 'doas',
  tcpdump: string,
  where: { host: string; user: string },
  said: string,
) {
  const rule =
    privilege === 'sudo'
      ? `run \`sudo visudo -f /etc/sudoers.d/hammerhead\` there and add \`${where.user} ALL=(root) NOPASSWD: ${tcpdump}\``
      : `add \`permit nopass ${where.user} as root cmd ${tcpdump}\` to /etc/doas.conf there`;
  return (
    `\`${privilege} -n ${tcpdump}\` is refused on ${where.host} for ${where.user}` +
    `${said ? ` (${privilege} said: "${said}")` : ''}, so tcpdump cannot start without a password. ` +
    `To allow it: ${rule}. Or choose privilege "none" if ${where.user} may capture without it.`
  );
}
