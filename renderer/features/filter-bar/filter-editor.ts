/**
 * The filter bar's editor: CodeMirror 6 as a one-line display-filter input. Everything here is the
 * editor's state and keys, with no React and no DOM of its own (the hook mounts it):
 * - the filter is checked in the editor state on every change (shared/filter is pure, so the bar
 *   turns red before any round trip), and the characters an error or a deprecated name is about are
 *   marked, a marked space standing in when the error is at the end (`tcp.port ==`);
 * - autocomplete from shared/filter's `completeFilter`: names with their description and type, value
 *   names of enum fields, operators; nothing is selected until the arrows move, so Enter applies;
 * - one line: Enter applies (never inserts a newline), Escape clears, pasted newlines become spaces;
 *   Up and Down walk the applied-filter history while no suggestion list is open.
 */
import {
  acceptCompletion,
  autocompletion,
  closeCompletion,
  completionStatus,
  pickedCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import {
  Annotation,
  EditorState,
  StateEffect,
  StateField,
  Transaction,
  type ChangeSpec,
  type Extension,
  type Range,
} from '@codemirror/state';
import {
  Decoration,
  EditorView,
  WidgetType,
  keymap,
  placeholder,
  type Command,
  type DecorationSet,
} from '@codemirror/view';
import type { FilterSuggestion } from '../../../shared/contract/filter-channels.js';
import { checkFilter, completeFilter, type CheckResult } from '../../../shared/filter/index.js';

export type FilterState = 'empty' | 'valid' | 'invalid' | 'deprecated';

export function stateOf(check: CheckResult, text: string): FilterState {
  if (text.trim() === '') return 'empty';
  if (!check.ok) return 'invalid';
  return check.warnings.length > 0 ? 'deprecated' : 'valid';
}

/** What the editor asks of the bar around it (read at the time of each key, so they may change). */
export interface FilterEditorHost {
  onApply(text: string): void;
  onChange(text: string, check: CheckResult): void;
  /** Applied filters, newest first. */
  history(): readonly string[];
}

/** A change the bar made itself (a filter put in from elsewhere, a history step), not typing. */
export const fromBar = Annotation.define<boolean>();

export const oneLine = (text: string): string => text.replace(/\r\n?|\n/g, ' ');

/** The check of the text in the editor, kept with the state. */
export const filterCheck = StateField.define<CheckResult>({
  create: (state) => checkFilter(state.doc.toString()),
  update: (check, tr) => (tr.docChanged ? checkFilter(tr.newDoc.toString()) : check),
});

/** Newlines typed, pasted or dropped become spaces; the selection keeps its place (same length). */
const singleLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
  const changes: ChangeSpec[] = [];
  tr.changes.iterChanges((from, to, _fromB, _toB, inserted) =>
    changes.push({ from, to, insert: inserted.sliceString(0, inserted.length, ' ') }),
  );
  const picked = tr.annotation(pickedCompletion);
  return {
    changes,
    selection: tr.selection,
    effects: tr.effects,
    scrollIntoView: tr.scrollIntoView,
    annotations: [
      ...(tr.annotation(fromBar) ? [fromBar.of(true)] : []),
      ...(picked ? [pickedCompletion.of(picked)] : []),
    ],
    ...(tr.annotation(Transaction.userEvent) !== undefined && {
      userEvent: tr.annotation(Transaction.userEvent),
    }),
  };
});

class EndMark extends WidgetType {
  override eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'fb-mark fb-mark-end';
    span.textContent = '\u00a0';
    return span;
  }
}

/** The error's characters (else the first warning's), as ranges of the document. */
export function problemMarks(check: CheckResult, length: number): DecorationSet {
  const span = check.error ?? check.warnings[0] ?? null;
  if (!span) return Decoration.none;
  const from = Math.min(span.position, length);
  const to = Math.min(length, span.position + Math.max(1, span.length));
  const marks: Range<Decoration>[] =
    from < to
      ? [Decoration.mark({ class: 'fb-mark' }).range(from, to)]
      : [Decoration.widget({ widget: new EndMark(), side: 1 }).range(length)];
  return Decoration.set(marks);
}

const marks = EditorView.decorations.compute([filterCheck, 'doc'], (state) =>
  problemMarks(state.field(filterCheck), state.doc.length),
);

interface FilterOption extends Completion {
  readonly kind: FilterSuggestion['kind'];
}

const ICONS: Readonly<Record<FilterSuggestion['kind'], string>> = {
  protocol: 'namespace',
  field: 'property',
  value: 'enum',
  operator: 'keyword',
  function: 'function',
  keyword: 'keyword',
};

/** A word goes on (`tls.` → `tls.handshake`): no space after names and functions. */
const JOINED: ReadonlySet<FilterSuggestion['kind']> = new Set(['protocol', 'field', 'function']);

