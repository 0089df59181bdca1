/**
 * Fixed-height row windowing, O(rows on screen) per update whatever the row count.
 *
 * Why not @tanstack/react-virtual here: its virtualizer rebuilds per-item measurement arrays from
 * index 0 whenever `count` changes (virtual-core 3.14 `getMeasurements`), so a lane growing to a
 * million frames cost 50–290 ms per progress event in Chromium (measured with the bench), over the
 * 50 ms frame bound. With a fixed row height none of that bookkeeping is needed.
 *
 * Chromium caps an element's height near 2^25 px, so beyond MAX_SCROLL_PX the scroll range is
 * scaled: the scrollbar maps linearly onto the rows and rows are placed relative to the viewport.
 */
export const MAX_SCROLL_PX = 15_000_000;

export interface Windowing {
  /** Height of the scrolled content. */
  readonly contentHeight: number;
  /** Rows to render, [first, end). */
  readonly first: number;
  readonly end: number;
  /** Top of row `index` within the scrolled content. */
  top(index: number): number;
  /** The scrollTop that shows `index` (align: as `scrollIntoView`; 'auto' = only if out of view). */
  scrollTopFor(index: number, align: 'start' | 'center' | 'end' | 'auto'): number;
}

export function computeWindowing(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan: number,
): Windowing {
  const fullHeight = count * rowHeight;
  const contentHeight = Math.min(fullHeight, MAX_SCROLL_PX);
  // How many px of the full list one px of scrollbar moves (1 unless the list is too tall).
  const scale =
    contentHeight > viewport ? Math.max(1, (fullHeight - viewport) / (contentHeight - viewport)) : 1;
  const fullTop = Math.min(scrollTop, Math.max(0, contentHeight - viewport)) * scale;
  const first = Math.max(0, Math.floor(fullTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((fullTop + viewport) / rowHeight) + overscan);
  return {
    contentHeight,
    first,
    end,
    top: (index) => scrollTop + (index * rowHeight - fullTop),
    scrollTopFor(index, align) {
      const rowTop = index * rowHeight;
      const visibleTop = fullTop;
      const wanted =
        align === 'start'
          ? rowTop
          : align === 'end'
            ? rowTop + rowHeight - viewport
            : align === 'center'
              ? rowTop + rowHeight / 2 - viewport / 2
              : rowTop < visibleTop
                ? rowTop
                : rowTop + rowHeight > visibleTop + viewport
                  ? rowTop + rowHeight - viewport
                  : visibleTop;
      const clamped = Math.max(0, Math.min(wanted, fullHeight - viewport));
      return clamped / scale;
    },
  };
}
