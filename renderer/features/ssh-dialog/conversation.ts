/**
 * The renderer's half of an SSH connection's conversation (ssh-channels.ts): an unknown host key is
 * shown with its fingerprint and the user decides (trust once, trust and remember, or not at all);
 * keyboard-interactive questions are shown and answered. Used by the dialog and by "Reconnect".
 */
import type { EngineApi } from '../../../shared/contract/index.js';
import type { HostKeyTrust, SshOutcome } from '../../../shared/contract/ssh-channels.js';

export type HostKeyOutcome = Extract<SshOutcome, { status: 'host-key' }>;
export type PromptsOutcome = Extract<SshOutcome, { status: 'prompts' }>;
export type Settled = Extract<SshOutcome, { status: 'connected' | 'capturing' }>;

export type Question =
  | { readonly kind: 'host-key'; readonly outcome: HostKeyOutcome }
  | { readonly kind: 'prompts'; readonly outcome: PromptsOutcome };

export type HostKeyAnswer = 'once' | 'remember' | null;

export interface Asker {
  hostKey(outcome: HostKeyOutcome): Promise<HostKeyAnswer>;
  prompts(outcome: PromptsOutcome): Promise<string[] | null>;
}

/** More questions than any real chain asks: a loop that never settles is a bug, not a login. */
const MAX_STEPS = 24;

/**
 * Runs `attempt` (ssh.connect or ssh.reconnect with the trust gathered so far) until it settles,
 * asking the user whatever the host asks. Throws when the user declines.
 */
export async function converse(
  engine: EngineApi,
  attempt: (trust: HostKeyTrust[]) => Promise<SshOutcome>,
  ask: Asker,
): Promise<Settled> {
  const trust: HostKeyTrust[] = [];
  let outcome = await attempt(trust);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (outcome.status === 'connected' || outcome.status === 'capturing') return outcome;
    if (outcome.status === 'host-key') {
      const answer = await ask.hostKey(outcome);
      if (!answer) throw new Error(`not connected: the host key of ${outcome.name} was not trusted`);
      const { host, port, fingerprint } = outcome;
      trust.push({ host, port, fingerprint, remember: answer === 'remember' });
      outcome = await attempt([...trust]);
    } else {
      const responses = await ask.prompts(outcome);
      outcome = await engine.invoke('ssh.answer', { attempt: outcome.attempt, responses });
    }
  }
  throw new Error('the host kept asking questions: giving up');
}
