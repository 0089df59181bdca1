/**
 * tcpdump's last words on stderr when it stops:
 *   1234 packets captured
 *   1240 packets received by filter
 *   6 packets dropped by kernel
 *   0 packets dropped by interface      (newer libpcap only)
 */
export interface TcpdumpCounters {
  /** Written to the output: what a lossless capture stores, frame for frame. */
  readonly captured: number;
  readonly received: number;
  readonly droppedByKernel: number;
  readonly droppedByInterface: number | null;
}

export function parseCounters(stderr: string): TcpdumpCounters | null {
  const number = (pattern: RegExp) => {
    const matches = [...stderr.matchAll(pattern)];
    const last = matches[matches.length - 1];
    return last?.[1] === undefined ? null : Number(last[1]);
  };
  const captured = number(/^(\d+) packets? captured/gm);
  if (captured === null) return null;
  return {
    captured,
    received: number(/^(\d+) packets? received by filter/gm) ?? 0,
    droppedByKernel: number(/^(\d+) packets? dropped by kernel/gm) ?? 0,
    droppedByInterface: number(/^(\d+) packets? dropped by interface/gm),
  };
}
