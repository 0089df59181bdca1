/**
 * Transmission Control Protocol (RFC 9293).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Source Port          |       Destination Port        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Sequence Number                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Acknowledgment Number                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 *  | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Checksum            |         Urgent Pointer        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Options (Data Offset > 5)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Info as Wireshark writes it: `54416 → 8443 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM …`, with
 * relative sequence numbers, the scaled window and the analysis flags in front.
 */
import { AddressKind, type FrameContext } from './context.js';
import { analysisPrefix, analyzeSegment, TcpAnalysis, tcpFlagsText, TH_ACK, TH_SYN } from './tcp-analysis.js';
import type { Conversation, Flow } from './tcp-conversations.js';
import { dissectTcpOptions } from './tcp-options.js';
import { TCP_STATE, type TcpState } from './tcp-state.js';
import { addTcpAnalysis, addTcpTree, type TcpHeader } from './tcp-tree.js';
import { tcpPayload } from './tcp-payload.js';
import type { Dissector } from './registry.js';

export const TCP_HEADER = {
  srcPort: [0, 2],
  dstPort: [2, 4],
  seq: [4, 8],
  ack: [8, 12],
  offsetFlags: [12, 14],
  window: [14, 16],
  checksum: [16, 18],
  urgentPointer: [18, 20],
} as const;
export const TCP_MIN_HEADER = 20;
const TH_URG = 0x20;

/** The conversation, opening a new one when a SYN with a new ISN reuses a tuple (Wireshark's rule). */
function summaryConversation(ctx: FrameContext, state: TcpState, h: TcpHeader): Conversation {
  const table = state.conversations;
  let conv = table.find(ctx, h.srcPort, h.dstPort);
  if (conv === undefined) conv = table.create(ctx, h.srcPort, h.dstPort);
  else if ((h.flags & (TH_SYN | TH_ACK)) === TH_SYN) {
    const fwd = conv.flows[table.direction === 0 ? 0 : 1];
    if (fwd.baseSet && h.seq !== fwd.baseSeq) {
      conv = table.create(ctx, h.srcPort, h.dstPort);
      state.portsReused = true;
    }
  }
  const fwd = conv.flows[table.direction === 0 ? 0 : 1];
  // A SYN fixes its side's base at once, even when the segment is too short to analyse further.
  if ((h.flags & TH_SYN) !== 0 && !fwd.baseSet) {
    fwd.baseSeq = h.seq;
    fwd.baseSet = true;
  }
  state.recordStream(ctx.frameNumber, conv.index, table.direction);
  return conv;
}

function detailConversation(ctx: FrameContext, state: TcpState): Conversation | undefined {
  const stream = state.streamOf(ctx.frameNumber);
  return stream < 0 ? undefined : state.conversations.byIndex[stream];
}

function readHeader(ctx: FrameContext, offset: number, end: number, h: TcpHeader): void {
  h.offset = offset;
  h.srcPort = ctx.u16(offset);
  h.dstPort = ctx.u16(offset + 2);
  h.seq = ctx.u32(offset + TCP_HEADER.seq[0]);
  h.ack = ctx.u32(offset + TCP_HEADER.ack[0]);
  const word = ctx.u16(offset + TCP_HEADER.offsetFlags[0]);
  h.headerLength = (word >>> 12) * 4;
  h.flags = word & 0x0fff;
  h.window = ctx.u16(offset + TCP_HEADER.window[0]);
  h.urgentPointer = ctx.u16(offset + TCP_HEADER.urgentPointer[0]);
  h.segmentEnd = Math.min(end, ctx.reportedEnd);
}

function scaledWindow(h: TcpHeader, fwd: Flow | undefined): number {
  if ((h.flags & TH_SYN) !== 0 || fwd === undefined || fwd.winScale < 0) return h.window;
  return h.window * 2 ** fwd.winScale;
}

