import { describe, expect, it } from 'vitest';
import type { LaneInfo, PacketRow } from '../../../shared/contract/index.js';
import { cellText, timeCell } from './cells.js';

const lane = {
  firstTimestamp: { seconds: 100, nanos: 500_000_000 },
  interfaces: [{ id: 0, timeDecimals: 6 }],
} as unknown as LaneInfo;
const row = (number: number, seconds: number, nanos: number) =>
  ({ number, time: { seconds, nanos }, interfaceId: 0, length: 60, info: 'x' }) as unknown as PacketRow;

describe('cells', () => {
  it('formats time relative to the first frame, and as a delta to the previous displayed row', () => {
    expect(timeCell(row(2, 101, 0), undefined, lane, 'relative')).toBe('0.500000');
    expect(timeCell(row(3, 101, 250_000), row(2, 101, 0), lane, 'delta')).toBe('0.000250');
    expect(timeCell(row(1, 100, 500_000_000), undefined, lane, 'delta')).toBe('0.000000');
  });

  it('leaves the time empty for frames that carry none', () => {
    const untimed = { ...row(4, 0, 0), time: null } as PacketRow;
    expect(cellText('time', untimed, undefined, lane, 'relative')).toBe('');
    expect(cellText('number', untimed, undefined, lane, 'relative')).toBe('4');
  });
});
