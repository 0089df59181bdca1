/**
 * The display-filter bar (one per lane, and one for all lanes): a single-line input whose background
 * says whether the filter is valid (green), invalid (red, with the message under it and the wrong
 * characters underlined) or uses a deprecated name (yellow), as Wireshark's does; autocomplete of
 * protocol and field names (with descriptions and types) and of value names; Enter applies, Escape
 * clears; a history drop-down; saved filter buttons; progress of a long filter with Cancel.
 *
 * A plain input with its own list (not CodeMirror 6 yet: see the filter issue's notes for the
 * packages). Test hooks: `[data-testid="filter-bar"]` with `data-state`, the input
 * `[data-testid="filter-input"]`, the message `[data-testid="filter-message"]`, suggestions
 * `[data-testid="filter-suggestion"]`.
 */
import { useEffect, useRef, useState } from 'react';
import type { FilterProgress } from '../../../shared/contract/filter-channels.js';
import { readHistory, readSaved, remember, type SavedFilter } from './filter-memory.js';
import { useFilterInput } from './use-filter-input.js';
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
  /** Show the saved filter buttons (the all-lanes bar). */
  readonly saved?: boolean;
}

export function FilterBar({ label, applied, onApply, prepared, progress, onCancel, saved }: FilterBarProps) {
  const [history, setHistory] = useState<string[]>(() => readHistory());
  const [showHistory, setShowHistory] = useState(false);
  const apply = (text: string) => {
    setHistory(remember(text));
    onApply(text);
  };
  const input = useFilterInput(applied, apply);
  const inputRef = useRef<HTMLInputElement>(null);
  const { setText, caret } = input;
  const setTextRef = useRef(setText);
  setTextRef.current = setText;

  // A filter applied from elsewhere (the all-lanes bar) or prepared from the details tree.
  useEffect(() => setTextRef.current(applied), [applied]);
  useEffect(() => {
    if (prepared) setTextRef.current(prepared.text);
  }, [prepared]);
  useEffect(() => {
    const element = inputRef.current;
    if (caret !== null && element) element.setSelectionRange(caret, caret);
  }, [caret]);

  const error = input.check.error;
  const message = error ? error.message : (input.check.warnings[0]?.message ?? null);
  const dirty = input.text.trim() !== applied;
  return (
    <div className="fb" data-testid="filter-bar" data-state={input.state} data-dirty={dirty || undefined}>
      <div className="fb-row">
        <div className="fb-field">
          <Mirror text={input.text} span={error ?? input.check.warnings[0] ?? null} />
          <input
            ref={inputRef}
            className="fb-input"
            data-testid="filter-input"
            aria-label={label}
            aria-invalid={input.state === 'invalid'}
            aria-autocomplete="list"
            aria-expanded={input.open}
            spellCheck={false}
            placeholder="Apply a display filter … <Ctrl-/>"
            value={input.text}
            onChange={input.onChange}
            onKeyDown={input.onKeyDown}
            onSelect={(e) => input.onCaret(e.currentTarget.selectionStart ?? input.text.length)}
            onBlur={() => setTimeout(input.close, 150)}
            onScroll={(e) => syncMirror(e.currentTarget)}
          />
          {input.open ? <Suggestions input={input} /> : null}
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
          disabled={!input.check.ok}
          onClick={() => apply(input.text.trim())}
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
            onPick={(f) => {
              setText(f.filter);
              apply(f.filter);
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

/** The text again, behind the input, with the characters an error is about underlined. */
function Mirror({ text, span }: { text: string; span: { position: number; length: number } | null }) {
  if (!span) return <div className="fb-mirror" aria-hidden="true" />;
  const end = span.position + Math.max(1, span.length);
  return (
    <div className="fb-mirror" aria-hidden="true">
      {text.slice(0, span.position)}
      <span className="fb-mark">{text.slice(span.position, end) || ' '}</span>
      {text.slice(end)}
    </div>
  );
}

function syncMirror(input: HTMLInputElement): void {
  const mirror = input.previousElementSibling as HTMLElement | null;
  if (mirror) mirror.style.transform = `translateX(${-input.scrollLeft}px)`;
}

function Suggestions({ input }: { input: ReturnType<typeof useFilterInput> }) {
  return (
    <ul className="fb-list" role="listbox" data-testid="filter-suggestions">
      {input.suggestions.map((s, i) => (
        <li
          key={`${s.kind}:${s.label}`}
          role="option"
          aria-selected={i === input.highlighted}
          data-testid="filter-suggestion"
          data-kind={s.kind}
          onMouseDown={(e) => {
            e.preventDefault();
            input.take(s);
          }}
        >
          <span className="fb-label">{s.label}</span>
          <span className="fb-detail">{s.detail}</span>
        </li>
      ))}
    </ul>
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

function SavedButtons({ onPick }: { onPick(filter: SavedFilter): void }) {
  const [saved] = useState(() => readSaved());
  return (
    <span className="fb-saved">
      {saved.map((filter) => (
        <button
          key={filter.name}
          type="button"
          className="fb-saved-button"
          title={filter.filter}
          onClick={() => onPick(filter)}
        >
          {filter.name}
        </button>
      ))}
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
