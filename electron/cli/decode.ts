/**
 * `hammerhead decode FILE`: streams the file through the incremental reader and the summary
 * dissection and prints a line per frame as it goes. No spool and no index: memory stays flat
 * whatever the file's size. Frames before any damage are printed; the error then goes to stderr
 * as one line and the exit code is non-zero.
 */
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { readChunks, ioMessage } from '../engine/capture/read-chunks.js';
import { emptyFrameInput, fillFrameInput } from '../engine/dissect/frame-input.js';
import { createLaneDissector, type SummaryOut } from '../engine/dissect/index.js';
import { createCaptureReader } from '../engine/pcap/capture-reader.js';
import type { CaptureInterface, CapturedFrame, CaptureReadError } from '../engine/pcap/types.js';
import { KeyStore } from '../engine/tls-keys/key-store.js';
import { TLS_KEY_LOG_SECRETS } from '../engine/tls-keys/secrets.js';
import { loadKeyLogs } from './keylog-args.js';
import { formatFrameJson, formatFrameLine, type TimeBase } from './format.js';
import { LineBuffer } from './line-buffer.js';

export interface DecodeOptions {
  readonly json: boolean;
  /** Key log files (--keylog); the file's own Decryption Secrets Blocks are read too. */
  readonly keylogs?: readonly string[];
  readonly out?: Writable;
  readonly err?: Writable;
}

export async function runDecode(path: string, options: DecodeOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const keys = new KeyStore();
  const warn = (message: string) => err.write(`hammerhead: warning: ${message}\n`);
  const keyProblem = await loadKeyLogs(keys, options.keylogs ?? [], { watch: false, warn });
  if (keyProblem) {
    err.write(`hammerhead: ${keyProblem}\n`);
    return 2;
  }
  let handle;
  try {
    handle = path === '-' ? null : await open(path, 'r');
  } catch (error) {
    err.write(`hammerhead: ${ioMessage(error, path)}\n`);
    return 1;
  }
  const interfaces: CaptureInterface[] = [];
  const dissector = createLaneDissector(undefined, { keys });
  const summary: SummaryOut = { protocol: '', source: '', destination: '', info: '', streamId: -1, flags: 0 };
  const time: TimeBase = { first: null };
  let failure: CaptureReadError | null = null;
  let number = 0;
  const lines = new LineBuffer();
  let ready: Buffer[] = [];
  const input = emptyFrameInput();
  const reader = createCaptureReader({
    interface: (iface) => (interfaces[iface.id] = iface),
    error: (error) => (failure = error),
    // Keys in the file itself usually come before the packets they decrypt (save-secrets.ts writes them so).
    secrets: ({ secretsType, data }) => {
      if (secretsType === TLS_KEY_LOG_SECRETS)
        keys.addText(
          'dsb',
          path,
          Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'),
        );
    },
    frame: (frame: CapturedFrame) => {
      const iface = interfaces[frame.interfaceId];
      fillFrameInput(input, frame, ++number, iface?.linkType ?? -1);
      dissector.summarize(input, summary);
      const full = lines.push(
        options.json
          ? formatFrameJson(number, frame, summary)
          : formatFrameLine(number, frame, summary, time, iface?.ticksPerSecond ?? 1e6),
      );
      if (full) ready.push(full);
    },
  });
  const chunks = handle ? readChunks(handle) : readStdin();
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

async function* readStdin(): AsyncGenerator<Uint8Array> {
  for await (const chunk of process.stdin) yield chunk as Uint8Array;
}
