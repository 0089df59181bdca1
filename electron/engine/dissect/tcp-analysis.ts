/**
 * TCP sequence analysis, the flags Wireshark prepends to Info (`[TCP Retransmission] `, `[TCP Dup ACK 5#1] `…)
 * with its default preferences (analyze sequence numbers, relative numbers). Each direction keeps the
 * highest sequence number sent, the last ACK and window; a segment is classified against them.
 * Sequence numbers compare modulo 2^32.
 */
import type { Conversation, Flow } from './tcp-conversations.js';

export const TcpAnalysis = {
  Retransmission: 1 << 0,
  FastRetransmission: 1 << 1,
  SpuriousRetransmission: 1 << 2,
  OutOfOrder: 1 << 3,
  ReusedPorts: 1 << 4,
  LostSegment: 1 << 5,
  AckLostSegment: 1 << 6,
  WindowUpdate: 1 << 7,
  WindowFull: 1 << 8,
  KeepAlive: 1 << 9,
  KeepAliveAck: 1 << 10,
  DuplicateAck: 1 << 11,
  ZeroWindowProbe: 1 << 12,
  ZeroWindow: 1 << 13,
  ZeroWindowProbeAck: 1 << 14,
} as const;

const A = TcpAnalysis;
export const TH_FIN = 0x01;
export const TH_SYN = 0x02;
export const TH_RST = 0x04;
export const TH_ACK = 0x10;
const SYN_FIN_RST = TH_SYN | TH_FIN | TH_RST;

/** `[SYN, ACK]` texts by flag bits, built on first use. */
const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'] as const;
const flagTexts: (string | undefined)[] = new Array<string | undefined>(4096);

export function tcpFlagsText(flags: number): string {
  let text = flagTexts[flags];
  if (text === undefined) {
    const names: string[] = FLAG_NAMES.filter((_, bit) => (flags & (1 << bit)) !== 0);
    if ((flags & 0xe00) !== 0) names.push('Reserved');
    text = names.length > 0 ? names.join(', ') : '<None>';
    flagTexts[flags] = text;
  }
  return text;
}

/** Out-of-order threshold when the handshake's round trip is unknown (Wireshark: 3 ms). */
const DEFAULT_OOO_THRESHOLD = 0.003;
/** A retransmission this soon after two duplicate ACKs is a fast retransmission. */
const FAST_RETRANSMISSION_WINDOW = 0.02;

const gt = (a: number, b: number): boolean => ((a - b) | 0) > 0;
const lt = (a: number, b: number): boolean => ((a - b) | 0) < 0;

export interface Segment {
  frame: number;
  /** Seconds; NaN when the capture gave no timestamp (then timing-based verdicts are not made). */
  time: number;
  seq: number;
  ack: number;
  length: number;
  flags: number;
  /** The window after scaling. */
  window: number;
}

/** Results for one segment; reused, so the summary pass allocates nothing. */
export class AnalysisResult {
  flags = 0;
  dupAckNumber = 0;
  dupAckFrame = 0;
}

function setBases(fwd: Flow, rev: Flow, s: Segment): void {
  // A side's first segment fixes its base (the ISN, or seq-1 when the SYN was missed so data starts
  // at 1); the other side's base comes from the first ACK, as ack-1.
  if (!fwd.baseSet) {
    fwd.baseSeq = (s.flags & TH_SYN) !== 0 ? s.seq : (s.seq - 1) >>> 0;
    fwd.baseSet = true;
  }
  if (!rev.baseSet && (s.flags & TH_ACK) !== 0) {
    rev.baseSeq = (s.ack - 1) >>> 0;
    rev.baseSet = true;
  }
}

