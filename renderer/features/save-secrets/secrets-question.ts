/**
 * The save step that asks which sessions' secrets go into the file: a question that the save command
 * awaits and `<SaveSecretsPrompt>` renders (like the web host's path prompt). Nothing is chosen unless
 * the user chooses it: secrets in a file decrypt those sessions for anyone who has the file.
 */
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import { secretCandidates, type SecretCandidate } from './secret-candidates.js';

export interface SecretsQuestion {
  readonly path: string;
  readonly candidates: readonly SecretCandidate[];
  /** The chosen client randoms ([] for none), or null to cancel the save. */
  answer(clientRandoms: readonly string[] | null): void;
}

type Listener = (question: SecretsQuestion | null) => void;

let current: SecretsQuestion | null = null;
const listeners = new Set<Listener>();

export function askForSecrets(
  path: string,
  candidates: readonly SecretCandidate[],
): Promise<readonly string[] | null> {
  current?.answer(null);
  return new Promise((resolve) => {
    const question: SecretsQuestion = {
      path,
      candidates,
      answer(clientRandoms) {
        if (current === question) publish(null);
        resolve(clientRandoms);
      },
    };
    publish(question);
  });
}

export function onSecretsQuestion(listener: Listener): () => void {
  listeners.add(listener);
  listener(current);
  return () => void listeners.delete(listener);
}

function publish(question: SecretsQuestion | null): void {
  current = question;
  for (const listener of listeners) listener(question);
}

/**
 * The client randoms whose secrets go into a save of these lanes to `path`: [] at once when no
 * session has secrets, else what the user chose; null when they cancelled the save.
 */
export async function chooseSecrets(
  engine: EngineApi,
  lanes: readonly Pick<LaneInfo, 'lane' | 'title'>[],
  path: string,
): Promise<readonly string[] | null> {
  const candidates = await secretCandidates(engine, lanes);
  return candidates.length === 0 ? [] : askForSecrets(path, candidates);
}
