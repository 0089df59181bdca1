/**
 * TCP conversations, numbered as tshark's `tcp.stream`: in order of first appearance of the
 * address/port 4-tuple (either direction), with a new number when a SYN reopens a tuple with a new
 * initial sequence number (ports reused). Lookups hash the tuple and compare words in place, so the
 * summary pass allocates nothing for a known conversation.
 */
import { AddressKind, type FrameContext } from './context.js';

/** One direction's sequence-space state (Wireshark's `tcp_flow_t`). */
export class Flow {
  /** Relative numbers are `raw - baseSeq`; set from this side's first segment. */
  baseSeq = 0;
  baseSet = false;
  /** -1: unknown (no SYN seen), -2: not in use, else the shift from this side's SYN. */
  winScale = -1;
  /** Highest sequence number sent + 1 (0: none yet). */
  nextSeq = 0;
  nextSeqTime = 0;
  maxSeqToBeAcked = 0;
  lastAck = 0;
  lastAckTime = 0;
  window = 0;
  /** Analysis flags of this side's previous segment. */
  lastSegmentFlags = 0;
  dupAckCount = 0;
  lastNonDupAck = 0;
}

export class Conversation {
  readonly flows: readonly [Flow, Flow] = [new Flow(), new Flow()];
  /** Next conversation in the same hash bucket. */
  next: Conversation | undefined;
  /** Time of the first SYN, and the handshake's round trip once the third segment is seen (seconds). */
  synTime = -1;
  synDirection = 0;
  initialRtt = 0;
  /** `54416 → 8443` per direction, built once: every segment's Info starts with it. */
  private readonly portTexts: [string | undefined, string | undefined] = [undefined, undefined];

  constructor(
    readonly index: number,
    readonly family: AddressKind,
    /** Side A's address words, then side B's (4 words each; IPv4 uses the first). */
    readonly addresses: Uint32Array,
    readonly portA: number,
    readonly portB: number,
  ) {}

  portsText(direction: number): string {
    const i = direction === 0 ? 0 : 1;
    return (this.portTexts[i] ??=
      i === 0 ? `${this.portA} → ${this.portB}` : `${this.portB} → ${this.portA}`);
  }
}

const scratch = new Uint32Array(8);

function loadAddresses(ctx: FrameContext): number {
  const words = ctx.netKind === AddressKind.IPv6 ? 4 : 1;
  scratch.fill(0);
  for (let i = 0; i < words; i++) {
    scratch[i] = ctx.netU32(ctx.netSrcOffset + 4 * i);
    scratch[4 + i] = ctx.netU32(ctx.netDstOffset + 4 * i);
  }
  let hash = 0;
  for (let i = 0; i < 8; i++) hash = (hash + Math.imul(scratch[i] ?? 0, 0x9e3779b1)) | 0;
  return hash;
}

function sameSide(conv: Conversation, side: 0 | 4, other: 0 | 4): boolean {
  const a = conv.addresses;
  for (let i = 0; i < 4; i++) {
    if (a[side + i] !== scratch[i] || a[other + i] !== scratch[4 + i]) return false;
  }
  return true;
}

/** Which side of `conv` the current segment comes from: 0 (A→B), 1 (B→A), or -1 (not this tuple). */
function directionOf(conv: Conversation, family: AddressKind, srcPort: number, dstPort: number): number {
  if (conv.family !== family) return -1;
  if (conv.portA === srcPort && conv.portB === dstPort && sameSide(conv, 0, 4)) return 0;
  if (conv.portB === srcPort && conv.portA === dstPort && sameSide(conv, 4, 0)) return 1;
  return -1;
}

export class ConversationTable {
  private readonly buckets = new Map<number, Conversation>();
  readonly byIndex: Conversation[] = [];
  /** Set by `find`: the side the segment came from. */
  direction = 0;

  /** The newest conversation for the segment's 4-tuple (also sets `direction`), or undefined. */
  find(ctx: FrameContext, srcPort: number, dstPort: number): Conversation | undefined {
    const key = (loadAddresses(ctx) + srcPort + dstPort) | 0;
    for (let conv = this.buckets.get(key); conv; conv = conv.next) {
      const direction = directionOf(conv, ctx.netKind, srcPort, dstPort);
      if (direction >= 0) {
        this.direction = direction;
        return conv;
      }
    }
    return undefined;
  }

  /** Which side of `conv` the segment comes from (0 or 1), for the detail path. */
  directionIn(ctx: FrameContext, conv: Conversation, srcPort: number, dstPort: number): number {
    loadAddresses(ctx);
    return Math.max(0, directionOf(conv, ctx.netKind, srcPort, dstPort));
  }

  /** A new conversation for the segment's tuple, found before any older one with the same tuple. */
  create(ctx: FrameContext, srcPort: number, dstPort: number): Conversation {
    const key = (loadAddresses(ctx) + srcPort + dstPort) | 0;
    const conv = new Conversation(
      this.byIndex.length,
      ctx.netKind,
      Uint32Array.from(scratch),
      srcPort,
      dstPort,
    );
    conv.next = this.buckets.get(key);
    this.buckets.set(key, conv);
    this.byIndex.push(conv);
    this.direction = 0;
    return conv;
  }
}
