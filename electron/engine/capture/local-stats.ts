/**
 * The helpers' counters, as they print them on stderr. tcpdump, on SIGUSR1 (Linux) or SIGINFO
 * (macOS), one line:
 *   tcpdump: 3 packets captured, 6 packets received by filter, 0 packets dropped by kernel
 * and when it ends, one counter per line ("1 packet captured" in the singular). It prints
 * "dropped by interface" only when that count is not zero. dumpcap, when it ends:
 *   Packets received/dropped on interface 'Loopback: lo': 3/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)
 * Lines arrive in pieces; `StatsParser` keeps the unfinished one.
 */
import type { CaptureStats } from '../../../shared/contract/index.js';

export interface HelperCounters {
  /** Packets the helper wrote out: what Hammerhead must have stored when nothing is lost. */
  readonly captured: number;
  readonly stats: CaptureStats;
}

const TCPDUMP_LINE =
  /(\d+) packets? captured, (\d+) packets? received by filter, (\d+) packets? dropped by kernel(?:, (\d+) packets? dropped by interface)?/;
const DUMPCAP_LINE =
  /Packets received\/dropped on interface .*: (\d+)\/(\d+) \(pcap:(\d+)\/dumpcap:(\d+)\/flushed:(\d+)\/ps_ifdrop:(\d+)\)/;

const FINAL_KEYS = {
  captured: 'captured',
  'received by filter': 'received',
  'dropped by kernel': 'kernel',
  'dropped by interface': 'iface',
} as const;

/** A complete counter report in one line, or null. */
export function parseStatsLine(line: string): HelperCounters | null {
  const t = TCPDUMP_LINE.exec(line);
  if (t) {
    const stats = { received: +t[2]!, droppedByKernel: +t[3]!, droppedByInterface: +(t[4] ?? 0) };
    return { captured: +t[1]!, stats };
  }
  const d = DUMPCAP_LINE.exec(line);
  if (d) {
    const stats = { received: +d[1]!, droppedByKernel: +d[3]!, droppedByInterface: +d[6]! };
    return { captured: +d[1]! - +d[2]!, stats };
  }
  return null;
}

/** Reads stderr as it comes: whole-line reports, tcpdump's multi-line final report, and a tail to quote. */
export class StatsParser {
  private partial = '';
  private final: { captured?: number; received?: number; kernel?: number; iface?: number } = {};
  private tail: string[] = [];

  constructor(private readonly onCounters: (counters: HelperCounters) => void) {}

  push(text: string): void {
    const lines = (this.partial + text).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** The last lines of stderr (without the counters), for an error message. */
  text(): string {
    return [...this.tail, this.partial].filter((line) => line.trim()).join('\n');
  }

  /** Flushes the final multi-line report once stderr has ended. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    const f = this.final;
    if (f.captured === undefined || f.received === undefined || f.kernel === undefined) return;
    const stats = { received: f.received, droppedByKernel: f.kernel, droppedByInterface: f.iface ?? 0 };
    this.onCounters({ captured: f.captured, stats });
  }

  private line(line: string): void {
    const whole = parseStatsLine(line);
    if (whole) return this.onCounters(whole);
    const single = /^(\d+) packets? (captured|received by filter|dropped by (?:kernel|interface))$/.exec(
      line.trim(),
    );
    if (single) {
      this.final[FINAL_KEYS[single[2] as keyof typeof FINAL_KEYS]] = Number(single[1]);
      return;
    }
    // Progress chatter, not something to quote in an error.
    if (/^Packets captured: \d+$|listening on |^Capturing on |^File: /.test(line.trim())) return;
    this.tail = [...this.tail.slice(-59), line];
  }
}
