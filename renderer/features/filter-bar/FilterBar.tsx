/**
 * The display-filter bar (one per lane, and one for all lanes): a one-line CodeMirror 6 editor whose
 * background says whether the filter is valid (green), invalid (red, with the message under it and
 * the wrong characters marked) or uses a deprecated name (yellow), as Wireshark's does; autocomplete
 * of protocol and field names (with descriptions and types) and of value names; Enter applies,
 * Escape clears, Up/Down and a drop-down recall applied filters; saved filter buttons, editable
 * (the all-lanes bar, which Ctrl-/ focuses); progress of a long filter with Cancel.
 *
 * Test hooks: `[data-testid="filter-bar"]` with `data-state`, the editor `[data-testid="filter-editor"]`
 * with its text in `data-text`, the editable line `[data-testid="filter-input"]` (in the editor's
 * shadow root), the message `[data-testid="filter-message"]`, suggestions `.cm-completionLabel`.
 */
import { useEffect, useRef, useState } from 'react';
import type { FilterProgress } from '../../../shared/contract/filter-channels.js';
import { readHistory, remember } from './filter-memory.js';
import { SavedFiltersDialog } from './SavedFiltersDialog.js';
import { useSavedFilters } from './saved-filters.js';
import { useFilterEditor } from './use-filter-editor.js';
import './filter-bar.css';

export interface FilterBarProps {
  readonly label: string;
  /** The filter in force (what the view shows). */
  readonly applied: string;
  onApply(filter: string): void;
  /** Text put in the bar from elsewhere ("Prepare as Filter"); `n` changes on every push. */
  readonly prepared?: { readonly text: string; readonly n: number } | null;
  readonly progress?: FilterProgress | null;
  onCancel?(): void;
  /** Show the saved filter buttons and answer Ctrl-/ (the all-lanes bar). */
  readonly saved?: boolean;
}

export function FilterBar({ label, applied, onApply, prepared, progress, onCancel, saved }: FilterBarProps) {
  const [history, setHistory] = useState<string[]>(() => readHistory());
  const [showHistory, setShowHistory] = useState(false);
  const historyRef = useRef(history);
  historyRef.current = history;
  const apply = (text: string) => {
    setHistory(remember(text));
    onApply(text);
  };
  const editor = useFilterEditor({
    label,
    initial: applied,
    onApply: apply,
    history: () => historyRef.current,
  });
  const { setText, focus } = editor;

  // A filter applied from elsewhere (the all-lanes bar) or prepared from the details tree.
  useEffect(() => setText(applied), [applied, setText]);
  useEffect(() => {
    if (!prepared) return;
    setText(prepared.text);
    focus();
  }, [prepared, setText, focus]);
  useEffect(() => {
    if (!saved) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saved, focus]);

  const error = editor.check.error;
  const message = error ? error.message : (editor.check.warnings[0]?.message ?? null);
  const dirty = editor.text.trim() !== applied;
  return (
    <div className="fb" data-testid="filter-bar" data-state={editor.state} data-dirty={dirty || undefined}>
      <div className="fb-row">
        <div className="fb-field">
          <div ref={editor.host} className="fb-editor" data-testid="filter-editor" data-text={editor.text} />
          {showHistory ? (
            <HistoryList
              history={history}
              onPick={(f) => {
                setShowHistory(false);
                setText(f);
                apply(f);
              }}
            />
          ) : null}
        </div>
        <button
          type="button"
          className="fb-button"
          aria-label="Recent filters"
          onClick={() => setShowHistory((s) => !s)}
        >
          ▾
        </button>
        <button
          type="button"
          className="fb-button"
          disabled={!editor.check.ok}
          onClick={() => apply(editor.text.trim())}
        >
          Apply
        </button>
        <button
          type="button"
          className="fb-button"
          aria-label="Clear filter"
          onClick={() => {
            setText('');
            apply('');
          }}
        >
          ×
        </button>
        {saved ? (
          <SavedButtons
            current={editor.text}
            onPick={(filter) => {
              setText(filter);
              apply(filter);
            }}
          />
        ) : null}
        <Progress progress={progress ?? null} onCancel={onCancel} />
      </div>
      {message ? (
        <div className="fb-message" data-testid="filter-message" role={error ? 'alert' : 'status'}>
          {message}
        </div>
      ) : null}
    </div>
  );
}

function HistoryList({ history, onPick }: { history: readonly string[]; onPick(filter: string): void }) {
  return (
    <ul className="fb-list" role="listbox" aria-label="Recent filters">
      {history.length === 0 ? <li className="fb-empty">No recent filters</li> : null}
      {history.map((filter) => (
        <li key={filter} role="option" aria-selected={false} onMouseDown={() => onPick(filter)}>
          <span className="fb-label">{filter}</span>
        </li>
      ))}
    </ul>
  );
}

function SavedButtons({ current, onPick }: { current: string; onPick(filter: string): void }) {
  const saved = useSavedFilters();
  const [editing, setEditing] = useState(false);
  return (
    <span className="fb-saved" data-testid="saved-filters">
      {saved.map((filter) => (
        <button
          key={filter.name}
          type="button"
          className="fb-saved-button"
          title={filter.filter}
          onClick={() => onPick(filter.filter)}
        >
          {filter.name}
        </button>
      ))}
      <button
        type="button"
        className="fb-button"
        aria-label="Edit saved filter buttons"
        title="Edit saved filter buttons"
        onClick={() => setEditing(true)}
      >
        ✎
      </button>
      {editing ? <SavedFiltersDialog current={current} onClose={() => setEditing(false)} /> : null}
    </span>
  );
}

function Progress({
  progress,
  onCancel,
}: {
  progress: FilterProgress | null;
  onCancel: (() => void) | undefined;
}) {
  if (!progress || progress.state !== 'running') return null;
  const share = progress.total > 0 ? progress.processed / progress.total : 0;
  return (
    <span className="fb-progress" data-testid="filter-progress">
      <progress max={1} value={share} aria-label={`Filtering ${Math.floor(share * 100)}%`} />
      {onCancel ? (
        <button type="button" className="fb-button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </span>
  );
}
