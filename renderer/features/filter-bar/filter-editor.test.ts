/**
 * The filter bar's CodeMirror state without a browser: one line whatever is pasted, the check and the
 * marked characters kept with the text, and completions from shared/filter in CodeMirror's terms.
 * Keys, focus and the shadow root are the browser story's (test/e2e/filter.e2e.test.ts).
 */
import { CompletionContext, type Completion } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import {
  filterCheck,
  filterCompletions,
  filterEditor,
  problemMarks,
  type FilterEditorHost,
} from './filter-editor.js';

const host: FilterEditorHost = { onApply: () => {}, onChange: () => {}, history: () => [] };

function editor(doc: string): EditorState {
  return EditorState.create({ doc, extensions: filterEditor(host, 'Display filter') });
}

function marks(state: EditorState): [number, number, string][] {
  const out: [number, number, string][] = [];
  const set = problemMarks(state.field(filterCheck), state.doc.length);
  set.between(0, state.doc.length, (from, to, deco) => {
    out.push([from, to, deco.spec.widget ? 'end' : String(deco.spec.class)]);
  });
  return out;
}

function complete(doc: string, explicit = false): Completion[] {
  const result = filterCompletions(new CompletionContext(editor(doc), doc.length, explicit));
  return result ? [...result.options] : [];
}

describe('the filter editor', () => {
  it('keeps one line: pasted and typed newlines become spaces, the cursor stays put', () => {
    const state = editor('tcp');
    const pasted = state.update({
      changes: { from: 3, insert: '\n&& udp\r\n' },
      selection: { anchor: 11 },
      userEvent: 'input.paste',
    }).state;
    expect(pasted.doc.toString()).toBe('tcp && udp ');
    expect(pasted.doc.lines).toBe(1);
    expect(pasted.selection.main.head).toBe(11);
  });

  it('checks the text as it changes and marks what the error is about', () => {
    const state = editor('tcp.port == 80 && htpp');
    expect(state.field(filterCheck).error?.message).toBe('"htpp" is neither a field nor a protocol name.');
    expect(marks(state)).toEqual([[18, 22, 'fb-mark']]);
    const fixed = state.update({ changes: { from: 18, to: 22, insert: 'http' } }).state;
    expect(fixed.field(filterCheck).ok).toBe(true);
    expect(marks(fixed)).toEqual([]);
  });

  it('marks a space at the end when the filter stops too early, and deprecated names', () => {
    const state = editor('tcp.port ==');
    expect(state.field(filterCheck).ok).toBe(false);
    expect(marks(state)).toEqual([[11, 11, 'end']]);
    const deprecated = editor('tcp.flags.ns == 1');
    expect(deprecated.field(filterCheck).warnings).toHaveLength(1);
    expect(marks(deprecated)[0]?.[2]).toBe('fb-mark');
  });

  it('completes names with description and type, and value names of enum fields', () => {
    const sni = complete('tls.handsh').find((c) => c.label === 'tls.handshake.extensions_server_name');
    expect(sni).toMatchObject({ type: 'property', apply: 'tls.handshake.extensions_server_name' });
    expect(sni?.detail).toMatch(/Server Name · /);
    expect(complete('ip.proto == ').map((c) => c.label)).toEqual(expect.arrayContaining(['TCP', 'UDP']));
    expect(complete('ip.proto == ').find((c) => c.label === 'TCP')?.apply).toBe('TCP ');
    expect(complete('tcp.port ').find((c) => c.label === '==')).toMatchObject({ apply: '== ' });
  });

  it('does not offer the word already typed in full, nor every name in an empty bar, unless asked', () => {
    expect(complete('tcp.srcport')).toEqual([]);
    expect(complete('')).toEqual([]);
    expect(complete('', true).map((c) => c.label)).toContain('http');
    expect(complete('tcp.srcport', true).map((c) => c.label)).toEqual(['tcp.srcport']);
  });
});
