/**
 * The saved filter buttons in force, shared by every bar that shows them (kept in the page's storage
 * by filter-memory.ts, Wireshark's "Filter Buttons"), and the check the editing dialog runs before it
 * saves: each button needs a label of its own and a valid, non-empty filter.
 */
import { useSyncExternalStore } from 'react';
import { checkFilter } from '../../../shared/filter/index.js';
import { DEFAULT_SAVED, readSaved, writeSaved, type SavedFilter } from './filter-memory.js';

let saved: readonly SavedFilter[] | null = null;
const listeners = new Set<() => void>();

function current(): readonly SavedFilter[] {
  saved ??= readSaved();
  return saved;
}

export function setSavedFilters(next: readonly SavedFilter[]): void {
  saved = writeSaved(next.map(({ name, filter }) => ({ name: name.trim(), filter: filter.trim() })));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSavedFilters(): readonly SavedFilter[] {
  return useSyncExternalStore(subscribe, current);
}

export { DEFAULT_SAVED, type SavedFilter };

/** What is wrong with each button (null: nothing), in the filter checker's words for filters. */
export function savedProblems(list: readonly SavedFilter[]): (string | null)[] {
  return list.map(({ name, filter }, i) => {
    const label = name.trim();
    if (label === '') return 'A button needs a label.';
    if (list.findIndex((other) => other.name.trim() === label) !== i)
      return `Another button is labelled "${label}".`;
    if (filter.trim() === '') return 'A button needs a filter.';
    const checked = checkFilter(filter);
    return checked.ok ? null : (checked.error?.message ?? 'Invalid filter.');
  });
}
