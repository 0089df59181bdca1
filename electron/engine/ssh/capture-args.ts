/**
 * `hammerhead capture --ssh …` arguments, parsed strictly: every value checked here, so that the
 * capture itself only meets well-formed requests.
 */
import type { Privilege } from './remote-command.js';
import { parseDestination, type JumpSpec } from './jump-spec.js';

export interface SshCaptureArgs {
  readonly destination: JumpSpec;
  readonly proxyJump?: string;
  readonly identity?: string;
  readonly privilege: Privilege;
  /** null: tcpdump's default, the first interface the host lists. */
  readonly interface: string | null;
  readonly filter: string;
  readonly count?: number;
  readonly durationSeconds?: number;
  readonly write?: string;
  readonly knownHosts?: string;
  readonly acceptNewHostKey: boolean;
  readonly configFile?: string;
  readonly command?: string;
}

export const DEFAULT_FILTER = 'tcp port 80';

export const SSH_CAPTURE_USAGE = `  capture --ssh [USER@]HOST[:PORT] [options]
                   capture on a remote host over SSH (its tcpdump, streamed home), one line per frame
    -J JUMP        ProxyJump: [user@]host[:port][,…]
    --identity F   private key file (else the ssh-agent and ~/.ssh/config's IdentityFile)
    --sudo|--doas  run tcpdump through \`sudo -n\` / \`doas -n\`
    -i IFACE       remote interface (default: the first one tcpdump lists)
    -f FILTER      capture filter (default "${DEFAULT_FILTER}"; "" for everything);
                   the SSH session's own packets are always left out
    -c COUNT       stop after COUNT packets
    -a duration:S  stop after S seconds
    -w FILE        also write the frames to FILE (pcapng)
    -F CONFIG      OpenSSH config file instead of ~/.ssh/config
    --known-hosts FILE      verify (and remember) host keys with FILE
    --accept-new-host-key   trust and remember a host seen for the first time
    --command CMD  advanced: a remote command writing pcap to stdout, instead of tcpdump
`;

const VALUE_FLAGS = new Set([
  '--ssh',
  '-J',
  '--identity',
  '-i',
  '-f',
  '-c',
  '-a',
  '-w',
  '-F',
  '--known-hosts',
  '--command',
]);

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${flag} wants a positive whole number, not ${JSON.stringify(text)}`);
  return value;
}

/** Throws with a usage message for the first problem. */
export function parseSshCaptureArgs(argv: readonly string[]): SshCaptureArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (VALUE_FLAGS.has(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (values.has(arg)) throw new Error(`${arg} given twice`);
      values.set(arg, value);
    } else if (['--sudo', '--doas', '--accept-new-host-key'].includes(arg)) flags.add(arg);
    else throw new Error(`unknown argument ${JSON.stringify(arg)}`);
  }
  const ssh = values.get('--ssh');
  if (!ssh) throw new Error('--ssh [USER@]HOST[:PORT] is required');
  if (flags.has('--sudo') && flags.has('--doas')) throw new Error('choose --sudo or --doas, not both');
  const duration = values.get('-a');
  const seconds = duration === undefined ? undefined : /^duration:(\d+)$/.exec(duration)?.[1];
  if (duration !== undefined && seconds === undefined)
    throw new Error(`-a wants duration:SECONDS, not ${JSON.stringify(duration)}`);
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  const count = values.get('-c');
  return {
    destination: parseDestination(ssh),
    privilege: flags.has('--sudo') ? 'sudo' : flags.has('--doas') ? 'doas' : 'none',
    interface: values.get('-i') ?? null,
    filter: values.get('-f') ?? DEFAULT_FILTER,
    acceptNewHostKey: flags.has('--accept-new-host-key'),
    ...optional('proxyJump', values.get('-J')),
    ...optional('identity', values.get('--identity')),
    ...optional('count', count === undefined ? undefined : positiveInteger('-c', count)),
    ...optional('durationSeconds', seconds === undefined ? undefined : positiveInteger('-a', seconds)),
    ...optional('write', values.get('-w')),
    ...optional('knownHosts', values.get('--known-hosts')),
    ...optional('configFile', values.get('-F')),
    ...optional('command', values.get('--command')),
  };
}
