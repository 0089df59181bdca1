/**
 * A capture's frames summarized one by one into a lane dissector, each kept with its columns: the
 * corpus tests (with and without key logs) compare them with tshark's rows.
 */
import { createCaptureReader } from '../pcap/capture-reader.js';
import type { CaptureInterface } from '../pcap/types.js';
import type { FrameInput, LaneDissector, SummaryOut } from './index.js';
import { emptySummary } from './test-support.js';

export interface SummarizedFrame extends FrameInput {
  readonly summary: SummaryOut;
}

/** Reads `bytes` (a pcap or pcapng file) into `frames`, summarizing each with `lane` as it comes. */
export function summarizeCapture(
  bytes: Uint8Array,
  lane: LaneDissector,
  frames: SummarizedFrame[],
): SummarizedFrame[] {
  const interfaces: CaptureInterface[] = [];
  const reader = createCaptureReader({
    interface: (iface) => void (interfaces[iface.id] = iface),
    frame: (f) => {
      const input: FrameInput = {
        number: frames.length + 1,
        linkType: interfaces[f.interfaceId]?.linkType ?? -1,
        data: f.data.slice(),
        capturedLength: f.capturedLength,
        originalLength: f.originalLength,
        block: f.block,
        ...(f.pen === undefined ? {} : { pen: f.pen }),
        ...(f.customCopy === undefined ? {} : { customCopy: f.customCopy }),
        ...(f.hasTimestamp ? { time: f.tsSeconds + f.tsNanos / 1e9 } : {}),
      };
      const summary = emptySummary();
      lane.summarize(input, summary);
      frames.push({ ...input, summary });
    },
  });
  reader.feed(bytes);
  reader.end();
  return frames;
}
