/**
 * Drag and drop for browser users. A page cannot learn a dropped file's path, so it sends the bytes:
 * `POST /upload?token=…&name=<file name>`, raw file as the body. The host writes them to a private
 * temporary directory and answers `{ path }`, which the page opens with the contract's `file.open`
 * like any other file. Each upload gets its own directory, so two drops of `capture.pcap` do not
 * overwrite each other and the lane still shows the user's file name.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sendError, sendJson } from './responses.js';

/** Larger than any capture a browser user will drag in, small enough to fail before the disk fills. */
export const DEFAULT_UPLOAD_LIMIT = 4 * 1024 ** 3;
/** File systems cap names at 255 bytes; leave room. */
const MAX_NAME_BYTES = 200;
const FALLBACK_NAME = 'upload.pcap';

export interface Uploads {
  receive(request: IncomingMessage, response: ServerResponse, query: URLSearchParams): Promise<void>;
  /** Removes every uploaded file (the host is closing). */
  dispose(): Promise<void>;
}

export interface UploadResult {
  readonly path: string;
}

export async function createUploads(limitBytes: number): Promise<Uploads> {
  // mkdtemp makes the directory 0700: other local users cannot list or read uploads.
  const root = await mkdtemp(join(tmpdir(), 'hammerhead-web-'));
  return {
    async receive(request, response, query) {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limitBytes)
        return sendError(response, 413, `upload exceeds ${limitBytes} bytes`, { close: true });
      const dir = await mkdtemp(join(root, 'upload-'));
      const path = join(dir, sanitizeName(query.get('name')));
      try {
        await writeBody(request, path, limitBytes);
      } catch (error) {
        // Discard the rest of the body so the reply reaches the client before the socket closes.
        request.resume();
        await rm(dir, { recursive: true, force: true });
        return failUpload(response, error);
      }
      sendJson(response, 201, { path } satisfies UploadResult);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}

/** The last path component of what the browser sent, with control characters removed. */
export function sanitizeName(raw: string | null): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  let name = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') return FALLBACK_NAME;
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = [...name].slice(0, -1).join('');
  return name;
}

class UploadTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`upload exceeds ${limitBytes} bytes`);
  }
}

/**
 * Streams the body into a new file. The request is piped by hand rather than through `pipeline`,
 * which would destroy the request (and with it the socket) on an error, leaving no way to answer 413.
 */
async function writeBody(request: IncomingMessage, path: string, limitBytes: number): Promise<void> {
  // 'wx': never follow or replace something already there; 0600: readable by this user only.
  const file = await open(path, 'wx', 0o600);
  const limiter = byteLimit(limitBytes);
  const fail = (error: Error): void => void limiter.destroy(error);
  const interrupted = (): void => {
    if (!request.complete) fail(new Error('upload interrupted by the client'));
  };
  request.on('error', fail).on('close', interrupted).pipe(limiter);
  try {
    // The stream owns the handle and closes it when done or destroyed (FileHandle.close() would wait
    // for a stream that is never closed).
    await pipeline(limiter, file.createWriteStream());
  } finally {
    request.off('error', fail).off('close', interrupted).unpipe(limiter);
  }
}

/** Counts what passes and fails the stream past the limit (chunked bodies declare no length). */
function byteLimit(limitBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      callback(seen > limitBytes ? new UploadTooLarge(limitBytes) : null, chunk);
    },
  });
}

function failUpload(response: ServerResponse, error: unknown): void {
  // The peer hung up mid-upload: there is nobody left to answer.
  if (response.headersSent || response.destroyed || response.socket?.destroyed) return;
  if (error instanceof UploadTooLarge) return sendError(response, 413, error.message, { close: true });
  const message = error instanceof Error ? error.message : String(error);
  sendError(response, 500, `could not store upload: ${message}`, { close: true });
}
