/**
 * Feeds a live capture into a lane: pcap bytes as they arrive from tcpdump's stdout, dumpcap's, or
 * an SSH channel, through the same incremental reader as files. The capture ends when its stream
 * ends (the helper exited, or was asked to stop); a stream that breaks keeps every frame read so
 * far and says why (a dropped SSH connection loses nothing already captured).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createCaptureReader } from '../pcap/capture-reader.js';
import type { Lane } from '../lanes/lane.js';
import type { CaptureInterface, CapturedFrame } from '../pcap/types.js';
import type { LoadOptions } from './file-source.js';

export interface LiveCapture {
  /** The helper's pcap output, chunk by chunk; it ends when the capture ends. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Asks the helper to stop (SIGINT, closing the channel…); the stream then ends by itself. */
  stop(): Promise<void>;
}

export interface LiveOptions extends LoadOptions {
  /**
   * A further run into a lane that already holds frames (a restart that appends): the new stream's
   * interface ids start at 0 again, so they are matched to the lane's own (see `appendInterfaces`).
   */
  readonly append?: boolean;
}

export async function ingestLive(lane: Lane, capture: LiveCapture, options: LiveOptions = {}): Promise<void> {
  lane.state = 'capturing';
  // The last run's error (a killed helper, a full disk) is history once the user captures again.
  if (options.append) lane.error = null;
  const sink = options.append
    ? appendInterfaces(lane)
    : {
        interface: (iface: CaptureInterface) => lane.addInterface(iface),
        frame: (f: CapturedFrame) => lane.ingest(f),
      };
  const reader = createCaptureReader({
    format: (format) => (lane.format = format),
    ...sink,
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

/**
 * Interfaces of a further run into the same lane: one the lane already has (same link type, snap
 * length, time resolution and name) is reused, so its frames share that interface; any other
 * becomes a new lane interface (and a new pcapng Interface Description Block in the spool). Frames
 * are renumbered to the lane's interface id only when it differs from the stream's.
 */
function appendInterfaces(lane: Lane) {
  const ids: number[] = [];
  return {
    interface: (iface: CaptureInterface) => {
      const same = lane.interfaces.findIndex((known) => known !== undefined && sameInterface(known, iface));
      const id = same >= 0 ? same : lane.interfaces.length;
      ids[iface.id] = id;
      if (same < 0) lane.addInterface({ ...iface, id });
    },
    frame: (frame: CapturedFrame) => {
      const id = ids[frame.interfaceId] ?? frame.interfaceId;
      lane.ingest(id === frame.interfaceId ? frame : { ...frame, interfaceId: id });
    },
  };
}

function sameInterface(a: CaptureInterface, b: CaptureInterface): boolean {
  return (
    a.linkType === b.linkType &&
    a.snapLength === b.snapLength &&
    a.ticksPerSecond === b.ticksPerSecond &&
    a.tsOffsetSeconds === b.tsOffsetSeconds &&
    a.name === b.name &&
    a.fcsLength === b.fcsLength
  );
}
