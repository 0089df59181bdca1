/**
 * Reading a capture source in chunks for the incremental reader, shared by the lane loader and the
 * CLI, plus the one-line wording of I/O failures both show a user.
 */
import type { FileHandle } from 'node:fs/promises';

/** Small first read so that the first screen of rows comes quickly; then large reads for throughput. */
export const FIRST_CHUNK = 64 * 1024;
export const CHUNK = 1024 * 1024;

export async function* readChunks(handle: FileHandle, first = CHUNK): AsyncGenerator<Uint8Array> {
  let size = first;
  for (;;) {
    // A fresh buffer per read: the reader may keep a view of an unfinished record across feeds.
    const buffer = new Uint8Array(size);
    const { bytesRead } = await handle.read(buffer, 0, size, null);
    if (bytesRead === 0) return;
    yield bytesRead === size ? buffer : buffer.subarray(0, bytesRead);
    size = CHUNK;
  }
}

export function ioMessage(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EACCES') return `${path}: permission denied`;
  if (code === 'EISDIR') return `${path}: is a directory`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}
