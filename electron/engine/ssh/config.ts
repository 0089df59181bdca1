/**
 * What `ssh HOST` would use for HOST: OpenSSH's own answer (`ssh -G`, exact semantics: Match,
 * Include, CanonicalizeHostname, the system config and the built-in defaults) when the ssh client
 * is installed, else the `ssh-config` package over ~/.ssh/config and /etc/ssh/ssh_config (no
 * Include, and `Match exec` never run: a parser should not execute commands).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir, hostname as localHostname, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { SshError } from './errors.js';
import { parseJumps, type JumpSpec } from './jump-spec.js';

export type StrictHostKeyChecking = 'yes' | 'ask' | 'accept-new' | 'no';

export interface ResolvedHost {
  /** The name the user gave (an alias, a host name or an address). */
  readonly alias: string;
  readonly hostName: string;
  readonly user: string;
  readonly port: number;
  /** Expanded paths, in order; they need not exist (OpenSSH's defaults rarely all do). */
  readonly identityFiles: readonly string[];
  readonly identitiesOnly: boolean;
  /** The agent socket: IdentityAgent, else $SSH_AUTH_SOCK; null for none. */
  readonly identityAgent: string | null;
  readonly proxyJump: readonly JumpSpec[];
  readonly userKnownHostsFiles: readonly string[];
  readonly globalKnownHostsFiles: readonly string[];
  readonly strictHostKeyChecking: StrictHostKeyChecking;
  readonly hashKnownHosts: boolean;
  /** The name host keys are filed under instead of the host name. */
  readonly hostKeyAlias: string | null;
  readonly connectTimeoutSeconds: number | null;
  readonly resolvedBy: 'ssh -G' | 'ssh-config';
}

export interface HostQuery {
  readonly host: string;
  readonly user?: string | undefined;
  readonly port?: number | undefined;
  /** A ProxyJump value that overrides the config's (`-J`). */
  readonly proxyJump?: string | undefined;
  /** `-F FILE` instead of ~/.ssh/config (and then, as for OpenSSH, no system config). */
  readonly configFile?: string | undefined;
}

export interface ResolveOptions {
  /** The ssh client to ask; null forces the `ssh-config` fallback. Default 'ssh'. */
  readonly ssh?: string | null;
}

type Settings = ReadonlyMap<string, readonly string[]>;

/** Host names and users become arguments of `ssh -G` and of known_hosts lookups: no options, no spaces. */
export function checkHostArgument(what: string, value: string): void {
  if (value === '' || value.startsWith('-') || /[\s\0]/.test(value))
    throw new SshError(
      'config',
      `invalid ${what} ${JSON.stringify(value)}: no spaces, and not starting with "-"`,
    );
}

export async function resolveHost(query: HostQuery, options: ResolveOptions = {}): Promise<ResolvedHost> {
  checkHostArgument('host', query.host);
  if (query.user !== undefined) checkHostArgument('user', query.user);
  const ssh = options.ssh === undefined ? 'ssh' : options.ssh;
  if (ssh !== null) {
    const settings = await askOpenSsh(ssh, query);
    if (settings) return fromSettings(query, settings, 'ssh -G');
  }
  return fromSettings(query, fromConfigFiles(query), 'ssh-config');
}

function openSshArgs(query: HostQuery): string[] {
  return [
    ...(query.configFile ? ['-F', query.configFile] : []),
    ...(query.port !== undefined ? ['-p', String(query.port)] : []),
    ...(query.user !== undefined ? ['-l', query.user] : []),
    ...(query.proxyJump ? ['-J', query.proxyJump] : []),
    '-G',
    '--',
    query.host,
  ];
}

/** `ssh -G` output as settings; undefined when there is no ssh client (ENOENT). */
function askOpenSsh(ssh: string, query: HostQuery): Promise<Settings | undefined> {
  return new Promise((resolve, reject) => {
    execFile(ssh, openSshArgs(query), { timeout: 5000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return resolve(undefined);
      if (error) {
        const why = stderr.split('\n').filter((l) => l && !l.startsWith('Pseudo-terminal'))[0];
        return reject(new SshError('config', `ssh -G ${query.host} failed: ${why ?? error.message}`));
      }
      const settings = new Map<string, string[]>();
      for (const line of stdout.split('\n')) {
        const space = line.indexOf(' ');
        if (space <= 0) continue;
        const key = line.slice(0, space).toLowerCase();
        settings.set(key, [...(settings.get(key) ?? []), line.slice(space + 1)]);
      }
      resolve(settings);
    });
  });
}

