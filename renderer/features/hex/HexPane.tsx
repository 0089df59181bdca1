/**
 * Wireshark's bytes pane: offset, 16 bytes as hex, the same bytes as ASCII; the selected field's bytes
 * highlighted in both; a click on a byte asks for the innermost field there. One tab per byte source
 * (the frame, later reassembled or decrypted buffers), shown when there is more than one.
 *
 * Test hooks: the pane is `[data-testid="hex-pane"]` with `data-source` (the shown source's name);
 * tabs are `[data-testid="hex-tab"][data-source=…]` with `aria-selected`; the scroller is
 * `[data-testid="hex-view"]` with `data-line-count`; lines carry `data-line`; byte cells carry
 * `data-offset`, `data-column="hex|ascii"`, and `data-selected="true"` when highlighted. Only lines
 * near the viewport exist in the DOM.
 */
import { useState } from 'react';
import { type ByteHighlight, type ByteSource } from './byte-source.js';
import { HexView } from './HexView.js';
import './hex.css';

export interface HexPaneProps {
  /** The first is the frame's own bytes (`FRAME_SOURCE`). */
  readonly sources: readonly ByteSource[];
  readonly highlight: ByteHighlight | null;
  readonly onSelectByte: (source: string, offset: number) => void;
  readonly 'aria-label'?: string;
}

export function HexPane({ sources, highlight, onSelectByte, ...rest }: HexPaneProps) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [followed, setFollowed] = useState<ByteHighlight | null>(null);
  // A newly selected field shows its own buffer, as Wireshark switches tabs for it (state adjusted
  // during render, React's pattern for deriving from a changed prop).
  if (!sameHighlight(highlight, followed)) {
    setFollowed(highlight);
    if (highlight && sources.some((source) => source.name === highlight.source)) setChosen(highlight.source);
  }
  const active = sources.find((source) => source.name === chosen) ?? sources[0];
  const range = active && highlight?.source === active.name ? highlight.range : null;
  return (
    <div
      className="hh-hex"
      data-testid="hex-pane"
      data-source={active?.name}
      aria-label={rest['aria-label'] ?? 'Packet bytes'}
      role="region"
    >
      {active && (
        <HexView
          key={active.name}
          source={active}
          range={range}
          onSelectByte={(offset) => onSelectByte(active.name, offset)}
        />
      )}
      {sources.length > 1 && <HexTabs sources={sources} active={active?.name} onChoose={setChosen} />}
    </div>
  );
}

function sameHighlight(a: ByteHighlight | null, b: ByteHighlight | null): boolean {
  if (a === null || b === null) return a === b;
  return a.source === b.source && a.range[0] === b.range[0] && a.range[1] === b.range[1];
}

interface HexTabsProps {
  readonly sources: readonly ByteSource[];
  readonly active: string | undefined;
  readonly onChoose: (name: string) => void;
}

/** Below the bytes, as in Wireshark: `Frame (74 bytes)`, `Reassembled TCP (1448 bytes)`. */
function HexTabs({ sources, active, onChoose }: HexTabsProps) {
  return (
    <div className="hh-hex-tabs" role="tablist" aria-label="Byte sources">
      {sources.map((source) => (
        <button
          key={source.name}
          type="button"
          role="tab"
          className="hh-hex-tab"
          aria-selected={source.name === active}
          data-testid="hex-tab"
          data-source={source.name}
          onClick={() => onChoose(source.name)}
        >
          {`${source.label ?? source.name} (${source.bytes.length} byte${source.bytes.length === 1 ? '' : 's'})`}
        </button>
      ))}
    </div>
  );
}
