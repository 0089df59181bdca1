/** The TCP details tree (detail path only), worded like Wireshark's. */
import { bitPattern, hex } from '../../../shared/fields/format.js';
import { TCP } from '../../../shared/fields/tcp.js';
import type { FrameContext } from './context.js';
import { TcpAnalysis, tcpFlagsText, TH_ACK, TH_FIN, TH_SYN } from './tcp-analysis.js';
import type { Flow } from './tcp-conversations.js';
import type { FrameAnalysis } from './tcp-state.js';
import type { DetailTree } from './tree.js';

/** What tcp.ts read and derived; shared with the tree so it is read once. */
export interface TcpHeader {
  offset: number;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  headerLength: number;
  flags: number;
  window: number;
  urgentPointer: number;
  /** Where the segment ends (the length IP gives it). */
  segmentEnd: number;
  /** Side of the conversation it comes from (0: the side that was seen first). */
  direction: number;
  relSeq: number;
  relAck: number;
  realWindow: number;
  stream: number;
  haveLength: boolean;
  length: number;
}

const F = TCP.fields;
const FLAG_FIELDS = [
  [F.flagsRes, 0xe00],
  [F.flagsAe, 0x100],
  [F.flagsCwr, 0x080],
  [F.flagsEce, 0x040],
  [F.flagsUrg, 0x020],
  [F.flagsAck, 0x010],
  [F.flagsPush, 0x008],
  [F.flagsReset, 0x004],
  [F.flagsSyn, 0x002],
  [F.flagsFin, 0x001],
] as const;
const FLAG_LETTERS = 'RRRACEUAPRSF';

const ANALYSIS_LINES: readonly [number, typeof F.retransmission][] = [
  [TcpAnalysis.Retransmission, F.retransmission],
  [TcpAnalysis.SpuriousRetransmission, F.spuriousRetransmission],
  [TcpAnalysis.FastRetransmission, F.fastRetransmission],
  [TcpAnalysis.OutOfOrder, F.outOfOrder],
  [TcpAnalysis.LostSegment, F.lostSegment],
  [TcpAnalysis.AckLostSegment, F.ackLostSegment],
  [TcpAnalysis.WindowUpdate, F.windowUpdate],
  [TcpAnalysis.WindowFull, F.windowFull],
  [TcpAnalysis.KeepAlive, F.keepAlive],
  [TcpAnalysis.KeepAliveAck, F.keepAliveAck],
  [TcpAnalysis.ZeroWindow, F.zeroWindow],
  [TcpAnalysis.ZeroWindowProbe, F.zeroWindowProbe],
  [TcpAnalysis.ZeroWindowProbeAck, F.zeroWindowProbeAck],
];

function flagsLetters(flags: number): string {
  let out = '';
  for (let bit = 11; bit >= 0; bit--) out += (flags >>> bit) & 1 ? FLAG_LETTERS[11 - bit] : '·';
  return out;
}

function addFlags(t: DetailTree, h: TcpHeader, flagNames: string): void {
  const at = h.offset + 12;
  const lines = t.lines;
  t.open(t.add(F.flags, at, at + 2, h.flags, lines ? `Flags: ${hex(h.flags, 3)} (${flagNames})` : ''));
  for (const [def, mask] of FLAG_FIELDS) {
    const value = (h.flags & mask) !== 0;
    const line = lines
      ? `${bitPattern(def, mask === 0xe00 ? (h.flags & mask) >>> 9 : value ? 1 : 0)} = ${def.label}: ${value ? 'Set' : 'Not set'}`
      : '';
    t.add(def, at, at + 2, value, line);
  }
  const letters = flagsLetters(h.flags);
  t.add(F.flagsStr, at, at + 2, letters, lines ? `[TCP Flags: ${letters}]` : '');
  t.close();
}

/**
 * The analysis lines of a frame with these flags, in tree order (duplicate-ACK lines aside). Display
 * filters read them from here without building the tree (electron/engine/filter/fast-answers.ts).
 */
export function analysisFields(flags: number): (typeof F.retransmission)[] {
  const out: (typeof F.retransmission)[] = [];
  for (const [bit, def] of ANALYSIS_LINES) {
    if ((flags & bit) === 0) continue;
    out.push(def);
    // Wireshark marks a spurious or fast retransmission as a retransmission too (both lines, both fields).
    const kind = bit === TcpAnalysis.SpuriousRetransmission || bit === TcpAnalysis.FastRetransmission;
    if (kind && (flags & TcpAnalysis.Retransmission) === 0) out.push(F.retransmission);
  }
  return out;
}