/** After a SYN's options: window scaling is used only when both SYNs carried the option (RFC 7323). */
function verifyWindowScaling(h: TcpHeader, fwd: Flow, rev: Flow): void {
  if (fwd.winScale === -1) {
    fwd.winScale = -2;
    rev.winScale = -2;
  } else if ((h.flags & TH_ACK) !== 0 && rev.winScale === -2) {
    fwd.winScale = -2;
  }
}

const header: TcpHeader = {
  offset: 0,
  srcPort: 0,
  dstPort: 0,
  seq: 0,
  ack: 0,
  headerLength: 0,
  flags: 0,
  window: 0,
  urgentPointer: 0,
  segmentEnd: 0,
  direction: 0,
  relSeq: 0,
  relAck: 0,
  realWindow: 0,
  stream: -1,
  haveLength: false,
  length: 0,
};

const optionContext: { fwd: Flow | undefined; rev: Flow | undefined } = { fwd: undefined, rev: undefined };

/** The segment's conversation and direction (none inside an ICMP error or without an IP layer). */
function conversationOf(ctx: FrameContext, state: TcpState, h: TcpHeader): Conversation | undefined {
  const tracked = ctx.frozen === 0 && ctx.netKind !== AddressKind.None;
  if (!tracked) return undefined;
  const conv = ctx.detail ? detailConversation(ctx, state) : summaryConversation(ctx, state, h);
  if (conv) {
    h.direction = ctx.detail
      ? state.conversations.directionIn(ctx, conv, h.srcPort, h.dstPort)
      : state.conversations.direction;
  }
  h.stream = conv?.index ?? -1;
  ctx.streamId = h.stream;
  return conv;
}

function dissect(ctx: FrameContext, offset: number, end: number): void {
  if (!ctx.need('tcp', offset, 4, end)) return;
  ctx.setProtocol('TCP');
  // Wireshark has written the ports to Info before it reads further, so a short header shows them.
  if (ctx.available(offset, end) < TCP_MIN_HEADER) {
    ctx.setInfo(`${ctx.u16(offset)} → ${ctx.u16(offset + 2)}`);
    ctx.need('tcp', offset, TCP_MIN_HEADER, end);
    return;
  }
  const h = ctx.detail ? { ...header } : header;
  readHeader(ctx, offset, end, h);
  const state = ctx.state(TCP_STATE);
  state.portsReused = false;
  h.direction = 0;
  const conv = conversationOf(ctx, state, h);
  const ports = conv ? conv.portsText(h.direction) : `${h.srcPort} → ${h.dstPort}`;
  if (h.headerLength < TCP_MIN_HEADER) bogusHeaderLength(ctx, h, conv?.flows[h.direction], ports);
  else dissectSegment(ctx, state, conv, h, ports, end);
}

/** Everything after a valid header length: numbers, Info, options, analysis, payload. */
function dissectSegment(
  ctx: FrameContext,
  state: TcpState,
  conv: Conversation | undefined,
  h: TcpHeader,
  ports: string,
  end: number,
): void {
  const fwd = conv?.flows[h.direction === 0 ? 0 : 1];
  const rev = conv?.flows[h.direction === 0 ? 1 : 0];
  h.haveLength = h.segmentEnd - h.offset >= h.headerLength;
  h.length = h.haveLength ? h.segmentEnd - h.offset - h.headerLength : 0;
  const prefix = analyse(ctx, state, conv, h.direction, h);
  h.relSeq = fwd?.baseSet ? (h.seq - fwd.baseSeq) >>> 0 : h.seq;
  h.relAck = rev?.baseSet && (h.flags & TH_ACK) !== 0 ? (h.ack - rev.baseSeq) >>> 0 : h.ack;
  h.realWindow = scaledWindow(h, fwd);
  ctx.setInfo(baseInfo(ports, h));
  if (ctx.tree) addTcpTree(ctx, ctx.tree, h, fwd);
  if (h.headerLength > TCP_MIN_HEADER) {
    optionContext.fwd = ctx.detail ? undefined : fwd;
    optionContext.rev = rev;
    const optionsEnd = h.offset + h.headerLength;
    if (!dissectTcpOptions(ctx, h.offset + TCP_MIN_HEADER, optionsEnd, h.segmentEnd, optionContext)) return;
  }
  if ((h.flags & TH_SYN) !== 0 && fwd && rev && !ctx.detail) verifyWindowScaling(h, fwd, rev);
  if (ctx.tree) addTcpAnalysis(ctx.tree, h, state.analysisOf(ctx.frameNumber));
  if (prefix.length > 0) ctx.setInfo(prefix + ctx.info);
  // The analysis flags stay in front of whatever a protocol above writes (Wireshark fences them).
  ctx.infoFence = prefix.length;
  const flags =
    conv === undefined || !h.haveLength
      ? 0
      : ctx.detail
        ? (state.analysisOf(ctx.frameNumber)?.flags ?? 0)
        : state.result.flags;
  tcpPayload(ctx, h, end, flags);
}

