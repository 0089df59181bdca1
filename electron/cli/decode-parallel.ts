/**
 * `decode` of a large file on several threads: the main thread reads the file, dissects one share of the
 * conversations itself and hands each frame of the others to the worker that owns its conversation
 * (decode-shard.ts) in batches, then writes every line back in frame order. The output is byte for byte the single-threaded one (the corpus test compares them); what
 * can differ is only across conversations, which no printed column shows (tcp.stream numbers), and a TLS
 * session resumed from a session of another worker without its own key log line.
 */
import type { FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { readChunks } from '../engine/capture/read-chunks.js';
import { createCaptureReader } from '../engine/pcap/capture-reader.js';
import type { CapturedFrame, CaptureReadError } from '../engine/pcap/types.js';
import { KeyStore } from '../engine/tls-keys/key-store.js';
import { keyLogOf } from '../engine/tls-keys/secrets.js';
import {
  BLOCKS,
  Field,
  FRAME_FIELDS,
  type FromWorker,
  type LinesMessage,
  type ToWorker,
} from './decode-messages.js';
import { shardOf } from './decode-shard.js';
import { finishDecode, openDecode, readFailure, type DecodeOptions } from './decode.js';
import { LineDecoder } from './decode-lines.js';

/** Frames per batch: large enough that messages cost nothing next to dissection. */
const BATCH_FRAMES = 4096;
/** Batches a worker may have waiting before reading stops to let it catch up (memory bound). */
const MAX_IN_FLIGHT = 6;
const OUTPUT_CHUNK = 1 << 20;

/**
 * The frames of one worker read from one input chunk (or up to BATCH_FRAMES). Its arrays start small and
 * grow: a batch is made for every chunk and worker, and is handed over (transferred), never reused.
 */
class Batch {
  count = 0;
  fields = new Float64Array(256 * FRAME_FIELDS);
  bytes = new Uint8Array(64 * 1024);
  used = 0;

  add(number: number, frame: CapturedFrame): void {
    if ((this.count + 1) * FRAME_FIELDS > this.fields.length) {
      const grown = new Float64Array(2 * this.fields.length);
      grown.set(this.fields);
      this.fields = grown;
    }
    const f = this.count * FRAME_FIELDS;
    const fields = this.fields;
    fields[f + Field.number] = number;
    fields[f + Field.interfaceId] = frame.interfaceId;
    fields[f + Field.hasTimestamp] = frame.hasTimestamp ? 1 : 0;
    fields[f + Field.seconds] = frame.tsSeconds;
    fields[f + Field.nanos] = frame.tsNanos;
    fields[f + Field.captured] = frame.data.length;
    fields[f + Field.original] = frame.originalLength;
    fields[f + Field.block] = BLOCKS.indexOf(frame.block);
    fields[f + Field.pen] = frame.pen ?? 0;
    fields[f + Field.customCopy] = frame.customCopy ? 1 : 0;
    fields[f + Field.offset] = this.used;
    if (this.used + frame.data.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.used + frame.data.length));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(frame.data, this.used);
    this.used += frame.data.length;
    this.count++;
  }

  get full(): boolean {
    return this.count === BATCH_FRAMES;
  }
}

/** One worker: the batch being filled, batches in flight, and the lines it sent back, oldest first. */
class WorkerShare {
  readonly worker: Worker;
  batch = new Batch();
  inFlight = 0;
  /** Set once the decode ends the worker itself: its exit is then expected. */
  closing = false;
  readonly results: { lines: LinesMessage; next: number }[] = [];
  ready: Promise<void>;

  constructor(url: URL, onLines: () => void, onError: (error: Error) => void) {
    this.worker = new Worker(url);
    this.ready = new Promise((done, fail) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') return done();
        this.inFlight--;
        this.results.push({ lines: message, next: 0 });
        onLines();
      });
      // A worker that cannot start (or dies) ends the decode with its error rather than a wait forever.
      this.worker.on('error', (error) => {
        fail(error);
        onError(error);
      });
      this.worker.on('exit', (code) => {
        if (!this.closing && code !== 0) onError(new Error(`a decode worker stopped (exit code ${code})`));
      });
    });
  }

  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}

/** The worker's bundle beside this one (out/cli/decode-worker.js); tests running sources pass the built one. */
const WORKER = new URL('./decode-worker.js', import.meta.url);

export async function runParallelDecode(
  path: string,
  options: DecodeOptions,
  threads: number,
  workerUrl: URL = WORKER,
): Promise<number> {
  const opened = await openDecode(path, options);
  if (typeof opened === 'number') return opened;
  const { keys, handle } = opened;
  try {
    // decode-threads.ts never sends stdin here: the workers' share of it could not be read twice.
    if (!handle) throw new Error('a parallel decode reads a file, not stdin');
    return await decodeShared(path, handle, keys, options, threads, workerUrl);
  } finally {
    keys.close();
  }
}

/** The main thread's share of the frames, dissected as they are read, its lines queued like a worker's. */
class LocalShare {
  readonly results: { lines: LinesMessage; next: number }[] = [];
  constructor(readonly decoder: LineDecoder) {}

  flush(): void {
    const lines = this.decoder.take();
    if (lines) this.results.push({ lines, next: 0 });
  }
}

/**
 * Which share a frame goes to, from its conversation's slot: the main thread takes one slot, each worker
 * two, since the main thread also reads the file and writes every line.
 */
function ownerOf(slot: number): number {
  return slot === 0 ? 0 : 1 + ((slot - 1) >> 1);
}

