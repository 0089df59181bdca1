/**
 * "Launch a browser with key logging": the browsers found on this machine, an optional address to
 * open, and the launch (a fresh profile, SSLKEYLOGFILE pointing at a new file that becomes a source).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import type { KeySourceInfo } from '../../../shared/contract/tls-channels.js';
import type { KeySources } from './use-key-sources.js';

type Browser = {
  readonly kind: 'chromium' | 'chrome' | 'firefox';
  readonly name: string;
  readonly path: string;
};

export interface LaunchBrowserProps {
  readonly engine: EngineApi;
  readonly launch: KeySources['launch'];
  /** Focus the browser list first (the menu's "Launch Browser with Key Logging…"). */
  readonly autoFocus: boolean;
  onLaunched(source: KeySourceInfo): void;
}

export function LaunchBrowser({ engine, launch, autoFocus, onLaunched }: LaunchBrowserProps) {
  const [browsers, setBrowsers] = useState<readonly Browser[] | null>(null);
  const [chosen, setChosen] = useState(0);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const list = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    let live = true;
    engine
      .invoke('keys.browsers', {})
      .then(({ browsers: found }) => live && setBrowsers(found))
      .catch((error: Error) => {
        if (!live) return;
        setBrowsers([]);
        setOutcome({ kind: 'error', text: `Could not look for browsers: ${error.message}` });
      });
    return () => {
      live = false;
    };
  }, [engine]);

  // The list arrives after the panel opened: focus it then, when the user came here to launch.
  const found = browsers !== null && browsers.length > 0;
  useEffect(() => {
    if (autoFocus && found) list.current?.focus();
  }, [autoFocus, found]);

  const browser = browsers?.[chosen];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!browser || busy) return;
    setBusy(true);
    setOutcome(null);
    launch(browser.kind, url)
      .then(({ source, pid }) => {
        setOutcome({
          kind: 'info',
          text: `Started ${browser.name} (pid ${pid}); its key log ${source.path ?? source.label} is watched.`,
        });
        onLaunched(source);
      })
      .catch((error: Error) =>
        setOutcome({ kind: 'error', text: `Could not start ${browser.name}: ${error.message}` }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="keys-launch" data-testid="launch-browser" onSubmit={submit}>
      {browsers === null ? (
        <p className="hh-modal-note">Looking for browsers…</p>
      ) : browsers.length === 0 ? (
        <p className="hh-modal-note">No Chrome, Chromium or Firefox found on this machine.</p>
      ) : (
        <div className="keys-launch-fields">
          <label>
            Browser{' '}
            <select ref={list} value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {browsers.map((b, i) => (
                <option key={`${b.kind}-${b.path}`} value={i} title={b.path}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <label className="keys-url">
            Open{' '}
            <input
              type="url"
              value={url}
              placeholder="https://example.com/ (optional)"
              maxLength={2048}
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || !browser}>
            {busy ? 'Launching…' : 'Launch'}
          </button>
        </div>
      )}
      {outcome ? (
        <p
          className={outcome.kind === 'error' ? 'hh-modal-error' : 'hh-modal-note'}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          data-testid="launch-outcome"
        >
          {outcome.text}
        </p>
      ) : null}
    </form>
  );
}
