/** The bytes pane: hex and ASCII of one or more byte sources, with the selected field's bytes highlighted. */
export { HexPane, type HexPaneProps } from './HexPane.js';
export { FRAME_SOURCE, type ByteHighlight, type ByteSource } from './byte-source.js';
export { bytesFromHex } from './hex-layout.js';
