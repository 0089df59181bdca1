/**
 * The web host: the built renderer and the engine, over HTTP and a WebSocket on the loopback
 * interface only, for browser tests and Electron-less use. Same contract as Electron's MessagePort,
 * another transport. Routes:
 *   GET/HEAD /…                    the renderer's files (static-files.ts)
 *   GET /engine?token=…            WebSocket upgrade: the contract (engine-socket.ts)
 *   POST /upload?token=…&name=…    a dropped file's bytes → `{ path }` (uploads.ts)
 * Every request must name this server in `Host`; the engine and uploads also need Origin and token
 * (guards.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../engine/engine.js';
import { CloseCode, MAX_MESSAGE_BYTES, attachEngineSocket } from './engine-socket.js';
import { assertStrongToken, createGuard, generateToken, type Guard } from './guards.js';
import { refuseUpgrade, sendError } from './responses.js';
import { createStaticFiles, type StaticFiles } from './static-files.js';
import { DEFAULT_UPLOAD_LIMIT, createUploads, type Uploads } from './uploads.js';

/** Binding beyond loopback is not a feature: the token is the only other lock on the engine. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'] as const;
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number];

export interface WebHostOptions {
  readonly engine: Engine;
  /** The built renderer: index.html and assets/. */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: LoopbackHost;
  /** Generated (32 random bytes, base64url) when omitted. */
  readonly token?: string;
  readonly uploadLimitBytes?: number;
}

export interface WebHost {
  /** The address to open: `http://HOST:PORT/?token=…`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Closes sockets and server and deletes uploads; the engine belongs to the caller. */
  close(): Promise<void>;
}

/** Uploads of a few GiB take longer than Node's default 5-minute request timeout allows. */
const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;
/** How long closing peers get to answer our close frame before their sockets are cut. */
const CLOSE_GRACE_MS = 1000;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.includes(host)) throw new Error(`web host binds to loopback only, not "${host}"`);
  if (options.token !== undefined) assertStrongToken(options.token);
  const token = options.token ?? generateToken();
  const serveStatic = await createStaticFiles(options.rendererDir);
  const uploads = await createUploads(options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT);
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS });
  const port = await listen(server, options.port ?? 0, host).catch(async (error: unknown) => {
    await uploads.dispose();
    throw error;
  });
  // No route exists before the port is known: the guard needs it to check Host and Origin.
  const guard = createGuard(port, token);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  sockets.on('connection', (socket: WebSocket) => attachEngineSocket(options.engine, socket));
  const routes = { guard, serveStatic, uploads };
  server.on('request', (request, response) => handleRequest(routes, request, response));
  server.on('upgrade', (request, socket, head) => handleUpgrade(guard, sockets, request, socket, head));
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close: () => (closing ??= shutDown(server, sockets, uploads)),
  };
}

interface Routes {
  readonly guard: Guard;
  readonly serveStatic: StaticFiles;
  readonly uploads: Uploads;
}

function handleRequest(routes: Routes, request: IncomingMessage, response: ServerResponse): void {
  route(routes, request, response).catch((error: unknown) => {
    if (response.headersSent) return void response.destroy();
    const message = error instanceof Error ? error.message : String(error);
    sendError(response, 500, message, { close: true });
  });
}

async function route(routes: Routes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const wrongHost = routes.guard.checkHost(request);
  if (wrongHost) return sendError(response, wrongHost.status, wrongHost.reason, { close: true });
  const { path, query } = splitTarget(request.url);
  if (path === '/upload') {
    if (request.method !== 'POST') return methodNotAllowed(response, 'POST');
    const refused = routes.guard.checkCaller(request, query);
    if (refused) return sendError(response, refused.status, refused.reason, { close: true });
    return routes.uploads.receive(request, response, query);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
  return routes.serveStatic(request, response);
}

function handleUpgrade(
  guard: Guard,
  sockets: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  // A peer that resets before the handshake completes must not become an uncaught error.
  socket.on('error', () => socket.destroy());
  const { path, query } = splitTarget(request.url);
  const refused =
    guard.checkHost(request) ??
    (path === '/engine' ? null : { status: 404, reason: 'no WebSocket endpoint here' }) ??
    guard.checkCaller(request, query);
  if (refused) return refuseUpgrade(socket, refused.status, refused.reason);
  sockets.handleUpgrade(request, socket, head, (accepted) => sockets.emit('connection', accepted, request));
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('Allow', allow);
  sendError(response, 405, `use ${allow}`, { close: true });
}

/** The raw path (decoding is the route's business) and the query of a request target. */
function splitTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  const raw = target ?? '/';
  const queryStart = raw.indexOf('?');
  if (queryStart === -1) return { path: raw, query: new URLSearchParams() };
  return { path: raw.slice(0, queryStart), query: new URLSearchParams(raw.slice(queryStart + 1)) };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve(address.port);
    });
  });
}

async function shutDown(server: Server, sockets: WebSocketServer, uploads: Uploads): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closePeers([...sockets.clients]);
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  await stopped;
  await uploads.dispose();
}

/** A close frame first so pages can say "host stopped"; then cut whoever has not answered. */
async function closePeers(peers: readonly WebSocket[]): Promise<void> {
  const closed = peers.map((peer) => new Promise<void>((resolve) => peer.once('close', () => resolve())));
  for (const peer of peers) peer.close(CloseCode.goingAway, 'host shutting down');
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
  await Promise.race([Promise.all(closed), grace]);
  clearTimeout(timer);
  for (const peer of peers) peer.terminate();
}
