/** The question the host is asking right now (one at a time), as React state and an `Asker`. */
import { useCallback, useMemo, useState } from 'react';
import type { Asker, HostKeyAnswer, Question } from './conversation.js';

export interface OpenQuestion {
  readonly question: Question;
  answerHostKey(answer: HostKeyAnswer): void;
  answerPrompts(responses: string[] | null): void;
}

export function useQuestions(): { readonly open: OpenQuestion | null; readonly ask: Asker } {
  const [open, setOpen] = useState<OpenQuestion | null>(null);
  const pose = useCallback(
    <T>(question: Question, settle: (resolve: (value: T) => void) => Omit<OpenQuestion, 'question'>) =>
      new Promise<T>((resolve) => {
        const done = (value: T) => {
          setOpen(null);
          resolve(value);
        };
        setOpen({ question, ...settle(done) });
      }),
    [],
  );
  const ask = useMemo<Asker>(
    () => ({
      hostKey: (outcome) =>
        pose<HostKeyAnswer>({ kind: 'host-key', outcome }, (done) => ({
          answerHostKey: done,
          answerPrompts: () => done(null),
        })),
      prompts: (outcome) =>
        pose<string[] | null>({ kind: 'prompts', outcome }, (done) => ({
          answerHostKey: () => done(null),
          answerPrompts: done,
        })),
    }),
    [pose],
  );
  return { open, ask };
}
