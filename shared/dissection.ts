/**
 * The shape of a dissected frame, as the engine builds it and the renderer shows it (details tree,
 * hex pane). Every field carries its byte range so that the hex pane can highlight it; ids are
 * Wireshark display-filter field ids (`ip.src`, `tcp.flags.syn`), which makes tshark the oracle.
 */

export type FieldValue = number | string | boolean | null;

export interface DissectedField {
  /** Wireshark field id, e.g. `tcp.srcport`; a text-only line (no filterable value) uses `_text`. */
  readonly id: string;
  /** The line the details tree shows, e.g. `Source Port: 443`. */
  readonly display: string;
  readonly value: FieldValue;
  /** [start, end) in the frame's bytes (or in the buffer named by `source`). */
  readonly range: readonly [number, number];
  /** When the bytes are not the frame's own: a reassembled or decrypted buffer's id. */
  readonly source?: string;
  readonly children?: readonly DissectedField[];
}

export interface DissectedLayer {
  /** Protocol id as in `frame.protocols`: `eth`, `ip`, `tcp`, `data` … */
  readonly id: string;
  /** The tree's top line, e.g. `Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2`. */
  readonly title: string;
  readonly range: readonly [number, number];
  /** When the layer was decoded from a buffer other than the frame (a reassembled PDU): its name. */
  readonly source?: string;
  readonly fields: readonly DissectedField[];
}

/** A buffer other than the frame's bytes that fields refer to by `source` (reassembled, decompressed). */
export interface ByteSourceData {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A problem is a value, never an exception: shown as Wireshark shows `[Malformed Packet]`. */
export interface DissectionProblem {
  /** `truncated`: the capture ran out (snap length); `malformed`: a length or value contradicts the spec. */
  readonly kind: 'truncated' | 'malformed';
  readonly layer: string;
  readonly message: string;
  readonly range?: readonly [number, number];
  /** The buffer `range` indexes when not the frame's bytes. */
  readonly source?: string;
}

export interface FrameDissection {
  readonly layers: readonly DissectedLayer[];
  readonly problems: readonly DissectionProblem[];
  /** The buffers that `source` names refer to (absent when every range is in the frame). */
  readonly sources?: readonly ByteSourceData[];
}

/** Per-frame flag bits kept in the store's flags column (filters and colouring read them). */
export const FrameFlag = {
  Malformed: 1 << 0,
  Truncated: 1 << 1,
  /** Captured length is shorter than the original length (snap length). */
  SnapLimited: 1 << 2,
  /** A frame with a comment. */
  Commented: 1 << 3,
  /** pcapng block without timestamp (SPB) or non-packet block (custom). */
  NoTimestamp: 1 << 4,
} as const;
