/**
 * Every channel between renderer and engine, in one place (GitHub Desktop's `ipc-shared.ts` idea):
 * dotted `domain.verb` names, each with its request and response schema, and every event the
 * engine pushes. Transports (Electron MessagePort, the web host's WebSocket, in-process calls in
 * the CLI and tests) carry these and nothing else.
 */
import { z } from 'zod';
import {
  FrameDetails,
  FrameNumber,
  LaneId,
  LaneInfo,
  LaneRole,
  RowsWindow,
  SortSpec,
  Timestamp,
  ViewId,
} from './schemas.js';
import { localCaptureRequests } from './local-capture-channels.js';
import { sshRequests } from './ssh-channels.js';
import { filterRequests } from './filter-channels.js';
import { tlsEvents, tlsRequests } from './tls-channels.js';

const filePath = z.string().min(1).max(4096);

/** Files, lanes, views, rows, details, save: the core of every host. */
const coreRequests = {
  /** Open a pcap/pcapng file as a new lane; it loads in the background (see `lane.progress`). */
  'file.open': {
    request: z.object({ path: filePath, role: LaneRole.optional() }).strict(),
    response: LaneInfo,
  },
  /** The captures bundled with the app (the start page's "Open the load-balancer sample"). */
  'samples.list': {
    request: z.object({}).strict(),
    response: z.object({
      samples: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          description: z.string(),
          lanes: z.array(z.object({ path: filePath, role: LaneRole })),
        }),
      ),
    }),
  },
  'lanes.list': {
    request: z.object({}).strict(),
    response: z.object({ lanes: z.array(LaneInfo) }),
  },
  'lanes.close': {
    request: z.object({ lane: LaneId }).strict(),
    response: z.object({ closed: z.boolean() }),
  },
  /** Stops a live capture; the lane keeps every frame captured (answers once the helper has ended). */
  'capture.stop': {
    request: z.object({ lane: LaneId }).strict(),
    response: LaneInfo,
  },
  /**
   * A view: the lane's frames in a sort order, only those a display filter matches when `filter` is
   * given (the view fills in the background: see `filter.progress` in filter-channels.ts).
   */
  'views.create': {
    request: z
      .object({ lane: LaneId, sort: SortSpec.nullable(), filter: z.string().max(16384).optional() })
      .strict(),
    response: z.object({ lane: LaneId, view: ViewId, total: z.number().int().nonnegative() }),
  },
  'views.close': {
    request: z.object({ lane: LaneId, view: ViewId }).strict(),
    response: z.object({ closed: z.boolean() }),
  },
  /** Only the window on screen: the renderer never holds all rows. */
  'packets.rows': {
    request: z
      .object({
        lane: LaneId,
        view: ViewId,
        start: z.number().int().nonnegative(),
        count: z.number().int().nonnegative().max(5000),
      })
      .strict(),
    response: RowsWindow,
  },
  /** The shared time cursor: the position in a view of the frame nearest to a timestamp. */
  'packets.nearest': {
    request: z.object({ lane: LaneId, view: ViewId, time: Timestamp }).strict(),
    response: z.object({ position: z.number().int().min(-1), number: FrameNumber.nullable() }),
  },
  /** The details tree and bytes of one frame, built on demand. */
  'packets.details': {
    request: z.object({ lane: LaneId, number: FrameNumber }).strict(),
    response: FrameDetails,
  },
  /** Write lanes as one pcapng (one interface block per lane interface). */
  'file.save': {
    request: z.object({ path: filePath, lanes: z.array(LaneId).min(1) }).strict(),
    response: z.object({ path: filePath, frames: z.number().int().nonnegative() }),
  },
} as const;

/** Every request channel: the core and each capture domain's own file. */
export const requests = {
  ...coreRequests,
  ...localCaptureRequests,
  ...sshRequests,
  ...filterRequests,
  ...tlsRequests,
} as const;

export const events = {
  /** At most ~10 per second per lane while loading, and once when done or failed. */
  'lane.progress': LaneInfo,
  'lane.closed': z.object({ lane: LaneId }),
  ...tlsEvents,
} as const;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;
export type RequestOf<C extends RequestChannel> = z.infer<(typeof requests)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requests)[C]['response']>;
export type EventOf<C extends EventChannel> = z.infer<(typeof events)[C]>;

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}
