/**
 * The data that crosses between renderer and engine, as runtime schemas (zod) with their static
 * types derived from them: one declaration serves validation at the engine boundary and the types
 * on both sides.
 */
import { z } from 'zod';

/** A lane: one capture source (an opened file, a local interface, an SSH target). */
export const LaneId = z.number().int().nonnegative().brand<'LaneId'>();
export type LaneId = z.infer<typeof LaneId>;

/** 1-based frame number within a lane, as Wireshark numbers frames. */
export const FrameNumber = z.number().int().positive().brand<'FrameNumber'>();
export type FrameNumber = z.infer<typeof FrameNumber>;

/** A view over a lane (a filter and a sort as an index array); view 0 is every frame in order. */
export const ViewId = z.number().int().nonnegative().brand<'ViewId'>();
export type ViewId = z.infer<typeof ViewId>;

const path = z.string().min(1).max(4096);

/** Seconds since the Unix epoch plus nanoseconds: exact where a double is not. */
export const Timestamp = z.object({
  seconds: z.number().int(),
  nanos: z.number().int().min(0).max(999_999_999),
});
export type Timestamp = z.infer<typeof Timestamp>;

export const LaneRole = z.enum(['front', 'back', 'none']);
export type LaneRole = z.infer<typeof LaneRole>;

export const CaptureError = z.object({
  /** Offset in the source where reading stopped; frames before it were all kept. */
  offset: z.number().int().nonnegative(),
  blockType: z.string(),
  kind: z.enum(['truncated', 'corrupt', 'not-a-capture', 'unsupported', 'io']),
  message: z.string(),
});
export type CaptureError = z.infer<typeof CaptureError>;

/** Where a lane's frames come from. */
export const LaneSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path }),
  /** A local interface, captured by tcpdump or dumpcap (the privileged helper). */
  z.object({ kind: z.literal('local'), interface: z.string().min(1).max(256), filter: z.string().max(4096) }),
  /** A remote interface, captured by tcpdump over SSH. */
  z.object({
    kind: z.literal('ssh'),
    host: z.string().min(1).max(1024),
    interface: z.string().min(1).max(256),
    filter: z.string().max(4096),
  }),
]);
export type LaneSource = z.infer<typeof LaneSource>;

/** Packets a live capture saw and lost, as its helper counts them (tcpdump's "N packets received by filter"). */
export const CaptureStats = z.object({
  received: z.number().int().nonnegative(),
  droppedByKernel: z.number().int().nonnegative(),
  droppedByInterface: z.number().int().nonnegative().nullable(),
});
export type CaptureStats = z.infer<typeof CaptureStats>;

export const LaneInterface = z.object({
  id: z.number().int().nonnegative(),
  linkType: z.number().int().nonnegative(),
  linkTypeName: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  snapLength: z.number().int().nonnegative(),
  /** Digits after the second that the Time column shows: 6 for microsecond captures, 9 for finer. */
  timeDecimals: z.number().int().min(0).max(9),
});

export const LaneInfo = z.object({
  lane: LaneId,
  title: z.string(),
  source: LaneSource,
  role: LaneRole,
  format: z.enum(['pcap', 'pcapng']).nullable(),
  interfaces: z.array(LaneInterface),
  frames: z.number().int().nonnegative(),
  /** Bytes of the source read so far, and its size when known (files). */
  bytesRead: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative().nullable(),
  firstTimestamp: Timestamp.nullable(),
  /** loading: a file being read; capturing: a live source running; done: read to its end or stopped. */
  state: z.enum(['loading', 'capturing', 'done', 'failed']),
  /** A live capture's own counters (tcpdump's or dumpcap's), when the source reports them. */
  stats: CaptureStats.nullable(),
  error: CaptureError.nullable(),
  /**
   * Bumped each time the lane's frames are dissected again (keys arrived for its TLS sessions): rows,
   * details and views of an unchanged frame count are stale. Absent means 0.
   */
  dissection: z.number().int().nonnegative().optional(),
});
export type LaneInfo = z.infer<typeof LaneInfo>;

export const Column = z.enum(['number', 'time', 'source', 'destination', 'protocol', 'length', 'info']);
export type Column = z.infer<typeof Column>;

export const SortSpec = z.object({ column: Column, direction: z.enum(['ascending', 'descending']) });
export type SortSpec = z.infer<typeof SortSpec>;

export const PacketRow = z.object({
  number: FrameNumber,
  /** Null for pcapng blocks that carry no timestamp (Simple Packet Blocks, custom blocks). */
  time: Timestamp.nullable(),
  source: z.string(),
  destination: z.string(),
  protocol: z.string(),
  /** Original (on the wire) length: Wireshark's Length column. */
  length: z.number().int().nonnegative(),
  capturedLength: z.number().int().nonnegative(),
  info: z.string(),
  /** tcp.stream, or -1. */
  stream: z.number().int(),
  flags: z.number().int().nonnegative(),
  interfaceId: z.number().int().nonnegative(),
});
export type PacketRow = z.infer<typeof PacketRow>;

export const RowsWindow = z.object({
  lane: LaneId,
  view: ViewId,
  /** Rows in the view now (it grows while the lane loads). */
  total: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  rows: z.array(PacketRow),
});
export type RowsWindow = z.infer<typeof RowsWindow>;

const FieldValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const Range = z.tuple([z.number().int(), z.number().int()]);
export type FieldShape = {
  id: string;
  display: string;
  value: string | number | boolean | null;
  range: [number, number];
  source?: string | undefined;
  children?: FieldShape[] | undefined;
};
const DissectedField: z.ZodType<FieldShape> = z.lazy(() =>
  z.object({
    id: z.string(),
    display: z.string(),
    value: FieldValue,
    range: Range,
    source: z.string().optional(),
    children: z.array(DissectedField).optional(),
  }),
);

export const FrameDetails = z.object({
  lane: LaneId,
  row: PacketRow,
  /** The captured bytes, hex-encoded (the contract is JSON on every transport). */
  bytesHex: z.string(),
  comments: z.array(z.string()),
  layers: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      range: Range,
      /** The byte source the layer was decoded from, when not the frame (a reassembled PDU). */
      source: z.string().optional(),
      fields: z.array(DissectedField),
    }),
  ),
  problems: z.array(
    z.object({
      kind: z.enum(['truncated', 'malformed']),
      layer: z.string(),
      message: z.string(),
      range: Range.optional(),
      source: z.string().optional(),
    }),
  ),
  /** Buffers other than the frame that ranges refer to by `source` (reassembled, de-chunked, decompressed). */
  sources: z.array(z.object({ name: z.string(), bytesHex: z.string() })),
});
export type FrameDetails = z.infer<typeof FrameDetails>;
