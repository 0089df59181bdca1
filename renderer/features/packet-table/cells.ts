/** The text of each cell, as Wireshark's default columns show it. */
import type { Column, LaneInfo, PacketRow } from '../../../shared/contract/index.js';

/** What the Time column needs of a lane. */
export type TimeContext = Pick<LaneInfo, 'firstTimestamp' | 'interfaces'>;
import { formatAbsolute, formatSeconds, type TimeFormat } from '../../../shared/time-format.js';

export const COLUMN_TITLES: Readonly<Record<Column, string>> = {
  number: 'No.',
  time: 'Time',
  source: 'Source',
  destination: 'Destination',
  protocol: 'Protocol',
  length: 'Length',
  info: 'Info',
};

export const COLUMNS: readonly Column[] = [
  'number',
  'time',
  'source',
  'destination',
  'protocol',
  'length',
  'info',
];

export const TIME_FORMAT_TITLES: Readonly<Record<TimeFormat, string>> = {
  absolute: 'Date and time of day',
  relative: 'Seconds since first frame',
  delta: 'Seconds since previous displayed frame',
};

export function timeCell(
  row: PacketRow,
  previous: PacketRow | undefined,
  lane: TimeContext,
  format: TimeFormat,
): string {
  if (!row.time) return '';
  const decimals = lane.interfaces.find((i) => i.id === row.interfaceId)?.timeDecimals ?? 6;
  switch (format) {
    case 'absolute':
      return formatAbsolute(row.time, decimals);
    case 'relative':
      return lane.firstTimestamp ? formatSeconds(row.time, lane.firstTimestamp, decimals) : '';
    case 'delta':
      // The first displayed frame, or one whose predecessor has no time, is 0 (as in Wireshark).
      return formatSeconds(row.time, previous?.time ?? row.time, decimals);
  }
}

export function cellText(
  column: Column,
  row: PacketRow,
  previous: PacketRow | undefined,
  lane: TimeContext,
  format: TimeFormat,
): string {
  switch (column) {
    case 'number':
      return String(row.number);
    case 'time':
      return timeCell(row, previous, lane, format);
    case 'source':
      return row.source;
    case 'destination':
      return row.destination;
    case 'protocol':
      return row.protocol;
    case 'length':
      return String(row.length);
    case 'info':
      return row.info;
  }
}