/** The `ssh-config` package's answer: the user's file first, then the system's (first value wins). */
function fromConfigFiles(query: HostQuery): Settings {
  const files = query.configFile
    ? [query.configFile]
    : [join(homedir(), '.ssh', 'config'), '/etc/ssh/ssh_config'];
  const settings = new Map<string, string[]>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const computed = SSHConfig.parse(text).compute(query.host, { ignoreCase: true, matchExec: false });
    for (const [key, value] of Object.entries(computed)) {
      const values = Array.isArray(value) ? value : [value];
      if (key === 'identityfile') settings.set(key, [...(settings.get(key) ?? []), ...values]);
      else if (!settings.has(key))
        settings.set(key, key.endsWith('knownhostsfile') ? values : [values.join(' ')]);
    }
  }
  if (query.port !== undefined) settings.set('port', [String(query.port)]);
  if (query.user !== undefined) settings.set('user', [query.user]);
  if (query.proxyJump) settings.set('proxyjump', [query.proxyJump]);
  return settings;
}

const DEFAULT_IDENTITIES = ['~/.ssh/id_rsa', '~/.ssh/id_ecdsa', '~/.ssh/id_ed25519'];

function fromSettings(query: HostQuery, settings: Settings, by: ResolvedHost['resolvedBy']): ResolvedHost {
  const first = (key: string) => settings.get(key)?.[0];
  const list = (key: string) => (settings.get(key) ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean);
  const hostName = (first('hostname') ?? query.host).replace(/%h/g, query.host);
  const user = first('user') ?? userInfo().username;
  const port = Number(first('port') ?? 22);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new SshError('config', `invalid port ${first('port')} for ${query.host}`);
  const tokens = { hostName, user, port, alias: query.host };
  const expand = (path: string) => expandPath(path, tokens);
  const identities = settings.get('identityfile') ?? DEFAULT_IDENTITIES;
  const agent = first('identityagent');
  const timeout = Number(first('connecttimeout'));
  const knownHosts = list('userknownhostsfile');
  const global = list('globalknownhostsfile');
  return {
    alias: query.host,
    hostName,
    user,
    port,
    identityFiles: identities.map(expand),
    identitiesOnly: /^(yes|true)$/i.test(first('identitiesonly') ?? ''),
    identityAgent: agentSocket(agent, expand),
    proxyJump: parseJumps(first('proxyjump') ?? ''),
    userKnownHostsFiles: (knownHosts.length > 0
      ? knownHosts
      : ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']
    ).map(expand),
    globalKnownHostsFiles:
      global.length > 0 ? global : ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    strictHostKeyChecking: strictness(first('stricthostkeychecking')),
    hashKnownHosts: /^(yes|true)$/i.test(first('hashknownhosts') ?? ''),
    hostKeyAlias: first('hostkeyalias') ?? null,
    connectTimeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : null,
    resolvedBy: by,
  };
}

function agentSocket(value: string | undefined, expand: (path: string) => string): string | null {
  if (value === undefined || value === 'SSH_AUTH_SOCK') return process.env.SSH_AUTH_SOCK || null;
  if (value === 'none') return null;
  if (value.startsWith('$')) return process.env[value.slice(1)] || null;
  return expand(value);
}

function strictness(value: string | undefined): StrictHostKeyChecking {
  switch ((value ?? 'ask').toLowerCase()) {
    case 'yes':
    case 'true':
      return 'yes';
    case 'accept-new':
      return 'accept-new';
    case 'no':
    case 'off':
    case 'false':
      return 'no';
    default:
      return 'ask';
  }
}

/** `~` and the ssh_config(5) TOKENS that make sense for files: %d %u %l %h %r %p %n %%. */
export function expandPath(
  path: string,
  tokens: { hostName: string; user: string; port: number; alias: string },
): string {
  const home = homedir();
  const withHome = path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
  const values: Record<string, string> = {
    d: home,
    u: userInfo().username,
    l: localHostname(),
    h: tokens.hostName,
    r: tokens.user,
    p: String(tokens.port),
    n: tokens.alias,
    '%': '%',
  };
  return withHome.replace(/%(.)/g, (whole, token: string) => values[token] ?? whole);
}
