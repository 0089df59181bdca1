/**
 * The filter bar's editing state: the text, its check (run here, in the renderer, on every keystroke:
 * shared/filter is pure, so the bar turns red before any round trip), and the autocomplete list at
 * the cursor with keyboard selection. Enter applies a valid filter (or takes the highlighted
 * suggestion), Escape closes the list or clears the filter, Tab takes a suggestion.
 */
import { useMemo, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { FilterSuggestion } from '../../../shared/contract/filter-channels.js';
import { checkFilter, completeFilter, type CheckResult } from '../../../shared/filter/index.js';

export type FilterState = 'empty' | 'valid' | 'invalid' | 'deprecated';

export interface FilterInput {
  readonly text: string;
  readonly check: CheckResult;
  readonly state: FilterState;
  readonly suggestions: readonly FilterSuggestion[];
  readonly highlighted: number;
  readonly open: boolean;
  /** Where the caret should go after a suggestion is taken (the input applies it). */
  readonly caret: number | null;
  setText(text: string): void;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
  onCaret(cursor: number): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  take(suggestion: FilterSuggestion): void;
  close(): void;
}

export function stateOf(check: CheckResult, text: string): FilterState {
  if (text.trim() === '') return 'empty';
  if (!check.ok) return 'invalid';
  return check.warnings.length > 0 ? 'deprecated' : 'valid';
}

export function useFilterInput(initial: string, apply: (text: string) => void): FilterInput {
  const [text, setTextState] = useState(initial);
  const [cursor, setCursor] = useState(initial.length);
  const [open, setOpen] = useState(false);
  const [highlighted, setHighlighted] = useState(-1);
  const [caret, setCaret] = useState<number | null>(null);
  const check = useMemo(() => checkFilter(text), [text]);
  const completion = useMemo(() => completeFilter(text, cursor), [text, cursor]);
  const suggestions = open ? completion.suggestions : [];

  const setText = (next: string): void => {
    setTextState(next);
    setCursor(next.length);
    setOpen(false);
  };
  const take = (suggestion: FilterSuggestion): void => {
    const before = text.slice(0, completion.from);
    const after = text.slice(completion.to);
    const space =
      suggestion.kind === 'function' || suggestion.kind === 'field' || suggestion.kind === 'protocol'
        ? ''
        : ' ';
    const inserted = suggestion.label + space;
    setTextState(before + inserted + after);
    setCursor(before.length + inserted.length);
    setCaret(before.length + inserted.length);
    setHighlighted(-1);
    setOpen(suggestion.kind === 'field' || suggestion.kind === 'protocol' || suggestion.kind === 'operator');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const listed = suggestions.length > 0;
    const move = (step: number) => {
      event.preventDefault();
      setHighlighted((h) => (h + step + suggestions.length) % suggestions.length);
    };
    if (listed && event.key === 'ArrowDown') return move(1);
    if (listed && event.key === 'ArrowUp') return move(-1);
    const chosen = suggestions[highlighted];
    if (chosen && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      return take(chosen);
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      setOpen(false);
      if (check.ok) apply(text.trim());
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (listed) setOpen(false);
      else {
        setText('');
        apply('');
      }
    } else if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      setOpen(true);
    }
  };

  return {
    text,
    check,
    state: stateOf(check, text),
    suggestions,
    highlighted,
    open: open && suggestions.length > 0,
    caret,
    setText,
    onChange: (event) => {
      setTextState(event.target.value);
      setCursor(event.target.selectionStart ?? event.target.value.length);
      setHighlighted(-1);
      setCaret(null);
      setOpen(true);
    },
    onCaret: setCursor,
    onKeyDown,
    take,
    close: () => setOpen(false),
  };
}
