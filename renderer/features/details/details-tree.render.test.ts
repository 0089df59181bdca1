/**
 * The tree's markup, rendered on the server (there is no DOM in these tests): the ARIA roles and
 * the data-* hooks that the end-to-end tests rely on. Behaviour in a browser (keys, clicks,
 * scrolling) is the end-to-end tests' job; the logic behind it is tested in selection/tree-keys.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DetailsTree } from './DetailsTree.js';
import { frame, TCP_FRAME } from './test-frames.js';

const noop = (): void => undefined;

function render(expanded: string[], selected: number[] | null, details = TCP_FRAME): string {
  return renderToStaticMarkup(
    createElement(DetailsTree, {
      details,
      selected,
      onSelect: noop,
      expanded: new Set(expanded),
      onToggle: noop,
    }),
  );
}

const rowsOf = (html: string) => html.match(/<div[^>]*role="treeitem"[^>]*>/g) ?? [];

describe('DetailsTree markup', () => {
  it('is a tree of treeitems with levels, expansion and selection', () => {
    const html = render(['ip', 'ip/ip.flags'], [2, 3, 1]);
    expect(html).toMatch(/^<div[^>]*role="tree"[^>]*data-testid="details-tree"/);
    const rows = rowsOf(html);
    expect(rows).toHaveLength(4 + 6 + 2);
    const df = rows.find((row) => row.includes('data-field-id="ip.flags.df"')) ?? '';
    expect(df).toContain('data-path="2.3.1"');
    expect(df).toContain('aria-level="3"');
    expect(df).toContain('aria-selected="true"');
    expect(df).not.toContain('aria-expanded');
    const ip = rows.find((row) => row.includes('data-path="2"')) ?? '';
    expect(ip).toContain('aria-expanded="true"');
    expect(ip).toContain('aria-selected="false"');
    expect(ip).toContain('data-kind="layer"');
    expect(rows.filter((row) => row.includes('aria-selected="true"'))).toHaveLength(1);
    expect(html).toContain('Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2');
    // The tree points at the selected row for assistive technology.
    const id = /id="([^"]+)"[^>]*data-path="2.3.1"/.exec(html)?.[1];
    expect(html).toContain(`aria-activedescendant="${id}"`);
  });

  it('shows comments first and problems as warnings in their layer', () => {
    const details = frame(TCP_FRAME.layers, {
      comments: ['checked by hand'],
      problems: [{ kind: 'malformed', layer: 'ip', message: 'header length below 20', range: [14, 15] }],
    });
    const html = render(['comments', 'ip'], null, details);
    const rows = rowsOf(html);
    expect(rows[0]).toContain('data-kind="comments"');
    expect(html).toContain('Packet comments');
    expect(html).toContain('checked by hand');
    const problem = rows.find((row) => row.includes('data-kind="problem"')) ?? '';
    expect(problem).toContain('data-problem="malformed"');
    expect(problem).toContain('hh-details-warning');
    expect(problem).toContain('data-path="3.6"');
    expect(html).toContain('[Malformed Packet: header length below 20]');
    expect(html).not.toContain('aria-activedescendant');
  });
});
