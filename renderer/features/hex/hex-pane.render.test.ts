/**
 * The pane's markup, rendered on the server (there is no DOM in these tests): highlight, data-*
 * hooks for the end-to-end tests, tabs, and that a large buffer is windowed, not laid out whole.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FRAME_SOURCE, type ByteHighlight, type ByteSource } from './byte-source.js';
import { HexPane } from './HexPane.js';

const frame: ByteSource = { name: FRAME_SOURCE, bytes: Uint8Array.from({ length: 74 }, (_, i) => i) };

function render(sources: ByteSource[], highlight: ByteHighlight | null): string {
  return renderToStaticMarkup(createElement(HexPane, { sources, highlight, onSelectByte: () => undefined }));
}

const selectedOffsets = (html: string, column: string) =>
  [...html.matchAll(/data-offset="(\d+)" data-column="(\w+)" data-selected="true"/g)]
    .filter((match) => match[2] === column)
    .map((match) => Number(match[1]));

describe('HexPane markup', () => {
  it('shows every byte in hex and ASCII and marks the highlighted ones in both', () => {
    const html = render([frame], { source: FRAME_SOURCE, range: [14, 18] });
    expect(html).toContain('data-testid="hex-pane"');
    expect(html).toContain('data-source="Frame"');
    expect(html).toContain('data-line-count="5"');
    expect(html.match(/data-column="hex"/g)).toHaveLength(74);
    expect(html.match(/data-column="ascii"/g)).toHaveLength(74);
    expect(selectedOffsets(html, 'hex')).toEqual([14, 15, 16, 17]);
    expect(selectedOffsets(html, 'ascii')).toEqual([14, 15, 16, 17]);
    expect(html).toContain('>0040<');
    expect(html).not.toContain('data-testid="hex-tab"');
  });

  it('highlights nothing for a field in a buffer the pane does not show', () => {
    const html = render([frame], { source: 'Reassembled TCP', range: [0, 4] });
    expect(html).not.toContain('data-selected');
  });

  it('shows a tab per source when there are several, and follows the highlight to its buffer', () => {
    const reassembled: ByteSource = { name: 'Reassembled TCP', bytes: new Uint8Array(1448) };
    const html = render([frame, reassembled], { source: 'Reassembled TCP', range: [100, 102] });
    expect(html.match(/data-testid="hex-tab"/g)).toHaveLength(2);
    expect(html).toContain('Reassembled TCP (1448 bytes)');
    expect(html).toMatch(/aria-selected="true"[^>]*data-source="Reassembled TCP"/);
    expect(html).toContain('data-source="Reassembled TCP"');
    expect(selectedOffsets(html, 'hex')).toEqual([100, 101]);
  });

  it('lays out only the lines near the viewport of a 64 KiB frame', () => {
    const jumbo: ByteSource = { name: FRAME_SOURCE, bytes: new Uint8Array(65536 + 100) };
    const html = render([jumbo], null);
    expect(html).toContain('data-line-count="4103"');
    const lines = html.match(/data-line="/g) ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(100);
    expect(html).toContain('>00000000<');
  });
});
