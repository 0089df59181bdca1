/** The web host's stand-in for native Open/Save dialogs: a path on the machine that runs the engine. */
import { useEffect, useState, type FormEvent } from 'react';
import { onPathQuestion, type PathQuestion } from '../../lib/path-prompt.js';
import './path-prompt.css';

const WORDING: Readonly<Record<PathQuestion['kind'], { title: string; action: string }>> = {
  open: { title: 'Open a capture file', action: 'Open' },
  save: { title: 'Save the lanes as pcapng', action: 'Save' },
  keylog: { title: 'Load a TLS key log (SSLKEYLOGFILE)', action: 'Load' },
};

export function PathPrompt() {
  const [question, setQuestion] = useState<PathQuestion | null>(null);
  const [path, setPath] = useState('');
  useEffect(
    () =>
      onPathQuestion((q) => {
        setQuestion(q);
        setPath(q?.suggested ?? '');
      }),
    [],
  );
  if (!question) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    question.answer(path);
  };
  const { title, action } = WORDING[question.kind];
  return (
    <div className="path-prompt-backdrop" onKeyDown={(e) => e.key === 'Escape' && question.answer(null)}>
      <form
        className="path-prompt"
        role="dialog"
        aria-label={title}
        data-testid="path-prompt"
        onSubmit={submit}
      >
        <h2>{title}</h2>
        <label>
          Path on the machine running Hammerhead
          <input autoFocus value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        </label>
        <div className="path-prompt-actions">
          <button type="button" onClick={() => question.answer(null)}>
            Cancel
          </button>
          <button type="submit" disabled={!path.trim()}>
            {action}
          </button>
        </div>
      </form>
    </div>
  );
}
