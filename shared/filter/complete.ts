/**
 * Autocomplete for the filter bar: what may come at the cursor, from the field registry.
 * - where a test may start (the beginning, after `(`, `!`, `&&`, `||`…): protocol and field names
 *   that start with what is typed (`tls.handsh` → `tls.handshake.extensions_server_name`…), with
 *   their description and type, and the functions;
 * - after a comparison operator or inside `in {…}`: the value names of an enum field
 *   (`tls.handshake.type == ` → `client_hello`-style names as the registry words them);
 * - after a complete field name: the comparison operators; after a complete test: `&&`, `||`.
 */
import type { FilterCompletion, FilterSuggestion } from '../contract/filter-channels.js';
import { filterNames, resolveName, typeName, type FilterField } from './fields.js';
import { tokenize, type Token } from './lexer.js';

const MAX_SUGGESTIONS = 60;
const WORD = /[A-Za-z0-9_.:-]/;

const FUNCTIONS: readonly (readonly [string, string])[] = [
  ['len', 'Length in bytes'],
  ['count', 'Number of occurrences'],
  ['lower', 'Lower-case string'],
  ['upper', 'Upper-case string'],
  ['string', 'Value as a string'],
  ['max', 'Largest value'],
  ['min', 'Smallest value'],
  ['abs', 'Absolute value'],
];

const COMPARISONS: readonly (readonly [string, string])[] = [
  ['==', 'Equal (any occurrence)'],
  ['!=', 'Not equal (all occurrences)'],
  ['>', 'Greater than'],
  ['<', 'Less than'],
  ['>=', 'Greater than or equal'],
  ['<=', 'Less than or equal'],
  ['contains', 'Contains bytes or text'],
  ['matches', 'Matches a regular expression (case-insensitive)'],
  ['in', 'Member of a set: in {80, 443, 8000..8100}'],
  ['===', 'Equal (all occurrences)'],
  ['!==', 'Not equal (any occurrence)'],
];

const LOGICAL: readonly (readonly [string, string])[] = [
  ['&&', 'And'],
  ['||', 'Or'],
  ['^^', 'Exclusive or'],
];

function describe(field: FilterField): string {
  return field.isProtocol ? field.label : `${field.label} · ${typeName(field.type)}`;
}

function names(prefix: string): FilterSuggestion[] {
  const lower = prefix.toLowerCase();
  const fields = filterNames()
    .filter((name) => name.toLowerCase().startsWith(lower))
    // Shallower names first (`tls` before `tls.handshake`), then alphabetically.
    .sort((a, b) => a.split('.').length - b.split('.').length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_SUGGESTIONS)
    .map((name): FilterSuggestion => {
      const field = resolveName(name)?.field;
      return {
        label: name,
        kind: field?.isProtocol ? 'protocol' : 'field',
        detail: field ? describe(field) : '',
      };
    });
  const functions = FUNCTIONS.filter(([name]) => name.startsWith(lower)).map(
    ([name, detail]): FilterSuggestion => ({ label: `${name}(`, kind: 'function', detail }),
  );
  return [...fields, ...functions].slice(0, MAX_SUGGESTIONS);
}

/** Value names of an enum or boolean field, as literals the checker accepts. */
function values(field: FilterField, prefix: string): FilterSuggestion[] {
  const lower = prefix.toLowerCase().replace(/^"/, '');
  const entries: [string, string][] = field.strings
    ? Object.entries(field.strings).map(([value, name]) => [name, value])
    : field.ftype === 'bool'
      ? [
          [field.tfs?.[0] ?? 'True', '1'],
          [field.tfs?.[1] ?? 'False', '0'],
        ]
      : [];
  return entries
    .filter(([name]) => name.toLowerCase().startsWith(lower))
    .map(([name, value]) => ({
      label: /^[A-Za-z0-9_.:-]+$/.test(name) ? name : `"${name}"`,
      kind: 'value' as const,
      detail: `${field.name} ${value}`,
    }))
    .slice(0, MAX_SUGGESTIONS);
}

function options(
  list: readonly (readonly [string, string])[],
  kind: FilterSuggestion['kind'],
  prefix: string,
) {
  return list
    .filter(([label]) => label.startsWith(prefix))
    .map(([label, detail]) => ({ label, kind, detail }));
}

/** The field a value is being written for: the word just before the last operator or `in`. */
function fieldBefore(tokens: readonly Token[]): FilterField | undefined {
  for (let i = tokens.length - 1; i > 0; i--) {
    const t = tokens[i] as Token;
    if (t.kind === 'and' || t.kind === 'or' || t.kind === 'xor' || t.kind === '(') return undefined;
    const before = tokens[i - 1] as Token;
    if ((t.kind === 'cmp' || t.kind === 'in') && before.kind === 'word')
      return resolveName(before.text)?.field;
  }
  return undefined;
}

function suggestAfter(tokens: readonly Token[], prefix: string): FilterSuggestion[] {
  const last = tokens.at(-1);
  if (
    !last ||
    last.kind === '(' ||
    last.kind === 'and' ||
    last.kind === 'or' ||
    last.kind === 'xor' ||
    last.kind === 'not'
  )
    return names(prefix);
  if (
    last.kind === 'cmp' ||
    last.kind === '{' ||
    last.kind === '..' ||
    (last.kind === ',' && tokens.some((t) => t.kind === 'in'))
  ) {
    const field = fieldBefore(tokens);
    return field ? values(field, prefix) : [];
  }
  if (last.kind === 'word') {
    const field = resolveName(last.text)?.field;
    if (field) return [...options(COMPARISONS, 'operator', prefix), ...options(LOGICAL, 'keyword', prefix)];
  }
  if (last.kind === ',') return names(prefix);
  return options(LOGICAL, 'keyword', prefix);
}

/** Suggestions for the word at `cursor` (replacing `[from, to)`). */
export function completeFilter(text: string, cursor: number): FilterCompletion {
  const at = Math.min(Math.max(0, cursor), text.length);
  let from = at;
  while (from > 0 && WORD.test(text[from - 1] as string)) from--;
  let to = at;
  while (to < text.length && WORD.test(text[to] as string)) to++;
  const prefix = text.slice(from, at);
  let tokens: Token[];
  try {
    tokens = tokenize(text.slice(0, from)).slice(0, -1);
  } catch {
    return { from, to, suggestions: [] };
  }
  return { from, to, suggestions: suggestAfter(tokens, prefix) };
}
