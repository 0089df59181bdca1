/**
 * Whether this machine can run the lab: Linux, root, `ip netns`, and the programs the lab starts
 * (scripts/install-deps.sh installs them). The reason is what a skipped test shows.
 */
import { existsSync } from 'node:fs';
import { commandExists, run } from './exec.js';
import { NGINX_PERL_MODULE } from './nginx.js';

const PROGRAMS = [
  'ip',
  'ethtool',
  'nginx',
  'openssl',
  'ssh',
  'ssh-keygen',
  'curl',
  'tcpdump',
  'tshark',
  'sudo',
];

let cached: { reason: string | undefined } | undefined;

function findReason(): string | undefined {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'network namespaces need root (run the tests as root, as CI does)';
  const missing = PROGRAMS.filter((program) => !commandExists(program));
  if (!existsSync('/usr/sbin/sshd')) missing.push('/usr/sbin/sshd');
  if (!existsSync(NGINX_PERL_MODULE)) missing.push(NGINX_PERL_MODULE);
  if (!commandExists('python3') && !existsSync('/usr/bin/python3')) missing.push('python3');
  if (missing.length > 0) return `missing ${missing.join(', ')} (scripts/install-deps.sh installs them)`;
  const netns = run(['ip', 'netns', 'list']);
  if (netns.status !== 0) return `\`ip netns list\` fails: ${netns.stderr.trim()}`;
  return undefined;
}

/** undefined when the lab can run here; otherwise why not. */
export function labUnavailableReason(): string | undefined {
  cached ??= { reason: findReason() };
  return cached.reason;
}
