/** The frame pseudo-protocol: what the capture file says about a frame, before any byte is decoded. */
import { defineProtocol, field } from './types.js';

export const FRAME = defineProtocol(
  { id: 'frame', name: 'Frame', short: 'Frame' },
  {
    number: field('frame.number', 'Frame Number', 'uint32'),
    len: field('frame.len', 'Frame Length', 'uint32', { unit: ' bytes' }),
    capLen: field('frame.cap_len', 'Capture Length', 'uint32', { unit: ' bytes' }),
    protocols: field('frame.protocols', 'Protocols in frame', 'string', { generated: true }),
    cbPen: field('frame.cb_pen', 'Private Enterprise Number', 'uint32'),
    cbCopy: field('frame.cb_copy', 'Copying', 'boolean', { tfs: ['Allowed', 'Not allowed'] }),
  },
);

/** Frames whose bytes no dissector claims (Wireshark's `data` protocol). */
export const DATA = defineProtocol(
  { id: 'data', name: 'Data', short: 'Data' },
  {
    data: field('data.data', 'Data', 'bytes'),
    len: field('data.len', 'Length', 'int32', { generated: true }),
  },
);

/** Private Enterprise Numbers (IANA) that pcapng custom blocks in the wild carry. */
export const ENTERPRISE_NAMES: Readonly<Record<number, string>> = {
  9: 'ciscoSystems',
  311: 'Microsoft',
  2636: 'Juniper Networks, Inc.',
  32473: 'Example Enterprise Number for Documentation Use',
  36724: 'Kaplan Research and Application Prototyping',
};
