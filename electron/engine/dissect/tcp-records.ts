/**
 * What the summary pass decided for the payload of each TCP segment that went through reassembly, so that
 * replay (Info of a row on screen) and details (the tree of a selected frame) show what the in-order pass
 * knew at that frame without redoing it: the final Protocol and Info, and for every PDU dissected in the
 * frame where its bytes are (this frame's, or pieces of earlier frames, read back through the lane's frame
 * loader). Records exist only for segments of streams that an upper protocol claimed; bytes are never kept.
 */
import { stateKey, type StateKey } from './context.js';
import type { Dissector } from './registry.js';
import { FlowReassembly, ReassemblyBudget, type Msp, type PieceList } from './tcp-reassembly.js';

/** Stands for "the bytes were shown as data" in a record (an upper dissector declined them). */
export const DATA_DISSECTOR: Dissector = {
  id: 'data',
  chainId: null,
  bindings: [],
  dissect: (ctx, offset, end) => ctx.data(offset, end),
};

/** Stands for "the bytes stay TCP payload": nothing is dissected. */
export const PAYLOAD_ONLY: Dissector = {
  id: 'tcp.payload',
  chainId: null,
  bindings: [],
  dissect: () => undefined,
};

/** One dissector call made for a frame's payload. */
export interface PduRecord {
  readonly dissector: Dissector;
  /** The PDU's bytes are the frame's own `[start, end)`… */
  readonly start: number;
  readonly end: number;
  /** …or, for a reassembled PDU, these pieces of earlier frames and this one. */
  readonly pieces: PieceList | null;
  /** Reassembled length (pieces only). */
  readonly length: number;
  /** What the dissector left in `StreamInfo.pduState`, handed back on the detail path. */
  readonly state: number;
  readonly endOfStream: boolean;
}

export class FrameRecord {
  protocol = '';
  info = '';
  /** FrameFlag bits the upper layers set (malformed, truncated). */
  flags = 0;
  readonly pdus: PduRecord[] = [];
  /** The PDUs this segment's bytes went into without completing them (`Reassembled PDU in frame`). */
  readonly partOf: Msp[] = [];
  /** Payload bytes shown as "TCP segment data" (not handed to a dissector in this frame). */
  segmentDataStart = -1;
  segmentDataEnd = -1;
  /** The lane budget dropped a buffer this frame needed. */
  lost = false;
}

/**
 * Outcomes common enough to be kept as one byte per frame rather than a record: a keep-alive's byte shown
 * as data or in conflict with a reassembled PDU's byte, a segment in the middle of a PDU (TCP's Info
 * and the segment note, its bytes all segment data), and a segment handed over whole as one PDU (`Direct`:
 * replay dissects it again with its `DirectRecord`, as most TLS records in their own segment are).
 */
export const SegmentMark = { KeepAliveData: 1, KeepAliveOverlap: 2, Middle: 3, Direct: 4 } as const;
export type SegmentMark = (typeof SegmentMark)[keyof typeof SegmentMark];

/** A `Direct` segment: the payload `[start, end)` of the frame, and what its dissector left in `pduState`. */
export interface DirectRecord {
  readonly start: number;
  readonly end: number;
  readonly state: number;
}

/** Directions whose reassembly state is kept; the least recently used beyond this are dropped. */
const MAX_FLOWS = 4096;

function grownTo<T extends Uint8Array | Int32Array>(array: T, index: number, make: (n: number) => T): T {
  if (index < array.length) return array;
  const next = make(Math.max(index + 1, array.length * 2));
  next.set(array);
  return next;
}

/** Reassembly state of a lane: the flows TCP buffers for, the budget, and the per-frame records. */
export class ReassemblyState {
  readonly budget = new ReassemblyBudget();
  private readonly flows = new Map<number, FlowReassembly>();
  private readonly records = new Map<number, FrameRecord>();
  /** The upper dissector chosen for a stream (by port or heuristic). */
  private readonly claims = new Map<number, Dissector>();
  private marks = new Uint8Array(1024);
  /** For a `Middle` frame: the first frame of its PDU, the key of `pdus`. */
  private middleOf = new Int32Array(0);
  /** Multi-segment PDUs by first frame: middle segments find where theirs was reassembled. */
  private readonly pdus = new Map<number, Msp>();

  /** A direction's state, most recently used last; the oldest go when there are too many. */
  flow(stream: number, direction: number): FlowReassembly {
    const key = stream * 2 + (direction === 0 ? 0 : 1);
    let flow = this.flows.get(key);
    if (flow) this.flows.delete(key);
    else flow = new FlowReassembly();
    this.flows.set(key, flow);
    if (this.flows.size > MAX_FLOWS) {
      const [oldest, dropped] = this.flows.entries().next().value ?? [key, flow];
      for (const msp of dropped.msps) this.budget.forget(msp);
      this.flows.delete(oldest);
    }
    return flow;
  }

  claim(stream: number): Dissector | undefined {
    return this.claims.get(stream);
  }

  setClaim(stream: number, dissector: Dissector): void {
    this.claims.set(stream, dissector);
  }

  notePdu(msp: Msp): void {
    this.pdus.set(msp.firstFrame, msp);
  }

  mark(frame: number, kind: SegmentMark, msp?: Msp): void {
    this.marks = grownTo(this.marks, frame, (n) => new Uint8Array(n));
    this.marks[frame] = kind;
    if (!msp) return;
    this.middleOf = grownTo(this.middleOf, frame, (n) => new Int32Array(n));
    this.middleOf[frame] = msp.firstFrame;
  }

  markOf(frame: number): SegmentMark | 0 {
    return (this.marks[frame] ?? 0) as SegmentMark | 0;
  }

  /** The PDU a `Middle` frame belongs to. */
  pduOf(frame: number): Msp | undefined {
    return this.pdus.get(this.middleOf[frame] ?? -1);
  }

  private readonly direct = new Map<number, DirectRecord>();

  markDirect(frame: number, record: DirectRecord): void {
    this.mark(frame, SegmentMark.Direct);
    this.direct.set(frame, record);
  }

  directOf(frame: number): DirectRecord | undefined {
    return this.markOf(frame) === SegmentMark.Direct ? this.direct.get(frame) : undefined;
  }

  record(frame: number, record: FrameRecord): void {
    this.records.set(frame, record);
  }

  recordOf(frame: number): FrameRecord | undefined {
    return this.records.get(frame);
  }
}

export const REASSEMBLY_STATE: StateKey<ReassemblyState> = stateKey(
  'tcp.reassembly',
  () => new ReassemblyState(),
);
