/**
 * The TLS keys panel (toolbar "TLS Keys…", File → Load TLS Key Log… / Launch Browser with Key
 * Logging…): the key sources the engine reads, adding a key log (a native dialog in Electron, a path in
 * the page on the web host), removing one, and launching a browser that logs its keys.
 */
import { useEffect, useRef, useState } from 'react';
import type { HammerheadApi } from '../../../shared/contract/index.js';
import type { KeySourceInfo } from '../../../shared/contract/tls-channels.js';
import { Modal } from '../../lib/Modal.js';
import { LaunchBrowser } from './LaunchBrowser.js';
import { SourceTable } from './SourceTable.js';
import type { KeySources } from './use-key-sources.js';
import './tls-keys.css';

/** What opened the panel: the list, or straight to adding a key log or launching a browser. */
export type KeysIntent = 'list' | 'add' | 'launch';

export interface KeySourcesPanelProps {
  readonly api: HammerheadApi;
  readonly keys: KeySources;
  readonly intent: KeysIntent;
  onClose(): void;
}

export function KeySourcesPanel({ api, keys, intent, onClose }: KeySourcesPanelProps) {
  const [watch, setWatch] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [latest, setLatest] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const addKeyLog = async () => {
    if (busy) return;
    setProblem(null);
    const path = await api.shell.openKeyLogDialog();
    // The web host's path prompt took the focus; give it back to where the user was.
    addButton.current?.focus();
    if (!path) return;
    setBusy(true);
    try {
      setLatest((await keys.add(path, watch)).id);
    } catch (error) {
      setProblem(`Could not load ${path}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const remove = (source: KeySourceInfo) => {
    setProblem(null);
    keys
      .remove(source.id)
      .catch((error: Error) => setProblem(`Could not remove ${source.label}: ${error.message}`));
  };

  // File → Load TLS Key Log… opens the panel and the file dialog at once (once, even in StrictMode).
  const started = useRef(false);
  useEffect(() => {
    if (intent !== 'add' || started.current) return;
    started.current = true;
    void addKeyLog();
    // Only on opening: addKeyLog is a new function on every render.
  }, [intent]);

  return (
    <Modal label="TLS keys" testId="keys-panel" className="keys-panel" onClose={onClose}>
      <h2>TLS keys</h2>
      <p className="hh-modal-note">
        A browser’s key log (SSLKEYLOGFILE, written by Chrome, Firefox and curl) decrypts the front leg.
        Sessions captured before their keys arrived are decrypted when they do.
      </p>
      {keys.sources === null ? (
        <p className="hh-modal-note">Asking the engine…</p>
      ) : (
        <SourceTable sources={keys.sources} latest={latest} onRemove={remove} />
      )}
      <div className="hh-modal-actions">
        <button
          ref={addButton}
          type="button"
          aria-disabled={busy}
          data-autofocus={intent !== 'launch' || undefined}
          onClick={() => void addKeyLog()}
        >
          Add key log…
        </button>
        <label>
          <input type="checkbox" checked={watch} onChange={(e) => setWatch(e.target.checked)} /> Watch for
          appended lines
        </label>
      </div>
      {problem ? (
        <p className="hh-modal-error" role="alert" data-testid="keys-problem">
          {problem}
        </p>
      ) : null}
      <h3>Launch a browser with key logging</h3>
      <LaunchBrowser
        engine={api.engine}
        launch={keys.launch}
        autoFocus={intent === 'launch'}
        onLaunched={(source) => setLatest(source.id)}
      />
      <div className="hh-modal-actions">
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
