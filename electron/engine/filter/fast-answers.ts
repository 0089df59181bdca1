/**
 * Fields answered from what the summary pass recorded, without dissecting the frame again:
 * - TCP's ports (the frame's conversation and which side sent it) and analysis flags: the most common
 *   filters (`tcp.port == 443`, `!tcp.analysis.retransmission`, the Bad TCP colouring rule) cost a
 *   lookup per frame (the analysis lines come from tcp-tree.ts's own list, so the answer is the tree's);
 * - any other protocol's fields are absent from frames in which that protocol was not dissected (the
 *   store's protocol column): an HTTP filter dissects only the frames that had HTTP.
 * A frame the answers cannot settle (an untracked TCP segment, an ICMP error quoting a packet) is
 * dissected as usual.
 */
import { TCP } from '../../../shared/fields/tcp.js';
import { TcpAnalysis } from '../dissect/tcp-analysis.js';
import { TCP_STATE, type TcpState } from '../dissect/tcp-state.js';
import { analysisFields } from '../dissect/tcp-tree.js';
import type { Lane } from '../lanes/lane.js';
import type { RuntimeValue } from './field-sink.js';
import type { SlotSpec } from './plan.js';

/** Puts the slot's values for frame `number` (1-based); false when this frame must be dissected. */
export type FastAnswer = (number: number, put: (value: RuntimeValue) => void) => boolean;

const F = TCP.fields;
/** The analysis lines tcp-tree.ts can add (every flag set): other `tcp.analysis.*` ids are not answered here. */
const LINE_IDS: ReadonlySet<string> = new Set(analysisFields(0xffff).map((def) => def.id));

function ports(tcp: TcpState, which: 'src' | 'dst', existence: boolean): FastAnswer {
  return (number, put) => {
    const stream = tcp.streamOf(number);
    const conv = stream < 0 ? undefined : tcp.conversations.byIndex[stream];
    if (!conv) return false;
    const fromA = tcp.directionOf(number) === 0;
    const port = (which === 'src') === fromA ? conv.portA : conv.portB;
    put(existence ? null : port);
    return true;
  };
}

/** An analysis field: present when the recorded flags give its line (frames without tracked TCP have none). */
function analysisLine(tcp: TcpState, id: string): FastAnswer {
  return (number, put) => {
    const flags = tcp.analysisOf(number)?.flags ?? 0;
    if (flags !== 0 && analysisFields(flags).some((def) => def.id === id)) put(null);
    return true;
  };
}

function duplicateAck(tcp: TcpState, id: string, existence: boolean): FastAnswer {
  return (number, put) => {
    const analysis = tcp.analysisOf(number);
    if (!analysis || (analysis.flags & TcpAnalysis.DuplicateAck) === 0) return true;
    if (id === F.duplicateAck.id || existence) put(null);
    else put(id === F.duplicateAckNum.id ? analysis.dupAckNumber : analysis.dupAckFrame);
    return true;
  };
}

/**
 * A field of a protocol that the summary pass did not dissect in this frame is not in its tree
 * either: the detail path runs the dissectors the summary pass ran (for reassembled PDUs, in the frame
 * that completed them), except inside a packet an ICMP error quotes, which it dissects for the tree
 * only, so frames with ICMP are always dissected. The store keeps which protocols each frame had.
 */
function notDissected(lane: Lane, protocol: string): FastAnswer | null {
  if (lane.protocolBit(protocol) === null) return null;
  // Bits are given once, on first sight: a known one is kept; an unknown one is asked again.
  let bit = 0;
  return (number) => {
    bit ||= lane.protocolBit(protocol) ?? 0;
    const quoting = (lane.protocolBit('icmp') ?? 0) | (lane.protocolBit('icmpv6') ?? 0);
    const seen = lane.store.protocolBits(number - 1);
    if ((seen & quoting) !== 0) return false;
    return bit === 0 || (seen & bit) === 0;
  };
}

/** The fast answer for a slot, or null when its field needs the frame dissected. */
export function fastAnswerFor(slot: SlotSpec, lane: Lane): FastAnswer | null {
  if (slot.layerOf !== null) return null;
  const tcp = lane.recorded(TCP_STATE);
  const existence = slot.ftype === 'none';
  switch (slot.id) {
    case F.srcport.id:
    case F.dstport.id: {
      // A tracked segment's ports from its conversation; a frame without TCP has none.
      const port = ports(tcp, slot.id === F.srcport.id ? 'src' : 'dst', existence);
      const absent = notDissected(lane, 'tcp');
      return (number, put) => port(number, put) || (absent !== null && absent(number, put));
    }
    case F.analysis.id:
    case F.analysisFlags.id:
      return (number, put) => {
        if (tcp.analysisOf(number)) put(null);
        return true;
      };
    case F.duplicateAck.id:
    case F.duplicateAckNum.id:
    case F.duplicateAckFrame.id:
      return duplicateAck(tcp, slot.id, existence);
    default:
      if (LINE_IDS.has(slot.id)) return analysisLine(tcp, slot.id);
      return notDissected(lane, slot.protocol);
  }
}
