/**
 * tcpdump inside one of the lab's namespaces, writing a pcap file: the test's own view of a leg,
 * independent of Hammerhead's capture code. A capture is a tracked daemon, so `down` stops it
 * even when a test fails before it does.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { DaemonRecord } from './daemons.js';
import { isRunning, logTail, readDaemon, startDaemon, stopDaemon } from './daemons.js';
import { waitFor } from './exec.js';

export interface CaptureSpec {
  /** Daemon name; also names the log. */
  readonly name: string;
  readonly namespace: string;
  readonly iface: string;
  /** A libpcap filter, e.g. `tcp port 443`. */
  readonly filter: string;
  readonly file: string;
}

export interface CaptureResult {
  readonly file: string;
  readonly bytes: number;
  /** tcpdump's own count ("N packets captured"). */
  readonly packets: number;
  readonly droppedByKernel: number;
}

export interface Capture {
  readonly file: string;
  stop(): Promise<CaptureResult>;
}

function counter(log: string, what: string): number {
  const match = new RegExp(`(\\d+) packets? ${what}`).exec(log);
  return match ? Number(match[1]) : 0;
}

export async function startCapture(dir: string, spec: CaptureSpec): Promise<Capture> {
  const record: DaemonRecord = await startDaemon(dir, {
    name: spec.name,
    namespace: spec.namespace,
    // -U and --immediate-mode: each packet reaches the file at once, and none is lost in a kernel
    // buffer block when tcpdump is stopped; -s 0: whole frames; -n: no DNS lookups.
    argv: ['tcpdump', '-i', spec.iface, '-n', '-s', '0', '-U', '--immediate-mode', '-w', '-', spec.filter],
    stdoutFile: spec.file,
  });
  await waitFor(`tcpdump on ${spec.iface} (${spec.namespace})`, 10_000, () => {
    if (logTail(record, 50).includes('listening on')) return true;
    if (!isRunning(record)) throw new Error(`lab: tcpdump ${spec.name} exited: ${logTail(record)}`);
    return undefined;
  });
  let result: CaptureResult | undefined;
  return {
    file: spec.file,
    async stop() {
      if (result) return result;
      const current = readDaemon(dir, spec.name) ?? record;
      await stopDaemon(dir, current);
      // tcpdump prints its counters on the way out; give the log a moment to receive them.
      const log = await waitFor('tcpdump counters', 2_000, () => {
        const text = readFileSync(record.log, 'utf8');
        return text.includes('packets captured') ? text : undefined;
      }).catch(() => readFileSync(record.log, 'utf8'));
      result = {
        file: spec.file,
        bytes: existsSync(spec.file) ? statSync(spec.file).size : 0,
        packets: counter(log, 'captured'),
        droppedByKernel: counter(log, 'dropped by kernel'),
      };
      return result;
    },
  };
}
