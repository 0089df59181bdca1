/**
 * A client random, short on screen and whole on copy (it is what a key log line is found by). Where the
 * clipboard is refused (an insecure page), the whole value is shown selected for the user to copy.
 */
import { useState } from 'react';
import { shortRandom } from './session-summary.js';

export function ClientRandomCell({ stream, value }: { readonly stream: number; readonly value: string }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const onCopy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) return setCopy('manual');
    clipboard.writeText(value).then(
      () => setCopy('copied'),
      () => setCopy('manual'),
    );
  };
  if (copy === 'manual')
    return (
      <input
        className="tls-random-full hh-mono"
        readOnly
        value={value}
        aria-label={`Client random of stream ${stream}`}
        ref={(input) => input?.select()}
        onBlur={() => setCopy('idle')}
      />
    );
  return (
    <span className="tls-random">
      <span className="hh-mono" title={value} data-testid="tls-client-random" data-full={value}>
        {shortRandom(value)}
      </span>
      <button
        type="button"
        className="tls-copy"
        aria-label={`Copy the client random of stream ${stream}`}
        onClick={onCopy}
        onBlur={() => copy === 'copied' && setCopy('idle')}
      >
        {copy === 'copied' ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