/** The checks on segments that carry no new data: probes, keep-alives, window updates, duplicate ACKs. */
function classifyPure(fwd: Flow, rev: Flow, s: Segment, r: AnalysisResult): void {
  const sameAsLast =
    s.length === 0 && s.seq === fwd.nextSeq && s.ack === fwd.lastAck && (s.flags & SYN_FIN_RST) === 0;
  if (s.length === 1 && s.seq === fwd.nextSeq && rev.window === 0) {
    r.flags |= A.ZeroWindowProbe;
    return;
  }
  if (s.window === 0 && (s.flags & SYN_FIN_RST) === 0) r.flags |= A.ZeroWindow;
  if (fwd.nextSeq !== 0 && gt(s.seq, fwd.nextSeq) && (s.flags & TH_RST) === 0) r.flags |= A.LostSegment;
  if (
    (s.length === 0 || s.length === 1) &&
    s.seq === (fwd.nextSeq - 1) >>> 0 &&
    (s.flags & SYN_FIN_RST) === 0
  ) {
    r.flags |= A.KeepAlive;
  }
  if (sameAsLast && s.window !== 0 && s.window !== fwd.window) r.flags |= A.WindowUpdate;
  if (
    s.length > 0 &&
    rev.winScale !== -1 &&
    (s.flags & SYN_FIN_RST) === 0 &&
    (s.seq + s.length) >>> 0 === (rev.lastAck + rev.window) >>> 0
  ) {
    r.flags |= A.WindowFull;
  }
  if (sameAsLast && s.window !== 0 && s.window === fwd.window && (rev.lastSegmentFlags & A.KeepAlive) !== 0) {
    r.flags |= A.KeepAliveAck;
    return;
  }
  if (sameAsLast && s.window === 0 && fwd.window === 0 && (rev.lastSegmentFlags & A.ZeroWindowProbe) !== 0) {
    r.flags |= A.ZeroWindowProbeAck;
    return;
  }
  if (sameAsLast && s.window !== 0 && s.window === fwd.window) {
    fwd.dupAckCount++;
    r.flags |= A.DuplicateAck;
    r.dupAckNumber = fwd.dupAckCount;
    r.dupAckFrame = fwd.lastNonDupAck;
  }
}

function classifyRetransmission(
  conv: Conversation,
  fwd: Flow,
  rev: Flow,
  s: Segment,
  r: AnalysisResult,
): void {
  if ((s.length === 0 && (s.flags & (TH_SYN | TH_FIN)) === 0) || fwd.nextSeq === 0 || !lt(s.seq, fwd.nextSeq))
    return;
  if ((r.flags & A.KeepAlive) !== 0) return;
  const timed = !Number.isNaN(s.time);
  if (
    timed &&
    rev.dupAckCount >= 2 &&
    rev.lastAck === s.seq &&
    s.time - rev.lastAckTime < FAST_RETRANSMISSION_WINDOW
  ) {
    r.flags |= A.FastRetransmission;
    return;
  }
  // SYN and FIN occupy a sequence number: a retransmitted one ends where the original did.
  const segmentEnd = (s.seq + s.length + ((s.flags & (TH_SYN | TH_FIN)) !== 0 ? 1 : 0)) >>> 0;
  const threshold = conv.initialRtt > 0 ? conv.initialRtt : DEFAULT_OOO_THRESHOLD;
  if (timed && s.time - fwd.nextSeqTime < threshold && fwd.nextSeq !== segmentEnd) {
    r.flags |= A.OutOfOrder;
    return;
  }
  // Only data can be spurious: a repeated SYN or FIN is a plain retransmission.
  if (s.length > 0 && rev.lastAck !== 0 && !gt((s.seq + s.length) >>> 0, rev.lastAck)) {
    r.flags |= A.SpuriousRetransmission;
    return;
  }
  r.flags |= A.Retransmission;
}

