/**
 * Hand-built frames for the tests: the shape the engine sends (see electron/engine/dissect/*-tree.ts),
 * cut down to what each test needs.
 */
import type { FieldShape, FrameDetails, FrameNumber, LaneId } from '../../../shared/contract/index.js';

export function field(
  id: string,
  range: [number, number],
  children?: FieldShape[],
  source?: string,
): FieldShape {
  return {
    id,
    display: `${id}: value`,
    value: null,
    range,
    ...(children && { children }),
    ...(source && { source }),
  };
}

export function frame(
  layers: FrameDetails['layers'],
  extra: Partial<Pick<FrameDetails, 'problems' | 'comments' | 'bytesHex' | 'sources'>> = {},
): FrameDetails {
  return {
    lane: 1 as LaneId,
    row: {
      number: 1 as FrameNumber,
      time: null,
      source: '10.0.0.1',
      destination: '10.0.0.2',
      protocol: 'TCP',
      length: 54,
      capturedLength: 54,
      info: '',
      stream: 0,
      flags: 0,
      interfaceId: 0,
    },
    bytesHex: extra.bytesHex ?? '00'.repeat(54),
    comments: extra.comments ?? [],
    layers,
    problems: extra.problems ?? [],
    sources: extra.sources ?? [],
  };
}

/**
 * Ethernet [0,14), IPv4 [14,34), TCP [34,54) behind a frame layer [0,54), as the engine builds them:
 * zero-length generated fields in the frame layer, bit fields sharing their byte, a TCP payload
 * field in a reassembled buffer.
 */
export const TCP_FRAME: FrameDetails = frame([
  {
    id: 'frame',
    title: 'Frame 1: 54 bytes on wire (432 bits), 54 bytes captured (432 bits)',
    range: [0, 54],
    fields: [field('frame.number', [0, 0]), field('frame.len', [0, 0]), field('frame.protocols', [0, 54])],
  },
  {
    id: 'eth',
    title: 'Ethernet II, Src: 00:00:00:00:00:01, Dst: 00:00:00:00:00:02',
    range: [0, 14],
    fields: [
      field('eth.dst', [0, 6], [field('eth.addr', [0, 6])]),
      field('eth.src', [6, 12]),
      field('eth.type', [12, 14]),
    ],
  },
  {
    id: 'ip',
    title: 'Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2',
    range: [14, 34],
    fields: [
      field('ip.version', [14, 15]),
      field('ip.hdr_len', [14, 15]),
      field('ip.len', [16, 18]),
      field('ip.flags', [20, 22], [field('ip.flags.rb', [20, 21]), field('ip.flags.df', [20, 21])]),
      // A gap: bytes 22..26 belong to no field, only to the layer.
      field('ip.src', [26, 30]),
      field('ip.dst', [30, 34]),
    ],
  },
  {
    id: 'tcp',
    title: 'Transmission Control Protocol, Src Port: 52076, Dst Port: 80',
    range: [34, 54],
    fields: [
      field('tcp.srcport', [34, 36]),
      field('tcp.dstport', [36, 38]),
      field('tcp.analysis', [0, 0], [field('tcp.analysis.bytes_in_flight', [0, 0])]),
      field('tcp.reassembled', [0, 100], [field('tcp.reassembled.data', [40, 60])], 'Reassembled TCP'),
    ],
  },
]);
