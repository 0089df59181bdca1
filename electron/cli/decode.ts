/**
 * `hammerhead decode FILE`: streams the file through the incremental reader and the summary
 * dissection and prints a line per frame as it goes. No spool and no index: memory stays flat
 * whatever the file's size. Frames before any damage are printed; the error then goes to stderr
 * as one line and the exit code is non-zero.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { readChunks, ioMessage } from '../engine/capture/read-chunks.js';
import { createCaptureReader } from '../engine/pcap/capture-reader.js';
import type { CaptureReadError } from '../engine/pcap/types.js';
import { KeyStore } from '../engine/tls-keys/key-store.js';
import { keyLogOf } from '../engine/tls-keys/secrets.js';
import { LineDecoder } from './decode-lines.js';
import { loadKeyLogs } from './keylog-args.js';

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
  const opened = await openDecode(path, options);
  if (typeof opened === 'number') return opened;
  const { keys, handle } = opened;
  const decoder = new LineDecoder(keys, options.json);
  let failure: CaptureReadError | null = null;
  let number = 0;
  const reader = createCaptureReader({
    interface: (iface) => decoder.addInterface(iface.id, iface.linkType, iface.ticksPerSecond),
    error: (error) => (failure = error),
    // Keys in the file itself usually come before the packets they decrypt (save-secrets.ts writes them so).
    secrets: (secrets) => {
      const keyLog = keyLogOf(secrets);
      if (keyLog !== null) keys.addText('dsb', path, keyLog);
    },
    frame: (frame) => decoder.decode(++number, frame),
  });
  const chunks = handle ? readChunks(handle) : readStdin();
  try {
    for await (const chunk of chunks) {
      reader.feed(chunk);
      // Written after every input chunk, so that a live stream (stdin) prints as it arrives.
      const lines = decoder.take();
      if (lines && !out.write(lines.bytes)) await once(out, 'drain');
      if (reader.failed) break;
    }
    reader.end();
  } catch (error) {
    failure ??= readFailure(reader.offset, error);
  } finally {
    await handle?.close();
    keys.close();
  }
  const last = decoder.take();
  if (last) out.write(last.bytes);
  return finishDecode(err, path, failure);
}

/**
 * The key logs loaded and the file opened (null: stdin), or the exit status after saying on stderr why
 * not: 2 for a key log that cannot be read (a usage error), 1 for the file.
 */
export async function openDecode(
  path: string,
  options: DecodeOptions,
): Promise<{ keys: KeyStore; handle: FileHandle | null } | number> {
  const err = options.err ?? process.stderr;
  const keys = new KeyStore();
  const warn = (message: string) => err.write(`hammerhead: warning: ${message}\n`);
  const keyProblem = await loadKeyLogs(keys, options.keylogs ?? [], { watch: false, warn });
  if (keyProblem) {
    keys.close();
    err.write(`hammerhead: ${keyProblem}\n`);
    return 2;
  }
  try {
    return { keys, handle: path === '-' ? null : await open(path, 'r') };
  } catch (error) {
    keys.close();
    err.write(`hammerhead: ${ioMessage(error, path)}\n`);
    return 1;
  }
}

/** A read that threw (an I/O error mid-file): what was read before it stays printed. */
export function readFailure(offset: number, error: unknown): CaptureReadError {
  return { offset, blockType: 'file', kind: 'truncated', message: String((error as Error).message) };
}

/** The exit status: 0, or 1 after one line on stderr saying where and why reading stopped. */
export function finishDecode(err: Writable, path: string, failure: CaptureReadError | null): number {
  if (!failure) return 0;
  err.write(`hammerhead: ${path}: ${failure.message} (at byte ${failure.offset}, ${failure.blockType})\n`);
  return 1;
}

async function* readStdin(): AsyncGenerator<Uint8Array> {
  for await (const chunk of process.stdin) yield chunk as Uint8Array;
}
