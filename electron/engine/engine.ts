/**
 * The engine behind the contract: lanes, views, rows, details, save. It knows nothing of its
 * transport; hosts (Electron utilityProcess, CLI, web host, tests) call `handle` with validated
 * requests and subscribe to events.
 */
import { basename } from 'node:path';
import type {
  EventChannel,
  EventOf,
  FrameDetails,
  LaneId,
  LaneInfo,
  LaneSource,
  RequestChannel,
  RequestOf,
  ResponseOf,
  RowsWindow,
  Timestamp,
} from '../../shared/contract/index.js';
import { loadFile, type LoadOptions } from './capture/file-source.js';
import { ingestLive, type LiveCapture } from './capture/stream-source.js';
import { localCaptureHandlers } from './capture/local-handlers.js';
import { sshHandlers } from './capture/ssh-handlers.js';
import { Lane } from './lanes/lane.js';
import { saveLanes } from './lanes/save.js';
import { listSamples } from './samples.js';
import { frameAt, nearestPosition, viewLength } from './store/views.js';
import { createFilteredView, filterHandlers } from './filter/filter-handlers.js';
import { colouringOf } from './filter/colouring.js';
import { KeyStore } from './tls-keys/key-store.js';
import { RedissectQueue } from './tls-keys/redissect-queue.js';
import { invalidateFieldIndex } from './filter/field-index.js';
import { tlsKeyHandlers } from './tls-keys/tls-key-handlers.js';
import { tlsSessionHandlers } from './tls-keys/session-status.js';
import type { DissectedField } from '../../shared/dissection.js';
import type { FieldShape } from '../../shared/contract/index.js';

export class EngineError extends Error {
  constructor(
    readonly code: 'not-found' | 'io' | 'bad-request',
    message: string,
  ) {
    super(message);
  }
}

type Listener = <C extends EventChannel>(channel: C, payload: EventOf<C>) => void;
/** Handlers for some request channels: each capture domain supplies its own (capture/*-handlers.ts). */
export type HandlersFor<K extends RequestChannel> = {
  [C in K]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};
type Handlers = HandlersFor<RequestChannel>;

/** Progress events per lane are throttled to this interval (the renderer needs ~10/s at most). */
const PROGRESS_INTERVAL_MS = 100;

export interface EngineOptions {
  /** Where the bundled sample captures are (assets/samples); null when the host ships none. */
  readonly samplesDir?: string | null;
}

export class Engine {
  /** Key logs and DSB secrets: every lane's TLS dissection reads them (issue 8). */
  readonly keys = new KeyStore();
  private readonly redissect = new RedissectQueue((randoms) => this.keysArrived(randoms));

  constructor(private readonly options: EngineOptions = {}) {
    this.keys.onChange(({ randoms }) => this.redissect.add(randoms));
  }

  /**
   * Keys changed for these client randoms: lanes whose sessions already met their encrypted records are
   * dissected again (decryption is retroactive), their filter indexes dropped, and hosts told.
   */
  private keysArrived(randoms: ReadonlySet<string>): void {
    for (const lane of this.lanes.values()) {
      if (!lane.usesKeys(randoms)) continue;
      lane.redissect();
      invalidateFieldIndex(lane);
      this.emit('lane.progress', lane.info());
    }
  }