function advance(fwd: Flow, s: Segment, r: AnalysisResult): void {
  if (s.ack !== fwd.lastAck) {
    fwd.lastNonDupAck = s.frame;
    fwd.dupAckCount = 0;
  }
  let nextSeq = (s.seq + s.length) >>> 0;
  if ((s.flags & (TH_SYN | TH_FIN)) !== 0) nextSeq = (nextSeq + 1) >>> 0;
  const probe = (r.flags & A.ZeroWindowProbe) !== 0;
  const previousNextSeq = fwd.nextSeq;
  if ((gt(nextSeq, fwd.nextSeq) || fwd.nextSeq === 0) && !probe) {
    fwd.nextSeq = nextSeq;
    fwd.nextSeqTime = s.time;
  }
  // The highest contiguous sequence number: a segment after a gap does not extend it (when the check
  // was resting, it restarts from where the data stopped being contiguous).
  if ((r.flags & A.LostSegment) !== 0) {
    if (fwd.maxSeqToBeAcked === 0) fwd.maxSeqToBeAcked = previousNextSeq;
  } else if ((s.seq === fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked === 0) && !probe) {
    fwd.maxSeqToBeAcked = fwd.nextSeq;
  }
  fwd.window = s.window;
  fwd.lastAck = s.ack;
  fwd.lastAckTime = s.time;
  fwd.lastSegmentFlags = r.flags;
}

/** Classifies one segment of `conv` from side `direction` and updates the flows. */
export function analyzeSegment(conv: Conversation, direction: number, s: Segment, r: AnalysisResult): void {
  const fwd = conv.flows[direction === 0 ? 0 : 1];
  const rev = conv.flows[direction === 0 ? 1 : 0];
  r.flags = 0;
  setBases(fwd, rev, s);
  classifyPure(fwd, rev, s, r);
  if (rev.maxSeqToBeAcked !== 0 && gt(s.ack, rev.maxSeqToBeAcked) && (s.flags & TH_ACK) !== 0) {
    r.flags |= A.AckLostSegment;
    // What tshark 4.0 does (worked out against it): when the other side has a gap, only what it was seen
    // to send is believed, so a further ACK past that is flagged again; once that is caught up, the
    // check rests (0) until the other side sends again.
    rev.maxSeqToBeAcked = rev.maxSeqToBeAcked === rev.nextSeq ? 0 : rev.nextSeq;
  }
  classifyRetransmission(conv, fwd, rev, s, r);
  advance(fwd, s, r);
}

/** Info texts in the order Wireshark prepends them: the last one written ends up first. */
const PREFIXES: readonly (readonly [number, string])[] = [
  [A.Retransmission, '[TCP Retransmission] '],
  [A.FastRetransmission, '[TCP Fast Retransmission] '],
  [A.SpuriousRetransmission, '[TCP Spurious Retransmission] '],
  [A.OutOfOrder, '[TCP Out-Of-Order] '],
  [A.ReusedPorts, '[TCP Port numbers reused] '],
  [A.LostSegment, '[TCP Previous segment not captured] '],
  [A.AckLostSegment, '[TCP ACKed unseen segment] '],
  [A.WindowUpdate, '[TCP Window Update] '],
  [A.WindowFull, '[TCP Window Full] '],
  [A.KeepAlive, '[TCP Keep-Alive] '],
  [A.KeepAliveAck, '[TCP Keep-Alive ACK] '],
  [A.DuplicateAck, ''],
  [A.ZeroWindowProbe, '[TCP ZeroWindowProbe] '],
  [A.ZeroWindow, '[TCP ZeroWindow] '],
  [A.ZeroWindowProbeAck, '[TCP ZeroWindowProbeAck] '],
];

/** The Info prefix for a segment's analysis flags. */
export function analysisPrefix(r: {
  readonly flags: number;
  readonly dupAckNumber: number;
  readonly dupAckFrame: number;
}): string {
  if (r.flags === 0) return '';
  let out = '';
  for (const [bit, text] of PREFIXES) {
    if ((r.flags & bit) === 0) continue;
    out = (bit === A.DuplicateAck ? `[TCP Dup ACK ${r.dupAckFrame}#${r.dupAckNumber}] ` : text) + out;
  }
  return out;
}
