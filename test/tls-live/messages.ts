/**
 * What a lane shows of HTTP once decrypted, read only through the contract (`packets.rows`,
 * `packets.details`) as the renderer would: per TCP connection (its client port), the HTTP/1.1
 * messages in order and the HTTP/2 streams with their header fields and bodies. A body's bytes are
 * those of the field (`http.file_data`) or layer (HTTP/2's body after END_STREAM) in the byte source
 * it names — the frame, or an extra buffer of the details (reassembled, de-chunked, decrypted).
 */
import type { FieldShape, FrameDetails, LaneId, PacketRow } from '../../shared/contract/index.js';
import type { Engine } from '../../electron/engine/engine.js';
import { allRows } from '../capture-local/support.js';

export interface Message {
  readonly frame: number;
  readonly fromClient: boolean;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly body?: Uint8Array;
}

export interface H2Stream {
  readonly request: { frame: number; method?: string; path?: string; body?: Uint8Array } | undefined;
  readonly response: { frame: number; status?: number; body?: Uint8Array } | undefined;
}

export interface Connection {
  readonly clientPort: number;
  readonly tcpStream: number;
  readonly http1: Message[];
  readonly http2: Map<number, { request?: H2Stream['request']; response?: H2Stream['response'] }>;
  /** Names of the details' byte sources seen on this connection's HTTP frames. */
  readonly sourceNames: Set<string>;
}

export interface LaneHttp {
  readonly rows: Map<number, PacketRow>;
  readonly connections: Map<number, Connection>;
}

const HTTP2_DATA = 0;
const HTTP2_HEADERS = 1;
const END_STREAM = 0x1;

function* walk(fields: readonly FieldShape[]): Generator<FieldShape> {
  for (const field of fields) {
    yield field;
    if (field.children) yield* walk(field.children);
  }
}

function first(fields: readonly FieldShape[], id: string): FieldShape | undefined {
  for (const field of walk(fields)) if (field.id === id) return field;
  return undefined;
}

/** The bytes `range` covers in `source` (the frame when absent). */
function bytesOf(details: FrameDetails, range: readonly [number, number], source?: string): Uint8Array {
  const hex =
    source === undefined ? details.bytesHex : details.sources.find((s) => s.name === source)?.bytesHex;
  if (hex === undefined) throw new Error(`frame ${details.row.number}: no byte source "${source}"`);
  return Buffer.from(hex, 'hex').subarray(range[0], range[1]);
}

function http1Message(details: FrameDetails, fields: readonly FieldShape[], fromClient: boolean): Message {
  const method = first(fields, 'http.request.method')?.value;
  const uri = first(fields, 'http.request.uri')?.value;
  const code = first(fields, 'http.response.code')?.value;
  const data = first(fields, 'http.file_data');
  return {
    frame: details.row.number,
    fromClient,
    ...(typeof method === 'string' && { method }),
    ...(typeof uri === 'string' && { path: uri }),
    ...(typeof code === 'number' && { status: code }),
    ...(data && { body: bytesOf(details, data.range, data.source) }),
  };
}

interface H2Frame {
  readonly stream: number;
  readonly type: number;
  readonly flags: number;
  readonly headers: Map<string, string>;
}

function http2Frame(fields: readonly FieldShape[]): H2Frame {
  const headers = new Map<string, string>();
  for (const field of walk(fields)) {
    if (field.id !== 'http2.header' || !field.children) continue;
    const name = first(field.children, 'http2.header.name')?.value;
    const value = first(field.children, 'http2.header.value')?.value;
    if (typeof name === 'string' && typeof value === 'string') headers.set(name, value);
  }
  const number = (id: string) => Number(first(fields, id)?.value ?? -1);
  return {
    stream: number('http2.streamid'),
    type: number('http2.type'),
    flags: number('http2.flags'),
    headers,
  };
}

function connectionOf(lane: LaneHttp, details: FrameDetails): { c: Connection; fromClient: boolean } | null {
  const tcp = details.layers.find((l) => l.id === 'tcp');
  if (!tcp) return null;
  const src = Number(first(tcp.fields, 'tcp.srcport')?.value);
  const dst = Number(first(tcp.fields, 'tcp.dstport')?.value);
  const fromClient = dst === 443;
  const clientPort = fromClient ? src : dst;
  let c = lane.connections.get(clientPort);
  if (!c) {
    c = {
      clientPort,
      tcpStream: details.row.stream,
      http1: [],
      http2: new Map(),
      sourceNames: new Set(),
    };
    lane.connections.set(clientPort, c);
  }
  return { c, fromClient };
}

function addHttp2(c: Connection, details: FrameDetails, index: number, fromClient: boolean): void {
  const layer = details.layers[index];
  if (!layer) return;
  const f = http2Frame(layer.fields);
  const entry = c.http2.get(f.stream) ?? {};
  c.http2.set(f.stream, entry);
  const frame = details.row.number;
  const side = fromClient ? 'request' : 'response';
  if (f.type === HTTP2_HEADERS && (f.headers.has(':method') || f.headers.has(':status'))) {
    const method = f.headers.get(':method');
    const path = f.headers.get(':path');
    const status = f.headers.get(':status');
    if (fromClient)
      entry.request = {
        frame,
        ...(method !== undefined && { method }),
        ...(path !== undefined && { path }),
        ...entry.request,
      };
    else
      entry.response = { frame, ...(status !== undefined && { status: Number(status) }), ...entry.response };
  }
  // http2-body.ts: at END_STREAM the stream's DATA put together is the next layer, in a source of its own.
  const next = details.layers[index + 1];
  if (f.type === HTTP2_DATA && f.flags & END_STREAM && next && next.id !== 'http2' && next.source) {
    const body = bytesOf(details, next.range, next.source);
    const part = entry[side] ?? { frame };
    entry[side] = { ...part, body };
  }
}

function readFrame(lane: LaneHttp, details: FrameDetails): void {
  const at = connectionOf(lane, details);
  if (!at) return;
  const { c, fromClient } = at;
  details.layers.forEach((layer, index) => {
    if (layer.id === 'http') c.http1.push(http1Message(details, layer.fields, fromClient));
    else if (layer.id === 'http2') addHttp2(c, details, index, fromClient);
    else return;
    for (const source of details.sources) c.sourceNames.add(source.name);
  });
}

/** Every frame's details (the lane is small: a few thousand frames at most). */
export async function readLaneHttp(engine: Engine, lane: LaneId): Promise<LaneHttp> {
  const rows = await allRows(engine, lane);
  const result: LaneHttp = { rows: new Map(rows.map((r) => [r.number, r])), connections: new Map() };
  for (const row of rows) {
    if (row.stream < 0) continue;
    readFrame(result, await engine.handle('packets.details', { lane, number: row.number }));
  }
  return result;
}