/** `[SEQ/ACK analysis]`, after the options as in Wireshark's tree. */
export function addTcpAnalysis(t: DetailTree, h: TcpHeader, analysis: FrameAnalysis | undefined): void {
  if (!analysis) return;
  t.open(t.add(F.analysis, h.offset, h.offset, null));
  t.open(t.add(F.analysisFlags, h.offset, h.offset, null));
  for (const def of analysisFields(analysis.flags)) t.add(def, h.offset, h.offset, null);
  if ((analysis.flags & TcpAnalysis.DuplicateAck) !== 0) {
    t.add(F.duplicateAck, h.offset, h.offset, null);
    t.add(F.duplicateAckNum, h.offset, h.offset, analysis.dupAckNumber);
    t.add(F.duplicateAckFrame, h.offset, h.offset, analysis.dupAckFrame);
  }
  t.close();
  t.close();
}

function addNumbers(t: DetailTree, h: TcpHeader, fwd: Flow | undefined): void {
  const o = h.offset;
  const relative = fwd?.baseSet === true;
  const lines = t.lines;
  t.add(
    F.seq,
    o + 4,
    o + 8,
    h.relSeq,
    lines ? `Sequence Number: ${h.relSeq}${relative ? '    (relative sequence number)' : ''}` : '',
  );
  t.add(F.seqRaw, o + 4, o + 8, h.seq);
  if (h.haveLength) {
    const next = (h.relSeq + h.length + ((h.flags & (TH_SYN | TH_FIN)) !== 0 ? 1 : 0)) >>> 0;
    t.add(
      F.nxtseq,
      o,
      o,
      next,
      lines ? `[Next Sequence Number: ${next}${relative ? '    (relative sequence number)' : ''}]` : '',
    );
  }
  const acking = (h.flags & TH_ACK) !== 0;
  t.add(
    F.ack,
    o + 8,
    o + 12,
    h.relAck,
    lines
      ? `Acknowledgment Number: ${h.relAck}${acking && h.relAck !== h.ack ? '    (relative ack number)' : ''}`
      : '',
  );
  t.add(F.ackRaw, o + 8, o + 12, h.ack);
}

export function addTcpTree(ctx: FrameContext, t: DetailTree, h: TcpHeader, fwd: Flow | undefined): void {
  const o = h.offset;
  const lines = t.lines;
  const ack = (h.flags & TH_ACK) !== 0 ? `, Ack: ${h.relAck}` : '';
  const len = h.haveLength ? `, Len: ${h.length}` : '';
  t.begin(
    TCP.protocol,
    lines
      ? `Transmission Control Protocol, Src Port: ${h.srcPort}, Dst Port: ${h.dstPort}, Seq: ${h.relSeq}${ack}${len}`
      : '',
    o,
    o + h.headerLength,
  );
  t.add(F.srcport, o, o + 2, h.srcPort);
  t.add(F.dstport, o + 2, o + 4, h.dstPort);
  if (h.stream >= 0) t.add(F.stream, o, o, h.stream);
  if (h.haveLength) t.add(F.len, o, o, h.length);
  addNumbers(t, h, fwd);
  const hl = h.headerLength / 4;
  t.add(
    F.hdrLen,
    o + 12,
    o + 14,
    hl,
    lines ? `${bitPattern(F.hdrLen, hl)} = Header Length: ${h.headerLength} bytes (${hl})` : '',
  );
  addFlags(t, h, lines ? tcpFlagsText(h.flags) : '');
  t.add(F.window, o + 14, o + 16, h.window);
  t.add(F.windowSize, o + 14, o + 16, h.realWindow);
  if ((h.flags & TH_SYN) === 0)
    t.add(F.windowScale, o + 14, o + 16, fwd ? (fwd.winScale >= 0 ? 2 ** fwd.winScale : fwd.winScale) : -1);
  const checksum = ctx.u16(o + 16);
  t.add(F.checksum, o + 16, o + 18, checksum, lines ? `Checksum: ${hex(checksum, 4)} [unverified]` : '');
  t.add(F.urgentPointer, o + 18, o + 20, h.urgentPointer);
}
