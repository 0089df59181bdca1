/**
 * `hammerhead capture`: the local-capture service launches tcpdump (or dumpcap) per interface,
 * exactly as the app does, and each helper's output is printed as it arrives (capture-sink.ts).
 * Ctrl-C, -c, -a duration and -a filesize stop the helpers; they flush and report their counters,
 * which end the run on stderr as tcpdump's do. Exit status: 0; 1 when the capture could not start
 * (bad filter, no helper, no rights: the message says what to do) or a helper failed; 2 for usage
 * (an unreadable --keylog included).
 */
import type { Writable } from 'node:stream';
import { Engine } from '../engine/engine.js';
import { LocalCapture, type LocalCaptureOptions } from '../engine/capture/local-capture.js';
import type { CaptureStats } from '../../shared/contract/index.js';
import { CaptureFile } from './capture-file.js';
import type { CaptureCliOptions } from './capture-args.js';
import { CaptureSink, type SharedOutput } from './capture-sink.js';
import { loadKeyLogs } from './keylog-args.js';

export interface CaptureIo {
  readonly out?: Writable;
  readonly err?: Writable;
  /** Test seams: a launcher (namespace, unprivileged user) and the environment. */
  readonly service?: LocalCaptureOptions;
  /** Called once every helper listens (tests start their traffic then). */
  readonly onListening?: () => void;
}

export async function runCapture(options: CaptureCliOptions, io: CaptureIo = {}): Promise<number> {
  const err = io.err ?? process.stderr;
  const engine = new Engine();
  // Read before the capture starts: a key log that cannot be read is a usage error, not a capture failure.
  const warn = (message: string) => err.write(`hammerhead: warning: ${message}\n`);
  const keyProblem = await loadKeyLogs(engine.keys, options.keylogs ?? [], { watch: true, warn });
  if (keyProblem) {
    engine.keys.close();
    err.write(`hammerhead: ${keyProblem}\n`);
    return 2;
  }
  try {
    return await captureWith(engine, options, io);
  } finally {
    engine.keys.close();
  }
}

async function captureWith(engine: Engine, options: CaptureCliOptions, io: CaptureIo): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  const service = new LocalCapture(engine, { ...io.service, statsIntervalMs: 0 });
  let launched;
  try {
    launched = await service.launch({
      interfaces: options.interfaces,
      filter: options.filter,
      promiscuous: options.promiscuous,
      elevate: options.admin,
      ...(options.snapLength !== undefined && { snapLength: options.snapLength }),
      ...(options.bufferSizeMiB !== undefined && { bufferSizeMiB: options.bufferSizeMiB }),
      ...(options.count !== undefined && { stopAfter: { packets: options.count } }),
    });
  } catch (error) {
    err.write(`hammerhead: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.onListening?.();
  const file = options.out ? new CaptureFile(options.out) : null;
  const shared: SharedOutput = {
    out,
    json: options.json,
    file,
    keys: engine.keys,
    time: { first: null },
    number: 0,
  };
  const several = launched.runs.length > 1;
  const sinks = launched.runs.map(
    ({ iface, run }) => new CaptureSink(iface, run, launched.filter, shared, several ? iface : null),
  );
  const stopAll = () => sinks.forEach((sink) => void sink.run.stop());
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  const deadline = options.seconds === undefined ? null : setTimeout(stopAll, options.seconds * 1000);
  try {
    await Promise.all(sinks.map((sink) => sink.drain(options.bytes)));
    await Promise.all(sinks.map((sink) => sink.run.exited));
  } finally {
    if (deadline) clearTimeout(deadline);
    process.off('SIGINT', stopAll);
    process.off('SIGTERM', stopAll);
  }
  return finish(sinks, file, err);
}

function finish(sinks: readonly CaptureSink[], file: CaptureFile | null, err: Writable): number {
  let status = 0;
  for (const sink of sinks) {
    const counters = sink.run.counters;
    err.write(
      `${sink.name}: ${sink.frames} frames; ${counters ? describe(counters.captured, counters.stats) : 'the helper reported no counters'}\n`,
    );
    if (counters && counters.stats.droppedByKernel + (counters.stats.droppedByInterface ?? 0) > 0)
      err.write(
        `hammerhead: ${sink.name}: packets were dropped before reaching Hammerhead (a larger -B buffer may help)\n`,
      );
    if (sink.failure) {
      err.write(`hammerhead: ${sink.name}: ${sink.failure}\n`);
      status = 1;
    }
  }
  if (!file) return status;
  try {
    for (const sink of sinks) sink.writeStatistics();
    file.finish();
    err.write(`wrote ${sinks.reduce((n, s) => n + s.frames, 0)} frames to ${file.path}\n`);
  } catch (error) {
    err.write(
      `hammerhead: could not write ${file.path} (what was written is in ${file.partial}): ${(error as Error).message}\n`,
    );
    return 1;
  }
  return status;
}

function describe(captured: number, stats: CaptureStats): string {
  const iface = stats.droppedByInterface === null ? '' : `, ${stats.droppedByInterface} dropped by interface`;
  return `${captured} packets captured, ${stats.received} received by filter, ${stats.droppedByKernel} dropped by kernel${iface}`;
}
