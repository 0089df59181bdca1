/**
 * TCP's payload: to a protocol that reads the stream, through reassembly (summary pass) or from what the
 * summary pass recorded (replay, details); else to the dissector of its port; else data.
 */
import { TCP } from '../../../shared/fields/tcp.js';
import type { FrameContext } from './context.js';
import { TcpAnalysis, TH_FIN } from './tcp-analysis.js';
import { desegment } from './tcp-desegment.js';
import { keepAlive } from './tcp-pdu.js';
import type { TcpHeader } from './tcp-tree.js';
import {
  claimStream,
  recordedKeepAlive,
  recordedPayload,
  replayDirect,
  replayMiddle,
  replayPayload,
  waitsForFin,
} from './tcp-upper.js';

/**
 * Wireshark (tcp.no_subdissector_on_error, on by default in 4.0) does not hand retransmitted or out-of-order
 * data to the protocol above: its bytes were (or will be) dissected where they first arrived.
 */
const NOT_DISSECTED =
  TcpAnalysis.Retransmission | TcpAnalysis.SpuriousRetransmission | TcpAnalysis.OutOfOrder;

/** The payload: to a stream protocol through reassembly, else to the port's dissector, else data. */
export function tcpPayload(ctx: FrameContext, h: TcpHeader, end: number, analysis: number): void {
  const start = h.offset + h.headerLength;
  ctx.stream.stream = h.stream;
  ctx.stream.direction = h.direction;
  ctx.stream.srcPort = h.srcPort;
  ctx.stream.dstPort = h.dstPort;
  const stop = Math.min(end, h.segmentEnd);
  if (start >= stop) {
    if ((h.flags & TH_FIN) !== 0 && h.stream >= 0) streamPayload(ctx, h, start, start);
    return;
  }
  if ((analysis & NOT_DISSECTED) !== 0) {
    const n = stop - start;
    ctx.tree?.add(TCP.fields.payload, start, stop, null, `TCP payload (${n} byte${n === 1 ? '' : 's'})`);
    return;
  }
  // A segment inside a reassembled IP datagram has no frame offsets for its pieces: no stream reassembly.
  const inFrame = ctx.sourceName === null;
  if (
    inFrame &&
    h.stream >= 0 &&
    streamPayload(ctx, h, start, stop, (analysis & TcpAnalysis.KeepAlive) !== 0)
  )
    return;
  const low = Math.min(h.srcPort, h.dstPort);
  const high = Math.max(h.srcPort, h.dstPort);
  if (ctx.next('tcp.port', low, start, stop) || ctx.next('tcp.port', high, start, stop)) return;
  ctx.data(start, stop);
}

/** Payload of a stream that a protocol above claims; false when none does. */
function streamPayload(
  ctx: FrameContext,
  h: TcpHeader,
  start: number,
  stop: number,
  keepAliveByte = false,
): boolean {
  if (keepAliveByte) return keepAlivePayload(ctx, h, start, stop);
  if (ctx.detail) {
    if (replayMiddle(ctx, start, stop) || replayDirect(ctx, h.stream, start, stop)) return true;
    const rec = recordedPayload(ctx);
    if (rec) replayPayload(ctx, rec, start, stop);
    return rec !== undefined;
  }
  const fin = (h.flags & TH_FIN) !== 0;
  const upper =
    start === stop
      ? waitsForFin(ctx, h.stream, h.direction)
      : claimStream(
          ctx,
          h.stream,
          Math.min(h.srcPort, h.dstPort),
          Math.max(h.srcPort, h.dstPort),
          start,
          stop,
        );
  if (!upper) return false;
  desegment(ctx, upper, {
    stream: h.stream,
    direction: h.direction,
    offset: start,
    end: stop,
    seq: h.relSeq,
    fin,
  });
  return true;
}

/** A keep-alive on a claimed stream (summary pass), or one the summary pass marked (replay, details). */
function keepAlivePayload(ctx: FrameContext, h: TcpHeader, start: number, stop: number): boolean {
  const low = Math.min(h.srcPort, h.dstPort);
  const high = Math.max(h.srcPort, h.dstPort);
  const claimed = ctx.detail
    ? recordedKeepAlive(ctx)
    : claimStream(ctx, h.stream, low, high, start, stop) !== null;
  if (claimed) keepAlive(ctx, h.stream, h.direction, h.relSeq, start, stop);
  return claimed;
}
