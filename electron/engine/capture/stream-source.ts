/**
 * Feeds a live capture into a lane: pcap bytes as they arrive from tcpdump's stdout, dumpcap's, or
 * an SSH channel, through the same incremental reader as files. The capture ends when its stream
 * ends (the helper exited, or was asked to stop); a stream that breaks keeps every frame read so
 * far and says why (a dropped SSH connection loses nothing already captured).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createCaptureReader } from '../pcap/capture-reader.js';
import type { Lane } from '../lanes/lane.js';
import type { LoadOptions } from './file-source.js';

export interface LiveCapture {
  /** The helper's pcap output, chunk by chunk; it ends when the capture ends. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Asks the helper to stop (SIGINT, closing the channel…); the stream then ends by itself. */
  stop(): Promise<void>;
}

export async function ingestLive(lane: Lane, capture: LiveCapture, options: LoadOptions = {}): Promise<void> {
  lane.state = 'capturing';
  const reader = createCaptureReader({
    format: (format) => (lane.format = format),
    interface: (iface) => lane.addInterface(iface),
    frame: (frame) => lane.ingest(frame),
    error: (error) => lane.fail(error),
    secrets: (secrets) => lane.secrets(secrets),
  });
  const stop = () => void capture.stop().catch(() => {});
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of capture.chunks) {
      reader.feed(chunk);
      lane.bytesRead += chunk.length;
      options.onProgress?.(lane);
      if (reader.failed) {
        stop();
        break;
      }
      await nextTurn();
    }
    reader.end();
  } catch (error) {
    lane.fail({
      offset: reader.offset,
      blockType: 'stream',
      kind: 'io',
      message: `the capture stopped: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  lane.state = lane.store.count === 0 && lane.error && lane.error.kind !== 'truncated' ? 'failed' : 'done';
  lane.spool.flush();
  options.onProgress?.(lane);
}
