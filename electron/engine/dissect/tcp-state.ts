/**
 * TCP's lane state: conversations, plus what the summary pass decided per frame (stream index and
 * analysis flags), which the detail path reads back instead of recomputing, so selecting a frame
 * never changes the lane's state. Six bytes per frame in typed arrays; duplicate-ACK details in a map.
 */
import { stateKey, type StateKey } from './context.js';
import { AnalysisResult, TcpAnalysis, type Segment } from './tcp-analysis.js';
import { ConversationTable } from './tcp-conversations.js';

export interface FrameAnalysis {
  readonly flags: number;
  readonly dupAckNumber: number;
  readonly dupAckFrame: number;
}

function grown<T extends Int32Array | Uint16Array | Uint8Array>(
  array: T,
  index: number,
  make: (length: number) => T,
): T {
  if (index < array.length) return array;
  const next = make(Math.max(index + 1, array.length * 2));
  next.set(array);
  return next;
}

export class TcpState {
  readonly conversations = new ConversationTable();
  /** Stream index + 1 per frame (0: not TCP). */
  private streams = new Int32Array(1024);
  private analyses = new Uint16Array(1024);
  /** Which side sent the frame's segment (0: the side seen first): display filters read ports from it. */
  private directions = new Uint8Array(1024);
  private readonly dupAcks = new Map<number, readonly [number, number]>();
  /** Set while summarizing a SYN that reopened a tuple with a new ISN. */
  portsReused = false;
  /** Scratch objects for the summary pass. */
  readonly result = new AnalysisResult();
  readonly segment: Segment = { frame: 0, time: NaN, seq: 0, ack: 0, length: 0, flags: 0, window: 0 };

  recordStream(frame: number, stream: number, direction = 0): void {
    this.streams = grown(this.streams, frame, (n) => new Int32Array(n));
    this.streams[frame] = stream + 1;
    this.directions = grown(this.directions, frame, (n) => new Uint8Array(n));
    this.directions[frame] = direction;
  }

  directionOf(frame: number): number {
    return this.directions[frame] ?? 0;
  }

  streamOf(frame: number): number {
    return (this.streams[frame] ?? 0) - 1;
  }

  recordAnalysis(frame: number, result: AnalysisResult): void {
    if (result.flags === 0) return;
    this.analyses = grown(this.analyses, frame, (n) => new Uint16Array(n));
    this.analyses[frame] = result.flags;
    if ((result.flags & TcpAnalysis.DuplicateAck) !== 0)
      this.dupAcks.set(frame, [result.dupAckNumber, result.dupAckFrame]);
  }

  analysisOf(frame: number): FrameAnalysis | undefined {
    const flags = this.analyses[frame] ?? 0;
    if (flags === 0) return undefined;
    const [dupAckNumber, dupAckFrame] = this.dupAcks.get(frame) ?? [0, 0];
    return { flags, dupAckNumber, dupAckFrame };
  }
}

export const TCP_STATE: StateKey<TcpState> = stateKey('tcp', () => new TcpState());
