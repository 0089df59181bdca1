/**
 * `hammerhead decode FILE`: streams the file through the incremental reader and the summary
 * dissection and prints a line per frame as it goes. No spool and no index: memory stays flat
 * whatever the file's size. Frames before any damage are printed; the error then goes to stderr
 * as one line and the exit code is non-zero.
 */
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createLaneDissector, type FrameInput, type SummaryOut } from '../engine/dissect/index.js';
import { createCaptureReader } from '../engine/pcap/capture-reader.js';
import type { CaptureInterface, CapturedFrame, CaptureReadError } from '../engine/pcap/types.js';
import { formatFrameJson, formatFrameLine, type TimeBase } from './format.js';
import { LineBuffer } from './line-buffer.js';

const CHUNK = 1024 * 1024;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface DecodeOptions {
  readonly json: boolean;
  readonly out?: Writable;
  readonly err?: Writable;
}

export async function runDecode(path: string, options: DecodeOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  let handle;
  try {
    handle = path === '-' ? null : await open(path, 'r');
  } catch (error) {
    err.write(
      `hammerhead: ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message)}\n`,
    );
    return 1;
  }
  const interfaces: CaptureInterface[] = [];
  const dissector = createLaneDissector();
  const summary: SummaryOut = { protocol: '', source: '', destination: '', info: '', streamId: -1, flags: 0 };
  const time: TimeBase = { first: null };
  let failure: CaptureReadError | null = null;
  let number = 0;
  const lines = new LineBuffer();
  let ready: Buffer[] = [];
  // One mutable input for every frame: an object literal per frame costs more than the decode.
  const input: Mutable<FrameInput> = {
    number: 0,
    linkType: -1,
    data: new Uint8Array(0),
    capturedLength: 0,
    originalLength: 0,
    block: 'pcap',
    time: NaN,
  };
  const reader = createCaptureReader({
    interface: (iface) => (interfaces[iface.id] = iface),
    error: (error) => (failure = error),
    frame: (frame: CapturedFrame) => {
      const iface = interfaces[frame.interfaceId];
      input.number = ++number;
      input.linkType = iface?.linkType ?? -1;
      input.data = frame.data;
      input.capturedLength = frame.capturedLength;
      input.originalLength = frame.originalLength;
      input.block = frame.block;
      input.time = frame.hasTimestamp ? frame.tsSeconds + frame.tsNanos / 1e9 : NaN;
      input.pen = frame.pen;
      input.customCopy = frame.customCopy;
      dissector.summarize(input, summary);
      const full = lines.push(
        options.json
          ? formatFrameJson(number, frame, summary)
          : formatFrameLine(number, frame, summary, time, iface?.ticksPerSecond ?? 1e6),
      );
      if (full) ready.push(full);
    },
  });
  const chunks = handle ? readFile(handle) : readStdin();
  try {
    for await (const chunk of chunks) {
      reader.feed(chunk);
      // Flush after every input chunk, so that a live stream (stdin) prints as it arrives.
      if (lines.length > 0) ready.push(lines.take());
      for (const bytes of ready) if (!out.write(bytes)) await once(out, 'drain');
      ready = [];
      if (reader.failed) break;
    }
    reader.end();
  } catch (error) {
    failure ??= {
      offset: reader.offset,
      blockType: 'file',
      kind: 'truncated',
      message: String((error as Error).message),
    };
  } finally {
    await handle?.close();
  }
  for (const bytes of [...ready, lines.take()]) if (bytes.length > 0) out.write(bytes);
  const final = failure as CaptureReadError | null;
  if (!final) return 0;
  err.write(`hammerhead: ${path}: ${final.message} (at byte ${final.offset}, ${final.blockType})\n`);
  return 1;
}

async function* readFile(handle: import('node:fs/promises').FileHandle): AsyncGenerator<Uint8Array> {
  for (;;) {
    // A fresh buffer each time: the reader may keep a view of a record that straddles two reads.
    const buffer = new Uint8Array(CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
    if (bytesRead === 0) return;
    yield bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead);
  }
}

async function* readStdin(): AsyncGenerator<Uint8Array> {
  for await (const chunk of process.stdin) yield chunk as Uint8Array;
}
