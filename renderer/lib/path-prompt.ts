/**
 * In a browser there is no native file dialog that yields a path on the engine's machine, so the
 * web host's shell asks for one in the page. This is the queue between that shell and the
 * `<PathPrompt>` component that renders the question.
 */
export interface PathQuestion {
  /** open: a capture; save: where to write the lanes; keylog: a TLS key log to load. */
  readonly kind: 'open' | 'save' | 'keylog';
  readonly suggested: string;
  answer(path: string | null): void;
}

type Listener = (question: PathQuestion | null) => void;

let current: PathQuestion | null = null;
const listeners = new Set<Listener>();

export function askForPath(kind: PathQuestion['kind'], suggested = ''): Promise<string | null> {
  current?.answer(null);
  return new Promise((resolve) => {
    const question: PathQuestion = {
      kind,
      suggested,
      answer(path) {
        if (current === question) publish(null);
        resolve(path && path.trim() ? path.trim() : null);
      },
    };
    publish(question);
  });
}

export function onPathQuestion(listener: Listener): () => void {
  listeners.add(listener);
  listener(current);
  return () => void listeners.delete(listener);
}

function publish(question: PathQuestion | null): void {
  current = question;
  for (const listener of listeners) listener(question);
}