  private readonly lanes = new Map<number, Lane>();
  private readonly loads = new Map<number, { done: Promise<void>; abort: AbortController }>();
  private readonly listeners = new Set<Listener>();
  private nextLane = 1;

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  handle<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const handler = this.handlers[channel] as (
      request: RequestOf<C>,
    ) => Promise<ResponseOf<C>> | ResponseOf<C>;
    return Promise.resolve().then(() => handler(request));
  }

  /** Sends a lane's current state now (a live source's counters changed between frames). */
  refresh(id: LaneId): void {
    const lane = this.lanes.get(id);
    if (lane) this.emit('lane.progress', lane.info());
  }

  /** A lane by id, for the capture domains that update a live lane (statistics, errors). */
  liveLane(id: LaneId): Lane | undefined {
    return this.lanes.get(id);
  }

  /** Resolves when the lane's source has been read to its end (tests, CLI). */
  async loaded(lane: LaneId): Promise<void> {
    await this.loads.get(lane)?.done;
  }

  /** Bytes held by a lane's packet index (not the spool file): the benchmark's memory figure. */
  indexBytes(lane: LaneId): number {
    return this.lane(lane).store.byteLength;
  }

  async dispose(): Promise<void> {
    for (const id of [...this.lanes.keys()]) await this.closeLane(id as LaneId);
    this.redissect.cancel();
    this.keys.close();
  }

  private readonly handlers: Handlers = {
    ...localCaptureHandlers(this),
    ...sshHandlers(this),
    ...filterHandlers(this),
    ...tlsKeyHandlers(this),
    ...tlsSessionHandlers(this),
    'file.open': ({ path, role }) => this.openFile(path, role ?? 'none'),
    'samples.list': () => ({ samples: listSamples(this.options.samplesDir ?? null) }),
    'lanes.list': () => ({ lanes: [...this.lanes.values()].map((lane) => lane.info()) }),
    'lanes.close': async ({ lane }) => ({ closed: await this.closeLane(lane) }),
    'capture.stop': ({ lane }) => this.stopCapture(lane),
    'views.create': ({ lane, sort, filter }) =>
      filter ? createFilteredView(this, lane, sort, filter) : { lane, ...this.lane(lane).createView(sort) },
    'views.close': ({ lane, view }) => ({ closed: this.lane(lane).closeView(view) }),
    'packets.rows': ({ lane, view, start, count }) => this.rows(lane, view, start, count),
    'packets.nearest': ({ lane, view, time }) => this.nearest(lane, view, time),
    'packets.details': ({ lane, number }) => this.details(lane, number),
    'file.save': async ({ path, lanes }) => {
      const selected = lanes.map((id) => this.lane(id));
      await Promise.all(lanes.map((id) => this.loaded(id)));
      return { path, frames: saveLanes(selected, path) };
    },
  };

  private openFile(path: string, role: Lane['role']) {
    return this.startLane(basename(path), { kind: 'file', path }, role, (lane, options) =>
      loadFile(lane, path, options),
    );
  }

  /**
   * A lane fed by a live capture (local helper or SSH): the capture issues call this with the
   * started helper's stream. `capture.stop` or closing the lane stops it; frames stay.
   */
  openLive(title: string, source: LaneSource, role: Lane['role'], capture: LiveCapture): LaneInfo {
    return this.startLane(title, source, role, (lane, options) => ingestLive(lane, capture, options));
  }

  /**
   * A restart that appends: a further live capture fed into a stopped live lane, whose frames are
   * numbered on and whose dissection state (TCP streams, TLS sessions) carries over.
   */
  appendLive(id: LaneId, capture: LiveCapture): LaneInfo {
    const lane = this.lane(id);
    if (lane.source.kind === 'file')
      throw new EngineError('bad-request', `lane ${id} is a file, not a capture`);
    if (lane.state === 'capturing' || lane.state === 'loading')
      throw new EngineError('bad-request', `lane ${id} is still capturing: stop it first`);
    const abort = new AbortController();
    const options = { signal: abort.signal, onProgress: this.throttledProgress(lane), append: true };
    this.loads.set(id, { done: ingestLive(lane, capture, options), abort });
    this.emit('lane.progress', lane.info());
    return lane.info();
  }

  private startLane(
    title: string,
    source: LaneSource,
    role: Lane['role'],
    feed: (lane: Lane, options: LoadOptions) => Promise<void>,
  ): LaneInfo {
    const id = this.nextLane++ as LaneId;
    const lane = new Lane(id, title, source, role, this.keys);
    lane.onKeyLog = (text) => this.keys.addText('dsb', title, text);
    this.lanes.set(id, lane);
    const abort = new AbortController();
    const done = feed(lane, { signal: abort.signal, onProgress: this.throttledProgress(lane) });
    this.loads.set(id, { done, abort });
    return lane.info();
  }

  /**
   * At most one `lane.progress` per interval while a lane grows, plus the trailing one: a live
   * capture that goes quiet must still show its last frames, not wait for the next packet.
   */
  private throttledProgress(lane: Lane): (current: Lane) => void {
    let last = 0;
    let trailing: NodeJS.Timeout | null = null;
    const send = () => {
      trailing = null;
      last = Date.now();
      if (this.lanes.get(lane.id) === lane) this.emit('lane.progress', lane.info());
    };
    return (current) => {
      const ongoing = current.state === 'loading' || current.state === 'capturing';
      const wait = PROGRESS_INTERVAL_MS - (Date.now() - last);
      if (!ongoing || wait <= 0) {
        if (trailing) clearTimeout(trailing);
        send();
      } else trailing ??= setTimeout(send, wait);
    };
  }

  /** Stops a live capture (the lane and its frames stay); resolves when its stream has ended. */
  private async stopCapture(id: LaneId): Promise<LaneInfo> {
    const lane = this.lane(id);
    if (lane.source.kind === 'file')
      throw new EngineError('not-found', `lane ${id} is a file, not a capture`);
    const load = this.loads.get(id);
    load?.abort.abort();
    await load?.done;
    return lane.info();
  }

  private async closeLane(id: LaneId): Promise<boolean> {
    const lane = this.lanes.get(id);
    if (!lane) return false;
    const load = this.loads.get(id);
    load?.abort.abort();
    await load?.done;
    this.lanes.delete(id);
    this.loads.delete(id);
    lane.close();
    this.emit('lane.closed', { lane: id });
    return true;
  }

  private rows(id: LaneId, viewId: RowsWindow['view'], start: number, count: number): RowsWindow {
    const lane = this.lane(id);
    const view = lane.view(viewId);
    if (!view) throw new EngineError('not-found', `lane ${id} has no view ${viewId}`);
    const total = viewLength(view, lane.store.count);
    const end = Math.min(total, start + count);
    const rows = [];
    for (let position = start; position < end; position++) rows.push(lane.row(frameAt(view, position)));
    return { lane: id, view: viewId, total, start, rows };
  }

  private nearest(id: LaneId, viewId: RowsWindow['view'], time: Timestamp) {
    const lane = this.lane(id);
    const view = lane.view(viewId);
    if (!view) throw new EngineError('not-found', `lane ${id} has no view ${viewId}`);
    const position = nearestPosition(lane.store, view, time.seconds, time.nanos);
    const number = position < 0 ? null : ((frameAt(view, position) + 1) as FrameDetails['row']['number']);
    return { position, number };
  }

  private details(id: LaneId, number: FrameDetails['row']['number']): FrameDetails {
    const lane = this.lane(id);
    if (number > lane.store.count) throw new EngineError('not-found', `lane ${id} has no frame ${number}`);
    const { data, row, dissection } = lane.details(number);
    const index = number - 1;
    return {
      lane: id,
      row,
      bytesHex: hex(data),
      comments: [...lane.store.frameComments(index)],
      layers: dissection.layers.map((layer, i) => ({
        id: layer.id,
        title: layer.title,
        range: [layer.range[0], layer.range[1]],
        ...(layer.source !== undefined && { source: layer.source }),
        fields: [
          ...copyFields(layer.fields),
          ...(i === 0 && layer.id === 'frame' ? colouringOf(this).linesOf(id, number) : []),
        ],
      })),
      problems: dissection.problems.map(({ kind, layer, message, range, source }) => ({
        kind,
        layer,
        message,
        ...(range && { range: [range[0], range[1]] as [number, number] }),
        ...(source !== undefined && { source }),
      })),
      sources: (dissection.sources ?? []).map(({ name, bytes }) => ({ name, bytesHex: hex(bytes) })),
    };
  }

  private lane(id: LaneId): Lane {
    const lane = this.lanes.get(id);
    if (!lane) throw new EngineError('not-found', `no lane ${id}`);
    return lane;
  }

  /** Sends an event to every host; domains with events of their own use it too (`keys.changed`). */
  emit<C extends EventChannel>(channel: C, payload: EventOf<C>): void {
    for (const listener of this.listeners) listener(channel, payload);
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The dissector's readonly tree as the contract's plain data. */
function copyFields(fields: readonly DissectedField[]): FieldShape[] {
  return fields.map((field) => ({
    id: field.id,
    display: field.display,
    value: field.value,
    range: [field.range[0], field.range[1]],
    ...(field.source !== undefined && { source: field.source }),
    ...(field.children && { children: copyFields(field.children) }),
  }));
}
