/**
 * Packets per second per interface, from two readings of the OS's counters: the sparklines'
 * data. A counter that went backwards (an interface re-created with the same name) restarts.
 */
import type { InterfaceCounters } from '../../../shared/contract/local-capture-channels.js';

export const HISTORY = 60;

export type RateHistory = ReadonlyMap<string, readonly number[]>;

export function nextRates(
  previous: InterfaceCounters | null,
  current: InterfaceCounters,
  history: RateHistory,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  const before = new Map(previous?.counters.map((c) => [c.name, c.packets]));
  for (const { name, packets } of current.counters) {
    const last = before.get(name);
    const rate = seconds > 0 && last !== undefined && packets >= last ? (packets - last) / seconds : 0;
    out.set(name, [...(history.get(name) ?? []), rate].slice(-HISTORY));
  }
  return out;
}

/** "1.2k/s": short enough for a table cell. */
export function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(1)}M/s`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)}k/s`;
  return `${Math.round(rate)}/s`;
}

/** SVG polyline points for `values` in a width × height box, the newest at the right edge. */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = width / (HISTORY - 1);
  const offset = width - step * (values.length - 1);
  return values
    .map((v, i) => `${(offset + i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`)
    .join(' ');
}
