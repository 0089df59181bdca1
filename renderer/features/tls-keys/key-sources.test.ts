import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { KeySourceInfo } from '../../../shared/contract/tls-channels.js';
import { linesSummary, sessionsWithKeys, upsertSource } from './key-sources.js';
import { SourceTable } from './SourceTable.js';

function source(patch: Partial<KeySourceInfo> = {}): KeySourceInfo {
  return {
    id: 1,
    kind: 'file',
    label: 'sslkeys.log',
    path: '/home/u/sslkeys.log',
    watching: true,
    sessions: 2,
    lines: 10,
    malformed: 0,
    ignored: 0,
    error: null,
    ...patch,
  };
}

describe('key sources', () => {
  it('adds a source or replaces the one with its id, in order', () => {
    const list = [source(), source({ id: 2, label: 'b' })];
    expect(upsertSource(list, source({ id: 3 })).map((s) => s.id)).toEqual([1, 2, 3]);
    const replaced = upsertSource(list, source({ id: 1, lines: 15 }));
    expect(replaced.map((s) => [s.id, s.lines])).toEqual([
      [1, 15],
      [2, 10],
    ]);
    expect(sessionsWithKeys(replaced)).toBe(4);
  });

  it('says what the lines came to, mentioning malformed and ignored only when there are some', () => {
    expect(linesSummary(source())).toBe('10 lines, 2 sessions');
    expect(linesSummary(source({ malformed: 1, ignored: 3 }))).toBe(
      '10 lines, 2 sessions, 1 malformed, 3 ignored',
    );
  });
});

describe('the key sources table', () => {
  const render = (sources: KeySourceInfo[], latest: number | null = null) =>
    renderToStaticMarkup(createElement(SourceTable, { sources, latest, onRemove: () => undefined }));

  it('shows kind, path, watching and the counts, with a Remove button named after the source', () => {
    const html = render(
      [source({ malformed: 2, ignored: 1 }), source({ id: 2, kind: 'browser', watching: false })],
      2,
    );
    const rows = html.match(/<tr data-testid="key-source".*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('data-kind="file"');
    expect(rows[0]).toContain('/home/u/sslkeys.log');
    expect(rows[0]).toContain('watching');
    expect(rows[0]).toMatch(/data-nonzero="true">2</);
    expect(rows[0]).toContain('aria-label="Remove /home/u/sslkeys.log"');
    expect(rows[1]).toContain('data-latest="true"');
    expect(rows[1]).toContain('Browser');
    expect(rows[1]).toContain('<td>—</td>');
  });

  it('shows why a source cannot be read, as an alert', () => {
    const html = render([source({ error: 'ENOENT: the file was removed' })]);
    expect(html).toMatch(/role="alert" data-testid="key-source-error">ENOENT: the file was removed</);
    expect(html).toContain('data-error="true"');
  });

  it('says how to get keys when there is no source', () => {
    expect(render([])).toContain('SSLKEYLOGFILE');
  });
});