/** shared/filter's suggestions at the cursor as CodeMirror completions, in its order. */
export function filterCompletions(context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const { from, to, suggestions } = completeFilter(text, context.pos);
  // An empty bar lists nothing until asked (Ctrl-Space): clearing it should not open a list.
  if (!context.explicit && text.trim() === '') return null;
  const typed = text.slice(from, to);
  // The word already typed in full is no suggestion (unless asked for with Ctrl-Space).
  const useful = context.explicit ? suggestions : suggestions.filter((s) => s.label !== typed);
  if (useful.length === 0) return null;
  return {
    from,
    to,
    filter: false,
    options: useful.map((s): FilterOption => ({
      label: s.label,
      detail: s.detail,
      type: ICONS[s.kind],
      kind: s.kind,
      apply: JOINED.has(s.kind) ? s.label : `${s.label} `,
    })),
  };
}

/** Where Up and Down are in the history: -1 the text being written (kept as `draft`). */
const historyStep = StateEffect.define<{ index: number; draft: string }>();
const historyPlace = StateField.define<{ index: number; draft: string }>({
  create: () => ({ index: -1, draft: '' }),
  update(place, tr) {
    for (const effect of tr.effects) if (effect.is(historyStep)) return effect.value;
    return tr.docChanged ? { index: -1, draft: '' } : place;
  },
});

/** Replaces the whole text (from elsewhere, not typed), the cursor at its end. */
export function replaceText(view: EditorView, text: string, effects: StateEffect<unknown>[] = []): void {
  const insert = oneLine(text);
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert },
    selection: { anchor: insert.length },
    effects,
    annotations: fromBar.of(true),
  });
}

function walkHistory(host: FilterEditorHost, step: 1 | -1): Command {
  return (view) => {
    if (completionStatus(view.state) === 'active') return false;
    const history = host.history();
    const { index, draft } = view.state.field(historyPlace);
    const next = Math.max(-1, Math.min(history.length - 1, index + step));
    if (next === index) return true;
    const kept = index === -1 ? view.state.doc.toString() : draft;
    replaceText(view, next === -1 ? kept : (history[next] ?? ''), [
      historyStep.of({ index: next, draft: kept }),
    ]);
    return true;
  };
}

function keys(host: FilterEditorHost): Extension {
  return keymap.of([
    {
      key: 'Enter',
      run(view) {
        if (!view.state.field(filterCheck).ok) return true;
        closeCompletion(view);
        host.onApply(view.state.doc.toString().trim());
        return true;
      },
    },
    {
      key: 'Escape',
      run(view) {
        closeCompletion(view);
        replaceText(view, '');
        host.onApply('');
        return true;
      },
    },
    { key: 'Tab', run: acceptCompletion },
    { key: 'ArrowUp', run: walkHistory(host, 1) },
    { key: 'ArrowDown', run: walkHistory(host, -1) },
  ]);
}

/**
 * Styles go through CodeMirror's theme: the editor lives in a shadow root (see use-filter-editor.ts),
 * out of reach of the page's style sheets; custom properties (`--hh-*`) still inherit into it.
 */
const theme = EditorView.theme({
  '&': { color: 'var(--hh-fg)', background: 'transparent', font: '12px var(--hh-font-mono, monospace)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'inherit',
    lineHeight: '18px',
    overflow: 'auto hidden',
    scrollbarWidth: 'none',
  },
  '.cm-content': { padding: '2px 0', caretColor: 'var(--hh-fg)' },
  '.cm-line': { padding: '0 6px' },
  '.cm-cursor': { borderLeftColor: 'var(--hh-fg)' },
  '.cm-placeholder': { color: 'var(--hh-muted)' },
  '.fb-mark': { textDecoration: 'underline wavy var(--hh-warning)', textDecorationSkipInk: 'none' },
  '.cm-tooltip.cm-tooltip-autocomplete': {
    background: 'var(--hh-bg)',
    color: 'var(--hh-fg)',
    border: '1px solid var(--hh-border)',
    boxShadow: '0 4px 12px rgba(0, 0, 0, 0.18)',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': {
    fontFamily: 'inherit',
    maxHeight: '280px',
    minWidth: '320px',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '1px 8px 1px 2px' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    background: 'var(--hh-selection-bg)',
    color: 'var(--hh-selection-fg)',
  },
  '.cm-completionDetail': { color: 'var(--hh-muted)', fontStyle: 'normal', marginLeft: '16px' },
  'li[aria-selected] .cm-completionDetail': { color: 'inherit' },
});

/** The editor's extensions; `label` names it for assistive technology. */
export function filterEditor(host: FilterEditorHost, label: string): Extension {
  return [
    singleLine,
    filterCheck,
    historyPlace,
    marks,
    autocompletion({
      override: [filterCompletions],
      selectOnOpen: false,
      activateOnCompletion: (c) => (c as FilterOption).kind === 'operator',
      optionClass: (c) => `fb-option fb-option-${(c as FilterOption).kind}`,
      maxRenderedOptions: 60,
    }),
    keys(host),
    placeholder('Apply a display filter … <Ctrl-/>'),
    EditorView.contentAttributes.of({
      'aria-label': label,
      'aria-multiline': 'false',
      'data-testid': 'filter-input',
      spellcheck: 'false',
      autocorrect: 'off',
      autocapitalize: 'off',
    }),
    EditorView.contentAttributes.compute([filterCheck, 'doc'], (state) => ({
      'aria-invalid': String(stateOf(state.field(filterCheck), state.doc.toString()) === 'invalid'),
    })),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) host.onChange(update.state.doc.toString(), update.state.field(filterCheck));
    }),
    theme,
  ];
}
