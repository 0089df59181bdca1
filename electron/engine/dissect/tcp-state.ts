/**
 * TCP's lane state: conversations, plus what the summary pass decided per frame (stream index and
 * analysis flags), which the detail path reads back instead of recomputing, so selecting a frame
 * never changes the lane's state. 4 bytes per frame for the stream index; analysis only where flagged.
 */
import type { StateKey } from './context.js';
import { AnalysisResult, type Segment } from './tcp-analysis.js';
import { ConversationTable } from './tcp-conversations.js';

export interface FrameAnalysis {
  readonly flags: number;
  readonly dupAckNumber: number;
  readonly dupAckFrame: number;
}

export class TcpState {
  readonly conversations = new ConversationTable();
  private streams = new Int32Array(1024).fill(-1);
  private readonly analyses = new Map<number, FrameAnalysis>();
  /** Scratch objects for the summary pass. */
  readonly result = new AnalysisResult();
  readonly segment: Segment = { frame: 0, time: NaN, seq: 0, ack: 0, length: 0, flags: 0, window: 0 };

  recordStream(frame: number, stream: number): void {
    if (frame >= this.streams.length) {
      const grown = new Int32Array(Math.max(frame + 1, this.streams.length * 2)).fill(-1);
      grown.set(this.streams);
      this.streams = grown;
    }
    this.streams[frame] = stream;
  }

  streamOf(frame: number): number {
    return this.streams[frame] ?? -1;
  }

  recordAnalysis(frame: number, result: AnalysisResult): void {
    if (result.flags !== 0) {
      this.analyses.set(frame, { flags: result.flags, dupAckNumber: result.dupAckNumber, dupAckFrame: result.dupAckFrame });
    }
  }

  analysisOf(frame: number): FrameAnalysis | undefined {
    return this.analyses.get(frame);
  }
}

export const TCP_STATE: StateKey<TcpState> = { name: 'tcp', create: () => new TcpState() };
