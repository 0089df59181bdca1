/**
 * Loads a capture file into a lane by streaming it through the incremental reader, a chunk at a
 * time, yielding to the event loop between chunks so that row requests are answered while a large
 * file is still being indexed (the first rows are there after the first chunk).
 */
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createCaptureReader } from '../pcap/capture-reader.js';
import type { Lane } from '../lanes/lane.js';
import { FIRST_CHUNK, ioMessage, readChunks } from './read-chunks.js';

export interface LoadOptions {
  /** Called after each chunk; the caller throttles what it forwards. */
  onProgress?(lane: Lane): void;
  /** Set by the caller to abandon the load (lane closed). */
  readonly signal?: AbortSignal;
}

export async function loadFile(lane: Lane, path: string, options: LoadOptions = {}): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    lane.bytesTotal = (await handle.stat()).size;
  } catch (error) {
    lane.fail({ offset: 0, blockType: 'file', kind: 'io', message: ioMessage(error, path) });
    lane.state = 'failed';
    options.onProgress?.(lane);
    return;
  }
  const reader = createCaptureReader({
    format: (format) => (lane.format = format),
    interface: (iface) => lane.addInterface(iface),
    frame: (frame) => lane.ingest(frame),
    error: (error) => lane.fail(error),
    secrets: (secrets) => lane.secrets(secrets),
  });
  try {
    for await (const chunk of readChunks(handle, FIRST_CHUNK)) {
      reader.feed(chunk);
      lane.bytesRead += chunk.length;
      options.onProgress?.(lane);
      if (reader.failed || options.signal?.aborted) break;
      await nextTurn();
    }
    if (!options.signal?.aborted) reader.end();
  } catch (error) {
    lane.fail({ offset: reader.offset, blockType: 'file', kind: 'io', message: ioMessage(error, path) });
  } finally {
    await handle.close();
  }
  lane.state = lane.error && lane.store.count === 0 && lane.error.kind !== 'truncated' ? 'failed' : 'done';
  lane.spool.flush();
  options.onProgress?.(lane);
}
