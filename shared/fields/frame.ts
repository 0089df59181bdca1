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
    // Times and the interface come from the capture file (the store's columns), not from the bytes.
    interfaceId: field('frame.interface_id', 'Interface id', 'uint32'),
    time: field('frame.time', 'Arrival Time', 'absolute_time'),
    // Wireshark's is FT_ABSOLUTE_TIME shown as seconds; filters compare it with a number of seconds.
    timeEpoch: field('frame.time_epoch', 'Epoch Time', 'double', { unit: ' seconds' }),
    timeDelta: field('frame.time_delta', 'Time delta from previous captured frame', 'relative_time', {
      generated: true,
    }),
    // In a filter, relative to the previous frame that passed it (0 until one has), as tshark's -Y.
    timeDeltaDisplayed: field(
      'frame.time_delta_displayed',
      'Time delta from previous displayed frame',
      'relative_time',
      { generated: true },
    ),
    timeRelative: field('frame.time_relative', 'Time since reference or first frame', 'relative_time', {
      generated: true,
    }),
    coloringRule: field('frame.coloring_rule.name', 'Coloring Rule Name', 'string', { generated: true }),
    coloringRuleString: field('frame.coloring_rule.string', 'Coloring Rule String', 'string', {
      generated: true,
    }),
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
