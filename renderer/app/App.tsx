/** The window: toolbar, notices, the start page or the lanes side by side, the status bar. */
import { useEffect, useState } from 'react';
import type { HammerheadApi, LaneId } from '../../shared/contract/index.js';
import type { TimeFormat } from '../../shared/time-format.js';
import { LanesView, type TimeCursor } from '../features/lanes/LanesView.js';
import { TIME_FORMAT_TITLES } from '../features/packet-table/cells.js';
import { PathPrompt } from '../features/path-prompt/PathPrompt.js';
import { StartPage } from '../features/start-page/StartPage.js';
import { StatusBar } from '../features/status-bar/StatusBar.js';
import { CaptureDialog, onLanesStarted } from '../features/capture-local/index.js';
import { SshCaptureButton } from '../features/ssh-dialog/index.js';
import { FilterBar } from '../features/filter-bar/index.js';
import { ColourRulesDialog } from '../features/colouring/index.js';
import { KeySourcesPanel, useKeySources, type KeysIntent } from '../features/tls-keys/index.js';
import { SaveSecretsPrompt } from '../features/save-secrets/index.js';
import { useCommands } from './use-commands.js';
import { useFileDrop } from './use-file-drop.js';
import { useSession } from './use-session.js';
import './theme.css';

export function App({ api }: { api: HammerheadApi }) {
  const session = useSession(api);
  const [timeFormat, setTimeFormat] = useState<TimeFormat>('relative');
  const [cursor, setCursor] = useState<TimeCursor | null>(null);
  const [activeLane, setActiveLane] = useState<LaneId | null>(null);
  const [keysPanel, setKeysPanel] = useState<KeysIntent | null>(null);
  const keys = useKeySources(api.engine);
  const run = useCommands(api, session, activeLane, setTimeFormat, setKeysPanel);
  const dropping = useFileDrop(api, session);
  const { open, adopt, notify } = session;
  useEffect(() => api.shell.onOpenFiles((paths) => void open(paths)), [api, open]);
  useEffect(
    () =>
      onLanesStarted((lanes, note) => {
        adopt(lanes);
        if (note) notify('info', note);
      }),
    [adopt, notify],
  );
  const [capturing, setCapturing] = useState(false);
  const [colouring, setColouring] = useState(false);
  const [globalFilter, setGlobalFilter] = useState<{ text: string; n: number } | null>(null);
  const hasLanes = session.lanes.length > 0;

  return (
    <div className="app" data-host={api.shell.kind}>
      <nav className="toolbar" aria-label="Toolbar">
        <button type="button" onClick={() => void run('file.open')}>
          Open…
        </button>
        <button type="button" disabled={!hasLanes} onClick={() => void run('file.save-as')}>
          Save As…
        </button>
        <button type="button" disabled={!hasLanes} onClick={() => void run('lane.close')}>
          Close Lane
        </button>
        <button type="button" disabled={!hasLanes} onClick={() => setCapturing((on) => !on)}>
          Capture…
        </button>
        {hasLanes ? <SshCaptureButton engine={api.engine} /> : null}
        <button type="button" onClick={() => setColouring(true)}>
          Colouring…
        </button>
        <KeysButton count={keys.sources?.length ?? 0} onClick={() => setKeysPanel('list')} />
        <span className="spacer" />
        <label>
          Time{' '}
          <select
            aria-label="Time format"
            value={timeFormat}
            onChange={(e) => setTimeFormat(e.target.value as TimeFormat)}
          >
            {(Object.keys(TIME_FORMAT_TITLES) as TimeFormat[]).map((format) => (
              <option key={format} value={format}>
                {TIME_FORMAT_TITLES[format]}
              </option>
            ))}
          </select>
        </label>
      </nav>
      <div className="notices" role="status" data-testid="notices">
        {session.notices.map((notice) => (
          <div key={notice.id} className="notice" data-kind={notice.kind}>
            {notice.text}
            <button type="button" aria-label="Dismiss" onClick={() => session.dismiss(notice.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      {hasLanes ? (
        <FilterBar
          label="Display filter for all lanes"
          applied={globalFilter?.text ?? ''}
          onApply={(text) => setGlobalFilter((g) => ({ text, n: (g?.n ?? 0) + 1 }))}
          saved
        />
      ) : null}
      <div className="app-main">
        {hasLanes ? (
          <LanesView
            engine={api.engine}
            lanes={session.lanes}
            timeFormat={timeFormat}
            cursor={cursor}
            activeLane={activeLane}
            globalFilter={globalFilter}
            onCursor={setCursor}
            onActivate={setActiveLane}
            onClose={(lane) => void session.close(lane)}
          />
        ) : (
          <StartPage
            engine={api.engine}
            onOpenDialog={() => void run('file.open')}
            onOpen={(paths) => void session.open(paths)}
          />
        )}
      </div>
      {colouring ? <ColourRulesDialog engine={api.engine} onClose={() => setColouring(false)} /> : null}
      {capturing && hasLanes ? (
        <CaptureDialog engine={api.engine} onClose={() => setCapturing(false)} />
      ) : null}
      {keysPanel ? (
        <KeySourcesPanel api={api} keys={keys} intent={keysPanel} onClose={() => setKeysPanel(null)} />
      ) : null}
      <StatusBar lanes={session.lanes} message={null} />
      <SaveSecretsPrompt />
      <PathPrompt />
      {dropping ? <div className="drop-overlay">Drop captures to open them as lanes</div> : null}
    </div>
  );
}

/** The toolbar's "TLS Keys…", with how many key sources the engine reads. */
function KeysButton({ count, onClick }: { readonly count: number; onClick(): void }) {
  return (
    <button
      type="button"
      data-testid="keys-button"
      aria-haspopup="dialog"
      aria-label={`TLS keys: ${count === 1 ? '1 source' : `${count} sources`}`}
      onClick={onClick}
    >
      TLS Keys…{count > 0 ? <span className="toolbar-count">{count}</span> : null}
    </button>
  );
}
