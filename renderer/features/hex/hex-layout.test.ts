import { describe, expect, it } from 'vitest';
import {
  asciiChar,
  bytesFromHex,
  inRange,
  layoutLine,
  layoutLines,
  lineCount,
  linesOfRange,
  offsetDigits,
  rangeOnLine,
  scrollTargetFor,
  visibleLines,
} from './hex-layout.js';

describe('bytesFromHex', () => {
  it('decodes either case', () => {
    expect([...bytesFromHex('00ff7Fa0')]).toEqual([0, 255, 127, 160]);
    expect(bytesFromHex('')).toHaveLength(0);
  });

  it('keeps what decoded before a bad digit or an odd tail', () => {
    expect([...bytesFromHex('0102zz03')]).toEqual([1, 2]);
    expect([...bytesFromHex('010')]).toEqual([1]);
  });
});

describe('layoutLine', () => {
  // 0000  47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a   GET / HTTP/1.1..
  const bytes = bytesFromHex('474554202f20485454502f312e310d0a' + '486f73743a');

  it('lays out 16 bytes as hex and ASCII, with dots for what does not print', () => {
    const line = layoutLine(bytes, 0);
    expect(line.offsetText).toBe('0000');
    expect(line.cells.map((cell) => cell.hex).join(' ')).toBe(
      '47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a',
    );
    expect(line.cells.map((cell) => cell.ascii).join('')).toBe('GET / HTTP/1.1..');
    expect(line.cells.filter((cell) => cell.groupEnd).map((cell) => cell.offset)).toEqual([7, 15]);
  });

  it('ends with a short line', () => {
    const line = layoutLine(bytes, 1);
    expect(line.offsetText).toBe('0010');
    expect(line.cells.map((cell) => [cell.offset, cell.ascii])).toEqual([
      [16, 'H'],
      [17, 'o'],
      [18, 's'],
      [19, 't'],
      [20, ':'],
    ]);
    expect(lineCount(bytes.length)).toBe(2);
    expect(layoutLines(bytes, -3, 10).map((l) => l.index)).toEqual([0, 1]);
  });

  it('widens the offset column past 64 KiB', () => {
    expect(offsetDigits(0xffff)).toBe(4);
    expect(offsetDigits(0x10000)).toBe(8);
    expect(layoutLine(new Uint8Array(0x10010), 0x1000).offsetText).toBe('00010000');
  });

  it('prints only printable ASCII', () => {
    expect([0x1f, 0x20, 0x7e, 0x7f, 0xe9].map(asciiChar).join('')).toBe('. ~..');
  });
});

describe('ranges and windowing', () => {
  it('finds the lines a range touches, and its part on each line', () => {
    expect(linesOfRange([14, 34])).toEqual([0, 2]);
    expect(linesOfRange([16, 32])).toEqual([1, 1]);
    expect(linesOfRange([5, 5])).toBeNull();
    expect(rangeOnLine([14, 34], 0)).toEqual([14, 16]);
    expect(rangeOnLine([14, 34], 2)).toEqual([32, 34]);
    expect(rangeOnLine([14, 34], 3)).toBeNull();
    expect(inRange(14, [14, 34])).toBe(true);
    expect(inRange(34, [14, 34])).toBe(false);
    expect(inRange(0, null)).toBe(false);
  });

  it('renders the lines in view plus an overscan, within the buffer', () => {
    expect(visibleLines(0, 180, 18, 4096, 5)).toEqual([0, 15]);
    expect(visibleLines(18 * 100, 180, 18, 4096, 5)).toEqual([95, 115]);
    expect(visibleLines(18 * 4090, 180, 18, 4096, 5)).toEqual([4085, 4096]);
    expect(visibleLines(0, 180, 18, 0, 5)).toEqual([0, 0]);
  });

  it('scrolls to a range out of view, one line above it, and not when part of it shows', () => {
    // Viewport shows lines 10..19 (scrollTop 180, height 180, 18 px a line).
    expect(scrollTargetFor([16 * 12, 16 * 12 + 2], 180, 180, 18)).toBeNull();
    expect(scrollTargetFor([16 * 5, 16 * 11], 180, 180, 18)).toBeNull();
    expect(scrollTargetFor([16 * 40, 16 * 41], 180, 180, 18)).toBe(39 * 18);
    expect(scrollTargetFor([0, 4], 180, 180, 18)).toBe(0);
    expect(scrollTargetFor([8, 8], 180, 180, 18)).toBeNull();
  });
});