function baseInfo(ports: string, h: TcpHeader): string {
  const ack = (h.flags & TH_ACK) !== 0 ? ` Ack=${h.relAck}` : '';
  const urgent = (h.flags & TH_URG) !== 0 ? ` Urg=${h.urgentPointer}` : '';
  const length = h.haveLength ? ` Len=${h.length}` : '';
  return `${ports} [${tcpFlagsText(h.flags)}] Seq=${h.relSeq}${ack} Win=${h.realWindow}${urgent}${length}`;
}

function bogusHeaderLength(ctx: FrameContext, h: TcpHeader, fwd: Flow | undefined, ports: string): void {
  const seq = fwd?.baseSet ? (h.seq - fwd.baseSeq) >>> 0 : h.seq;
  ctx.setInfo(
    `${ports} [${tcpFlagsText(h.flags)}] Seq=${seq} Win=${h.window}, bogus TCP header length (${h.headerLength}, must be at least ${TCP_MIN_HEADER})`,
  );
  ctx.problem('malformed', 'tcp', 'header length below 20', h.offset + 12, h.offset + 13);
}

/** Sequence analysis on the summary pass (recorded per frame); its Info prefix on both paths. */
function analyse(
  ctx: FrameContext,
  state: TcpState,
  conv: Conversation | undefined,
  direction: number,
  h: TcpHeader,
): string {
  if (conv === undefined) return '';
  if (ctx.detail) {
    const recorded = state.analysisOf(ctx.frameNumber);
    return recorded ? analysisPrefix(recorded) : '';
  }
  if (!h.haveLength) return '';
  const s = state.segment;
  s.frame = ctx.frameNumber;
  s.time = ctx.time;
  s.seq = h.seq;
  s.ack = h.ack;
  s.length = h.length;
  s.flags = h.flags;
  s.window = scaledWindow(h, conv.flows[direction === 0 ? 0 : 1]);
  noteHandshake(conv, direction, h, ctx.time);
  analyzeSegment(conv, direction, s, state.result);
  if (state.portsReused) state.result.flags |= TcpAnalysis.ReusedPorts;
  state.recordAnalysis(ctx.frameNumber, state.result);
  return analysisPrefix(state.result);
}

/** The handshake's round trip (SYN to the third segment) sets the out-of-order threshold. */
function noteHandshake(conv: Conversation, direction: number, h: TcpHeader, time: number): void {
  if ((h.flags & (TH_SYN | TH_ACK)) === TH_SYN) {
    if (conv.synTime < 0) conv.synTime = time;
    conv.synDirection = direction;
  } else if (
    (h.flags & (TH_SYN | TH_ACK)) === TH_ACK &&
    conv.initialRtt === 0 &&
    conv.synTime >= 0 &&
    direction === conv.synDirection
  ) {
    conv.initialRtt = Number.isNaN(time) ? 0 : time - conv.synTime;
  }
}

export const tcpDissector: Dissector = {
  id: 'tcp',
  bindings: [{ table: 'ip.proto', key: 6 }],
  dissect,
};
