/**
 * What the host asks, in the dialog: an unknown host key (its SHA256 fingerprint, to compare with
 * what the host's owner publishes, then trust once or trust and remember), or keyboard-interactive
 * prompts (answers hidden unless the server says they may echo).
 */
import { useState, type FormEvent } from 'react';
import type { HostKeyOutcome, PromptsOutcome } from './conversation.js';
import type { OpenQuestion } from './use-questions.js';

function HostKeyQuestion({ outcome, open }: { outcome: HostKeyOutcome; open: OpenQuestion }) {
  return (
    <section
      className="ssh-question"
      role="alertdialog"
      aria-label="Unknown host key"
      data-testid="ssh-host-key"
    >
      <h3>Unknown host: {outcome.name}</h3>
      <p>
        The authenticity of <strong>{outcome.name}</strong> can&rsquo;t be established: it is not in{' '}
        <code>{outcome.knownHostsFile}</code>. Compare its fingerprint with the one its owner gave you (on the
        host:{' '}
        <code>
          ssh-keygen -lf /etc/ssh/ssh_host_{outcome.keyType.replace(/^ssh-|-sha2-nistp\d+$/g, '')}_key.pub
        </code>
        ).
      </p>
      <p className="ssh-fingerprint">
        {outcome.keyType} key fingerprint: <code data-testid="ssh-fingerprint">{outcome.fingerprint}</code>
      </p>
      <div className="ssh-actions">
        <button type="button" onClick={() => open.answerHostKey(null)}>
          Don&rsquo;t connect
        </button>
        <button type="button" onClick={() => open.answerHostKey('once')}>
          Trust once
        </button>
        <button type="button" onClick={() => open.answerHostKey('remember')}>
          Trust and remember
        </button>
      </div>
    </section>
  );
}

function PromptsQuestion({ outcome, open }: { outcome: PromptsOutcome; open: OpenQuestion }) {
  const [answers, setAnswers] = useState<string[]>(() => outcome.prompts.map(() => ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.answerPrompts(answers);
  };
  return (
    <form className="ssh-question" aria-label="Sign-in questions" data-testid="ssh-prompts" onSubmit={submit}>
      <h3>{outcome.name || `${outcome.host} asks`}</h3>
      {outcome.instructions ? <p>{outcome.instructions}</p> : null}
      {outcome.prompts.map((prompt, index) => (
        <label key={index}>
          {prompt.prompt}
          <input
            type={prompt.echo ? 'text' : 'password'}
            autoFocus={index === 0}
            autoComplete="off"
            value={answers[index] ?? ''}
            onChange={(e) => setAnswers((list) => list.map((v, i) => (i === index ? e.target.value : v)))}
          />
        </label>
      ))}
      <div className="ssh-actions">
        <button type="button" onClick={() => open.answerPrompts(null)}>
          Cancel
        </button>
        <button type="submit">Continue</button>
      </div>
    </form>
  );
}

export function QuestionPanel({ open }: { open: OpenQuestion | null }) {
  if (!open) return null;
  const { question } = open;
  return question.kind === 'host-key' ? (
    <HostKeyQuestion outcome={question.outcome} open={open} />
  ) : (
    <PromptsQuestion key={question.outcome.attempt} outcome={question.outcome} open={open} />
  );
}
