/**
 * A connection attempt that may stop half-way to ask the user something (keyboard-interactive
 * prompts) across two requests: `ssh.connect` returns the first question, `ssh.answer` the next
 * one or the result. The attempt runs on in the background meanwhile, its prompt awaiting.
 */
import type { PromptRequest, Prompter } from './auth.js';
import { SshError } from './errors.js';

export type Step<T> =
  { readonly kind: 'done'; readonly value: T } | { readonly kind: 'prompt'; readonly request: PromptRequest };

export interface Interactive<T> {
  /** The first step: the result, or the first question. */
  readonly first: Promise<Step<T>>;
  /** Answers the pending question; resolves with the next step. */
  answer(responses: readonly string[]): Promise<Step<T>>;
  /** Gives up: the pending question is answered with a refusal and the attempt fails. */
  cancel(): void;
}

export function interactive<T>(task: (prompter: Prompter) => Promise<T>): Interactive<T> {
  let deliver: (step: Step<T>) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  let pending: { resolve(answers: string[]): void; reject(error: Error): void } | null = null;
  const nextStep = () =>
    new Promise<Step<T>>((resolve, reject) => {
      deliver = resolve;
      fail = reject;
    });
  const first = nextStep();
  const prompter: Prompter = (request) =>
    new Promise<string[]>((resolve, reject) => {
      pending = { resolve, reject };
      deliver({ kind: 'prompt', request });
    });
  task(prompter).then(
    (value) => deliver({ kind: 'done', value }),
    (error: unknown) => fail(error),
  );
  return {
    first,
    answer(responses) {
      const question = pending;
      if (!question)
        return Promise.reject(new SshError('no-session', 'no question is waiting for an answer'));
      pending = null;
      const step = nextStep();
      question.resolve([...responses]);
      return step;
    },
    cancel() {
      const question = pending;
      pending = null;
      question?.reject(new SshError('cancelled', 'cancelled by the user'));
    },
  };
}
