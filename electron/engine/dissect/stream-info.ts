/**
 * What TCP tells the dissector above it about the bytes it hands over (Wireshark's `tcpinfo` and the
 * `pinfo->desegment_*` fields): a dissector that needs more of the stream than it was given says so by
 * setting `desegmentOffset` (where its unfinished PDU starts) and `desegmentLength` (bytes still missing, or
 * one of the `DESEGMENT_*` requests) instead of decoding a partial PDU.
 */
export class StreamInfo {
  /** tcp.stream of the bytes, -1 outside TCP. */
  stream = -1;
  /** Side of the conversation (0: the side seen first). */
  direction = 0;
  /** TCP ports of the segment (the sender's first). */
  srcPort = 0;
  dstPort = 0;
  /**
   * Where the bytes handed over sit in the direction's stream (summary pass): the byte at offset
   * `bufferStart` of the current source has relative sequence number `seq`. -1 on the detail path.
   */
  seq = -1;
  bufferStart = 0;
  /** Index of this call among the PDUs TCP records for the frame (what replay and details dissect again). */
  pduIndex = 0;
  /** True when TCP can reassemble: on the summary pass, for a stream it keeps buffers for. */
  canDesegment = false;
  desegmentOffset = 0;
  desegmentLength = 0;
  /** The bytes end where the stream ended (FIN): what was asked for until the end is all there is. */
  endOfStream = false;
  /**
   * A small value the dissector may leave for this PDU on the summary pass (HTTP: which responses answer a
   * HEAD); TCP records it and hands it back when the same PDU is dissected for details.
   */
  pduState = 0;
  /**
   * Set by a dissector that declines the bytes but wants them left as TCP payload rather than shown as
   * data (Wireshark's HTTP on a port-80 stream that never carried HTTP).
   */
  leaveAsPayload = false;

  /** The fields one call sets and reads, kept aside while a protocol inside (decrypted TLS) gets a call. */
  saveCall(): CallFields {
    const { canDesegment, seq, bufferStart, pduIndex, pduState, desegmentOffset, desegmentLength } = this;
    const { endOfStream, leaveAsPayload } = this;
    return {
      canDesegment,
      seq,
      bufferStart,
      pduIndex,
      pduState,
      desegmentOffset,
      desegmentLength,
      endOfStream,
      leaveAsPayload,
    };
  }

  restoreCall(saved: CallFields): void {
    Object.assign(this, saved);
  }
}

export type CallFields = Pick<
  StreamInfo,
  | 'canDesegment'
  | 'seq'
  | 'bufferStart'
  | 'pduIndex'
  | 'pduState'
  | 'desegmentOffset'
  | 'desegmentLength'
  | 'endOfStream'
  | 'leaveAsPayload'
>;

/** Ask for the whole next segment (the PDU's length is not known yet). */
export const DESEGMENT_ONE_MORE_SEGMENT = 0x0fffffff;
/** Ask for everything until the stream ends (a response delimited by the connection closing). */
export const DESEGMENT_UNTIL_FIN = 0x0ffffffe;
