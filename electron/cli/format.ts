/**
 * Line formats of `hammerhead decode`: tshark's default columns (No., Time relative to the first
 * frame, Source → Destination, Protocol, Length, Info), or one JSON object per frame.
 */
import type { SummaryOut } from '../engine/dissect/index.js';
import { formatEpoch } from '../engine/pcap/timestamp.js';
import type { CapturedFrame } from '../engine/pcap/types.js';

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
  let seconds = frame.tsSeconds - base.first.seconds;
  let nanos = frame.tsNanos - base.first.nanos;
  if (nanos < 0) {
    nanos += 1e9;
    seconds -= 1;
  }
  const negative = seconds < 0;
  if (negative) {
    // -0.25 s is seconds = -1, nanos = 750000000: print it as a magnitude with a sign.
    seconds = -seconds - (nanos > 0 ? 1 : 0);
    nanos = nanos > 0 ? 1e9 - nanos : 0;
  }
  const fraction = String(nanos).padStart(9, '0').slice(0, decimals);
  return `${negative ? '-' : ''}${seconds}.${fraction}`;
}

function pad(number: number): string {
  return number < 10000 ? String(number).padStart(5, ' ') : String(number);
}
