/**
 * The byte buffers the hex pane shows, and what to highlight in them. A frame's fields may point into
 * buffers other than the frame's own bytes (a reassembled TCP stream, a decrypted TLS record), as
 * Wireshark's bytes pane shows them in tabs; a buffer is named, and a field's `source` is that name.
 */

/** The frame's own bytes: what a field without `source` refers to. */
export const FRAME_SOURCE = 'Frame';

export interface ByteSource {
  /** The key that fields' `source` refers to (`FRAME_SOURCE` for the frame). */
  readonly name: string;
  /** The tab's text when it differs from the name, e.g. `Reassembled TCP`. */
  readonly label?: string;
  readonly bytes: Uint8Array;
}

/** `[start, end)` in the source called `source`. */
export interface ByteHighlight {
  readonly source: string;
  readonly range: readonly [number, number];
}
