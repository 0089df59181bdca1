/**
 * One byte source's lines, windowed: a spacer as tall as every line, and only the lines near the
 * viewport rendered inside it at a fixed height (a 64 KiB frame is 4096 lines; a reassembled buffer
 * can be far more). The line height is applied inline from the same constant the windowing uses,
 * so CSS cannot drift from it.
 */
import { memo, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { ByteSource } from './byte-source.js';
import {
  inRange,
  layoutLine,
  lineCount,
  offsetDigits,
  rangeOnLine,
  scrollTargetFor,
  visibleLines,
} from './hex-layout.js';

const LINE_HEIGHT_PX = 18;
const OVERSCAN_LINES = 8;
/** Before the first measurement (and when rendered on a server, in tests): a tall pane's worth. */
const INITIAL_VIEWPORT_PX = 40 * LINE_HEIGHT_PX;

export interface HexViewProps {
  readonly source: ByteSource;
  readonly range: readonly [number, number] | null;
  readonly onSelectByte: (offset: number) => void;
}

export function HexView({ source, range, onSelectByte }: HexViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(INITIAL_VIEWPORT_PX);
  const { bytes } = source;
  const count = lineCount(bytes.length);
  const digits = offsetDigits(bytes.length);
  const [first, end] = visibleLines(scrollTop, viewport, LINE_HEIGHT_PX, count, OVERSCAN_LINES);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // The observer reports the size it measured (also once at start): reading clientHeight here
    // would force a synchronous layout of the whole window on every mount.
    const observer = new ResizeObserver(([entry]) => entry && setViewport(entry.contentRect.height));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useScrollIntoView(scroller, bytes, range, scrollTop, viewport, setScrollTop);

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    // One delegated handler instead of one per byte cell.
    const cell = event.target instanceof Element ? event.target.closest('[data-offset]') : null;
    const offset = Number(cell?.getAttribute('data-offset'));
    if (cell && Number.isInteger(offset)) onSelectByte(offset);
  };

  const lines = [];
  for (let index = first; index < end; index++) {
    lines.push(
      <HexLineRow
        key={index}
        bytes={bytes}
        index={index}
        digits={digits}
        range={range && rangeOnLine(range, index)}
      />,
    );
  }
  return (
    <div
      ref={scroller}
      className="hh-hex-view"
      data-testid="hex-view"
      data-line-count={count}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onClick={onClick}
    >
      <div className="hh-hex-spacer" style={{ height: count * LINE_HEIGHT_PX }}>
        <div style={{ transform: `translateY(${first * LINE_HEIGHT_PX}px)` }}>{lines}</div>
      </div>
    </div>
  );
}

/**
 * Scrolls the highlighted range into view when it changes, and back to the top for new bytes. A
 * range that is partly in view stays put (see `scrollTargetFor`).
 */
function useScrollIntoView(
  scroller: RefObject<HTMLDivElement | null>,
  bytes: Uint8Array,
  range: readonly [number, number] | null,
  scrollTop: number,
  viewport: number,
  setScrollTop: (top: number) => void,
): void {
  const shown = useRef<Uint8Array | null>(null);
  // Read from React state, never from the element: a DOM read after a commit forces a layout.
  const latest = useRef({ scrollTop, viewport });
  latest.current = { scrollTop, viewport };
  const start = range?.[0];
  const stop = range?.[1];
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const top = shown.current === bytes ? latest.current.scrollTop : 0;
    shown.current = bytes;
    const target =
      start === undefined || stop === undefined
        ? null
        : scrollTargetFor([start, stop], top, latest.current.viewport, LINE_HEIGHT_PX);
    const next = target ?? top;
    if (next !== latest.current.scrollTop) {
      element.scrollTop = next;
      setScrollTop(next);
    }
  }, [scroller, bytes, start, stop, setScrollTop]);
}

interface HexLineRowProps {
  readonly bytes: Uint8Array;
  readonly index: number;
  readonly digits: number;
  readonly range: readonly [number, number] | null;
}

const HexLineRow = memo(
  function HexLineRow({ bytes, index, digits, range }: HexLineRowProps) {
    const line = layoutLine(bytes, index, digits);
    const cell = (offset: number, groupEnd: boolean, column: 'hex' | 'ascii', text: string) => {
      const selected = inRange(offset, range);
      const classes = ['hh-hex-byte'];
      if (groupEnd) classes.push('hh-hex-group-end');
      if (selected) classes.push('hh-hex-selected');
      return (
        <span
          key={offset}
          className={classes.join(' ')}
          data-offset={offset}
          data-column={column}
          data-selected={selected ? 'true' : undefined}
        >
          {text}
        </span>
      );
    };
    return (
      <div
        className="hh-hex-line"
        data-line={index}
        style={{ height: LINE_HEIGHT_PX, lineHeight: `${LINE_HEIGHT_PX}px` }}
      >
        <span className="hh-hex-offset">{line.offsetText}</span>
        <span className="hh-hex-bytes">
          {line.cells.map((c) => cell(c.offset, c.groupEnd, 'hex', c.hex))}
        </span>
        <span className="hh-hex-ascii">
          {line.cells.map((c) => cell(c.offset, c.groupEnd, 'ascii', c.ascii))}
        </span>
      </div>
    );
  },
  // Lines are re-created on every scroll; only a change of bytes or of this line's highlight matters.
  (a, b) =>
    a.bytes === b.bytes &&
    a.index === b.index &&
    a.digits === b.digits &&
    a.range?.[0] === b.range?.[0] &&
    a.range?.[1] === b.range?.[1],
);
