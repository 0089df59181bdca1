/**
 * The one decision sshdump never makes: may we talk to this host? known_hosts answers for keys it
 * knows; for an unknown key the user (or StrictHostKeyChecking) decides; a changed, revoked or
 * CA-only key is refused with the reason and the fix. Nothing here connects unverified.
 */
import type { StrictHostKeyChecking } from './config.js';
import { SshError } from './errors.js';
import type { HostKey, KnownHostsEntry } from './known-hosts.js';
import { checkHostKey, fingerprintSha256, keyTypeOf } from './known-hosts.js';

/** The user's answer to an unknown host key, for one host and one fingerprint. */
export interface HostKeyTrust {
  readonly host: string;
  readonly port: number;
  readonly fingerprint: string;
  /** Write it to known_hosts (trust and remember), or only for this connection (trust once). */
  readonly remember: boolean;
}

/** What the dialog shows for an unknown host: who, which key, and where "remember" writes. */
export interface HostKeyQuestion {
  readonly host: string;
  readonly port: number;
  /** The name it would be filed under in known_hosts (`host`, `[host]:port`, or HostKeyAlias). */
  readonly name: string;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly knownHostsFile: string;
  /** 0 for the first jump host (or the target when there is none), counting to the target. */
  readonly hop: number;
}

export class UnknownHostKeyError extends SshError {
  constructor(readonly question: HostKeyQuestion) {
    super(
      'host-key-unknown',
      `the authenticity of ${question.name} can't be established: it offers a ${question.keyType} key ` +
        `with fingerprint ${question.fingerprint}, which is not in ${question.knownHostsFile}`,
    );
  }
}

export interface HostKeyContext {
  readonly entries: readonly KnownHostsEntry[];
  readonly question: HostKeyQuestion;
  readonly policy: StrictHostKeyChecking;
  readonly trust: readonly HostKeyTrust[];
  /** The CLI's --accept-new-host-key. */
  readonly acceptNew: boolean;
}

export type HostKeyDecision =
  | { readonly accept: true; readonly remember: boolean }
  | { readonly accept: false; readonly error: SshError };

const where = (entry: KnownHostsEntry) => `${entry.file}:${entry.line}`;

export function decideHostKey(context: HostKeyContext, key: HostKey): HostKeyDecision {
  const { question } = context;
  const verdict = checkHostKey(context.entries, question.name, key);
  switch (verdict.kind) {
    case 'trusted':
      return { accept: true, remember: false };
    case 'revoked':
      return refuse(
        'host-key-revoked',
        `the host key of ${question.name} (${question.fingerprint}) is marked @revoked in ${where(verdict.entry)}: ` +
          `refusing to connect. Ask the host's administrator for its current key.`,
      );
    case 'changed':
      return refuse('host-key-changed', changedMessage(question, verdict.known));
    case 'cert-authority':
      return refuse(
        'host-key-ca',
        `known_hosts trusts a certificate authority for ${question.name} (${where(verdict.entry)}), but ` +
          `Hammerhead does not verify host certificates, so it refuses rather than connect unverified. ` +
          `Add the host's own key (${question.keyType} ${question.fingerprint}) to ${question.knownHostsFile} ` +
          `once you have checked that fingerprint.`,
      );
    case 'unknown':
      return unknownKey(context);
  }
}

function unknownKey(context: HostKeyContext): HostKeyDecision {
  const { question } = context;
  const answer = context.trust.find(
    (t) => t.host === question.host && t.port === question.port && t.fingerprint === question.fingerprint,
  );
  if (answer) return { accept: true, remember: answer.remember };
  if (context.acceptNew || context.policy === 'accept-new' || context.policy === 'no')
    return { accept: true, remember: true };
  if (context.policy === 'yes')
    return refuse(
      'host-key-unknown',
      `${question.name} is not in ${question.knownHostsFile} and StrictHostKeyChecking is yes: ` +
        `add its key first (it offers ${question.keyType} ${question.fingerprint})`,
    );
  return { accept: false, error: new UnknownHostKeyError(question) };
}

function changedMessage(question: HostKeyQuestion, known: readonly KnownHostsEntry[]): string {
  const old = known
    .map(
      (entry) => `${keyTypeOf(entry.key) || entry.keyType} ${fingerprintSha256(entry.key)} (${where(entry)})`,
    )
    .join(', ');
  const first = known[0];
  return (
    `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for ${question.name}! It now offers ` +
    `${question.keyType} ${question.fingerprint}, but known_hosts holds ${old}. Someone could be ` +
    `eavesdropping on you (a man-in-the-middle attack), or the host was rebuilt. Refusing to connect. ` +
    `If you know the change is legitimate, remove the old key with ` +
    `\`ssh-keygen -R '${question.name}' -f ${first?.file ?? question.knownHostsFile}\` and connect again.`
  );
}

function refuse(code: SshError['code'], message: string): HostKeyDecision {
  return { accept: false, error: new SshError(code, message) };
}
