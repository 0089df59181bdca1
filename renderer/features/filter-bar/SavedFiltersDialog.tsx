/**
 * Editing the saved filter buttons (Wireshark's Filter Button preferences): each button's label and
 * filter, the filter checked as it is typed (red with the checker's message when invalid), order,
 * add (with the filter now in the bar), remove, restore the defaults. Save is refused while any
 * button has a problem. Test hooks: `[data-testid="saved-filters-dialog"]`, rows
 * `[data-testid="saved-filter-row"]`, problems `[data-testid="saved-filter-problem"]`.
 */
import { useState } from 'react';
import {
  DEFAULT_SAVED,
  savedProblems,
  setSavedFilters,
  useSavedFilters,
  type SavedFilter,
} from './saved-filters.js';

export interface SavedFiltersDialogProps {
  /** The filter in the bar, offered for a new button. */
  readonly current: string;
  onClose(): void;
}

export function SavedFiltersDialog({ current, onClose }: SavedFiltersDialogProps) {
  const saved = useSavedFilters();
  const [list, setList] = useState<SavedFilter[]>(() => [...saved]);
  const problems = savedProblems(list);
  const update = (i: number, patch: Partial<SavedFilter>) =>
    setList((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, step: number) =>
    setList((all) => {
      const next = [...all];
      const [item] = next.splice(i, 1);
      if (item) next.splice(Math.max(0, Math.min(next.length, i + step)), 0, item);
      return next;
    });
  const save = () => {
    setSavedFilters(list);
    onClose();
  };

  return (
    <div
      className="sf-backdrop"
      role="dialog"
      aria-modal="true"
      aria-label="Saved filter buttons"
      data-testid="saved-filters-dialog"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="sf-dialog">
        <h2>Saved filter buttons</h2>
        <ol className="sf-list">
          {list.map((item, i) => (
            <li key={i} className="sf-row" data-testid="saved-filter-row">
              <input
                className="sf-name"
                aria-label={`Label of button ${i + 1}`}
                value={item.name}
                onChange={(e) => update(i, { name: e.target.value })}
              />
              <input
                className="sf-filter"
                aria-label={`Filter of button ${i + 1}`}
                aria-invalid={problems[i] !== null}
                data-state={problems[i] === null ? 'valid' : 'invalid'}
                spellCheck={false}
                value={item.filter}
                onChange={(e) => update(i, { filter: e.target.value })}
              />
              <button type="button" aria-label={`Move button ${i + 1} up`} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" aria-label={`Move button ${i + 1} down`} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove button ${i + 1}`}
                onClick={() => setList((all) => all.filter((_, j) => j !== i))}
              >
                ×
              </button>
              {problems[i] ? (
                <p className="sf-problem" data-testid="saved-filter-problem" role="alert">
                  {problems[i]}
                </p>
              ) : null}
            </li>
          ))}
          {list.length === 0 ? <li className="sf-empty">No buttons</li> : null}
        </ol>
        <div className="sf-actions">
          <button
            type="button"
            onClick={() => setList((all) => [...all, { name: '', filter: current.trim() }])}
          >
            Add
          </button>
          <button type="button" onClick={() => setList([...DEFAULT_SAVED])}>
            Restore defaults
          </button>
          <span className="sf-spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" disabled={problems.some((p) => p !== null)} onClick={save}>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
