/**
 * One hop's host-key check, as ssh2's `hostVerifier`: known_hosts read once (the configured user
 * and global files, or the CLI's --known-hosts), the decision (host-key-policy.ts), the key written
 * when the user chose "trust and remember", and the key types to ask the server for first.
 */
import type { ResolvedHost } from './config.js';
import type { SshError } from './errors.js';
import type { HostKeyQuestion, HostKeyTrust } from './host-key-policy.js';
import { decideHostKey } from './host-key-policy.js';
import {
  appendKnownHost,
  fingerprintSha256,
  keyTypeOf,
  knownHostsLine,
  knownHostsName,
  knownKeyTypes,
  loadKnownHosts,
} from './known-hosts.js';

export interface HostKeyOptions {
  readonly knownHostsFile?: string | undefined;
  readonly trust?: readonly HostKeyTrust[] | undefined;
  readonly acceptNewHostKey?: boolean | undefined;
}

export interface HostKeyCheck {
  readonly verify: (blob: Buffer) => boolean;
  /** ssh2's serverHostKey list: the types known_hosts holds for this host first, as OpenSSH orders them. */
  readonly algorithms: string[];
  readonly result: {
    seen: { type: string; fingerprint: string } | null;
    refusal: SshError | null;
    remembered: HostKeyQuestion | null;
  };
}

const SSH2_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

function preferredAlgorithms(known: readonly string[]): string[] {
  const wanted = known.flatMap((type) =>
    type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type],
  );
  const first = SSH2_HOST_KEY_ALGORITHMS.filter((name) => wanted.includes(name));
  return [...first, ...SSH2_HOST_KEY_ALGORITHMS.filter((name) => !first.includes(name))];
}

export function hostKeyCheck(hop: ResolvedHost, index: number, options: HostKeyOptions): HostKeyCheck {
  const files = options.knownHostsFile
    ? [options.knownHostsFile]
    : [...hop.userKnownHostsFiles, ...hop.globalKnownHostsFiles];
  const entries = loadKnownHosts(files);
  const name = hop.hostKeyAlias ?? knownHostsName(hop.hostName, hop.port);
  const writeTo = options.knownHostsFile ?? hop.userKnownHostsFiles[0] ?? '~/.ssh/known_hosts';
  const result: HostKeyCheck['result'] = { seen: null, refusal: null, remembered: null };
  const verify = (blob: Buffer): boolean => {
    const type = keyTypeOf(blob);
    const fingerprint = fingerprintSha256(blob);
    result.seen = { type, fingerprint };
    const question: HostKeyQuestion = {
      host: hop.hostName,
      port: hop.port,
      name,
      keyType: type,
      fingerprint,
      knownHostsFile: writeTo,
      hop: index,
    };
    const context = {
      entries,
      question,
      policy: hop.strictHostKeyChecking,
      trust: options.trust ?? [],
      acceptNew: options.acceptNewHostKey ?? false,
    };
    const decision = decideHostKey(context, { type, blob });
    if (!decision.accept) {
      result.refusal = decision.error;
      return false;
    }
    if (decision.remember) {
      appendKnownHost(writeTo, knownHostsLine(name, { type, blob }, hop.hashKnownHosts));
      result.remembered = question;
    }
    return true;
  };
  return { verify, algorithms: preferredAlgorithms(knownKeyTypes(entries, name)), result };
}
