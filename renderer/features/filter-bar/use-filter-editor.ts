/**
 * Mounts the filter bar's CodeMirror editor (filter-editor.ts) and mirrors its text and check into
 * React state for the bar's colour and message.
 *
 * The editor lives in a shadow root of its host element because of the renderer's CSP
 * (`style-src 'self'`, shared/contract/csp.ts): CodeMirror injects its styles with a `<style>`
 * element in a document, which that policy refuses, but in a shadow root it adopts constructed
 * style sheets (CSSOM, which the policy does not govern). So the policy stays as it is.
 */
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { checkFilter, type CheckResult } from '../../../shared/filter/index.js';
import {
  filterEditor,
  oneLine,
  replaceText,
  stateOf,
  type FilterEditorHost,
  type FilterState,
} from './filter-editor.js';

export interface FilterEditorOptions {
  readonly label: string;
  readonly initial: string;
  onApply(text: string): void;
  history(): readonly string[];
}

export interface FilterEditor {
  readonly host: RefObject<HTMLDivElement | null>;
  readonly text: string;
  readonly check: CheckResult;
  readonly state: FilterState;
  /** Puts a filter in the bar (not applied). */
  setText(text: string): void;
  focus(): void;
}

export function useFilterEditor(options: FilterEditorOptions): FilterEditor {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [snapshot, setSnapshot] = useState(() => {
    const text = oneLine(options.initial);
    return { text, check: checkFilter(text) };
  });
  const latest = useRef({ options, text: snapshot.text });
  latest.current.options = options;
  latest.current.text = snapshot.text;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const bridge: FilterEditorHost = {
      onApply: (text) => latest.current.options.onApply(text),
      history: () => latest.current.options.history(),
      onChange: (text, check) => {
        latest.current.text = text;
        setSnapshot({ text, check });
      },
    };
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: latest.current.text,
        extensions: filterEditor(bridge, latest.current.options.label),
      }),
    });
    view.current = editor;
    return () => {
      view.current = null;
      editor.destroy();
    };
  }, []);

  const setText = useCallback((text: string) => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== oneLine(text)) replaceText(editor, text);
    else if (!editor) {
      latest.current.text = oneLine(text);
      setSnapshot({ text: oneLine(text), check: checkFilter(oneLine(text)) });
    }
  }, []);
  const focus = useCallback(() => view.current?.focus(), []);

  return {
    host,
    text: snapshot.text,
    check: snapshot.check,
    state: stateOf(snapshot.check, snapshot.text),
    setText,
    focus,
  };
}
