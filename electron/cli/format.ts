/**
 * Line formats of `hammerhead decode`: tshark's default columns (No., Time relative to the first
 * frame, Source → Destination, Protocol, Length, Info), or one JSON object per frame.
 */
import type { SummaryOut } from '../engine/dissect/index.js';
import { formatEpoch } from '../engine/pcap/timestamp.js';
import type { CapturedFrame } from '../engine/pcap/types.js';
import { formatSeconds } from '../../shared/time-format.js';

export interface TimeBase {
  first: { seconds: number; nanos: number } | null;
}

export function formatFrameJson(number: number, frame: CapturedFrame, summary: SummaryOut): string {
  const time = frame.hasTimestamp ? `"${formatEpoch(frame.tsSeconds, frame.tsNanos)}"` : 'null';
  return (
    `{"number":${number},"time":${time},"source":${JSON.stringify(summary.source)},` +
    `"destination":${JSON.stringify(summary.destination)},"protocol":${JSON.stringify(summary.protocol)},` +
    `"length":${frame.originalLength},"capturedLength":${frame.capturedLength},"info":${JSON.stringify(summary.info)}}\n`
  );
}

export function formatFrameLine(
  number: number,
  frame: CapturedFrame,
  summary: SummaryOut,
  base: TimeBase,
  ticksPerSecond: number,
): string {
  const time = frame.hasTimestamp ? relativeTime(frame, base, ticksPerSecond >= 1e9 ? 9 : 6) : '';
  const arrow = summary.source || summary.destination ? ' → ' : ' ';
  return `${pad(number)} ${time} ${summary.source}${arrow}${summary.destination} ${summary.protocol} ${frame.originalLength} ${summary.info}\n`;
}

/** Seconds since the first frame, exact to the nanosecond (integer arithmetic, no doubles). */
function relativeTime(frame: CapturedFrame, base: TimeBase, decimals: 6 | 9): string {
  base.first ??= { seconds: frame.tsSeconds, nanos: frame.tsNanos };
  return formatSeconds({ seconds: frame.tsSeconds, nanos: frame.tsNanos }, base.first, decimals);
}

function pad(number: number): string {
  return number < 10000 ? String(number).padStart(5, ' ') : String(number);
}