async function decodeShared(
  path: string,
  handle: FileHandle,
  keys: KeyStore,
  options: DecodeOptions,
  threads: number,
  workerUrl: URL,
): Promise<number> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const local = new LocalShare(new LineDecoder(keys, options.json));
  const slots = 2 * threads - 1;
  let workerError: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const workers = Array.from(
    { length: threads - 1 },
    () => new WorkerShare(workerUrl, signal, (e) => ((workerError = e), signal())),
  );
  /** Share 0 is the main thread's, share i the worker workers[i - 1]'s. */
  const resultsOf = (share: number) =>
    share === 0 ? local.results : (workers[share - 1] as WorkerShare).results;
  const waitForLines = () => new Promise<void>((done) => (wake = done));
  for (const worker of workers)
    worker.post({ kind: 'init', json: options.json, keylogs: options.keylogs ?? [] });
  try {
    await Promise.all(workers.map((worker) => worker.ready));
  } catch (error) {
    await stopAll(workers);
    await handle.close();
    err.write(`hammerhead: ${(error as Error).message}\n`);
    return 1;
  }

  const linkTypes: number[] = [];
  // The share of every frame read so far, by frame number - 1: lines are written back in that order.
  let shareOf = new Uint8Array(1 << 16);
  let frames = 0;
  let written = 0;
  let first: { seconds: number; nanos: number } | null = null;
  let failure: CaptureReadError | null = null;
  let output = Buffer.allocUnsafe(OUTPUT_CHUNK);
  let used = 0;

  const broadcast = (message: ToWorker) => workers.forEach((worker) => worker.post(message));
  const send = (worker: WorkerShare) => {
    const { count, fields, bytes, used: length } = worker.batch;
    if (count === 0) return;
    const view = bytes.subarray(0, length);
    worker.post({ kind: 'frames', first, count, fields, bytes: view }, [fields.buffer, bytes.buffer]);
    worker.inFlight++;
    worker.batch = new Batch();
  };

  /** Lines ready in frame order go to the output buffer, full chunks out; false when none was ready. */
  const drain = async (): Promise<boolean> => {
    const before = written;
    while (written < frames) {
      const results = resultsOf(shareOf[written] ?? 0);
      const head = results[0];
      if (!head) break;
      const { lines } = head;
      const start = head.next === 0 ? 0 : (lines.ends[head.next - 1] ?? 0);
      const end = lines.ends[head.next] ?? 0;
      if (used + end - start > output.length) {
        if (!out.write(output.subarray(0, used))) await once(out, 'drain');
        output = Buffer.allocUnsafe(Math.max(OUTPUT_CHUNK, end - start));
        used = 0;
      }
      output.set(lines.bytes.subarray(start, end), used);
      used += end - start;
      head.next++;
      if (head.next === lines.numbers.length) results.shift();
      written++;
    }
    return written > before;
  };
  /** Writes what is ready, or waits for the next lines when nothing is. */
  const progress = async () => {
    if (!(await drain()) && !workerError) await waitForLines();
  };

  const reader = createCaptureReader({
    interface: (iface) => {
      linkTypes[iface.id] = iface.linkType;
      local.decoder.addInterface(iface.id, iface.linkType, iface.ticksPerSecond);
      broadcast({
        kind: 'interface',
        id: iface.id,
        linkType: iface.linkType,
        ticksPerSecond: iface.ticksPerSecond,
      });
    },
    error: (error) => (failure = error),
    secrets: (secrets) => {
      const keyLog = keyLogOf(secrets);
      if (keyLog === null) return;
      // Frames batched before the block must be dissected before its keys arrive, as in one thread.
      workers.forEach(send);
      keys.addText('dsb', path, keyLog);
      broadcast({ kind: 'secrets', text: keyLog });
    },
    frame: (frame) => {
      if (frame.hasTimestamp) first ??= { seconds: frame.tsSeconds, nanos: frame.tsNanos };
      const slot =
        frame.block === 'custom' ? 0 : shardOf(linkTypes[frame.interfaceId] ?? -1, frame.data, slots);
      const share = ownerOf(slot);
      if (frames >= shareOf.length) {
        const grown = new Uint8Array(2 * shareOf.length);
        grown.set(shareOf);
        shareOf = grown;
      }
      shareOf[frames++] = share;
      if (share === 0) {
        local.decoder.time.first ??= first;
        local.decoder.decode(frames, frame);
        return;
      }
      const worker = workers[share - 1] as WorkerShare;
      worker.batch.add(frames, frame);
      if (worker.batch.full) send(worker);
    },
  });

  try {
    for await (const chunk of readChunks(handle)) {
      reader.feed(chunk);
      // Every frame read is handed over now: a worker with few frames must not hold the others' lines back.
      workers.forEach(send);
      local.flush();
      await drain();
      while (!workerError && workers.some((worker) => worker.inFlight > MAX_IN_FLIGHT)) await progress();
      if (workerError || reader.failed) break;
    }
    reader.end();
  } catch (error) {
    failure ??= readFailure(reader.offset, error);
  } finally {
    await handle.close();
  }
  workers.forEach(send);
  local.flush();
  while (!workerError && written < frames) await progress();
  await stopAll(workers);
  if (used > 0) out.write(output.subarray(0, used));
  if (workerError) {
    err.write(`hammerhead: ${(workerError as Error).message}\n`);
    return 1;
  }
  return finishDecode(err, path, failure);
}

async function stopAll(workers: readonly WorkerShare[]): Promise<void> {
  for (const worker of workers) {
    worker.closing = true;
    worker.post({ kind: 'end' });
  }
  await Promise.all(workers.map((worker) => worker.worker.terminate()));
}
