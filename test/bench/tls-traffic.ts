/**
 * One connection of the TLS benchmark's capture, both ends in this process: Node's TLS client and a real
 * Node server (https, or http2 for ALPN h2) handed the connection as a listening socket would hand it,
 * joined by an in-memory wire that reports every byte each side sends, in the order sent. The client
 * logs its secrets (`keylog`), as a browser does with SSLKEYLOGFILE.
 */
import { randomBytes } from 'node:crypto';
import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { Duplex } from 'node:stream';
import tls from 'node:tls';

export const SERVER_NAME = 'bench.hammerhead.test';

export interface Exchange {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly requestBody: number;
  readonly responseBody: number;
}

export interface ConnectionPlan {
  readonly version: 'TLSv1.2' | 'TLSv1.3';
  /** OpenSSL's name (TLS 1.2) or the IANA name (TLS 1.3), as Node's `ciphers` option takes them. */
  readonly cipher: string;
  readonly h2: boolean;
  readonly exchanges: readonly Exchange[];
}

export interface WireEvents {
  send(fromClient: boolean, bytes: Uint8Array): void;
  /** A side closed its half of the connection (it sends nothing after this). */
  fin(fromClient: boolean): void;
}

export interface Servers {
  readonly http1: https.Server;
  readonly http2: http2.Http2SecureServer;
  readonly ca: string;
}

// Bodies are slices of one random buffer: ciphertext looks random whatever the plaintext is, and binary
// bodies keep both tools' work on decryption and HTTP, not on parsing text.
const BODY = randomBytes(256 * 1024 + 1);
const JSON_BELOW = 4096;

export function createServers(key: string, cert: string): Servers {
  const options = { key, cert, ciphers: ALL_CIPHERS, minVersion: 'TLSv1.2' as const };
  return {
    http1: https.createServer(options, respond),
    http2: http2.createSecureServer(options, respond),
    ca: cert,
  };
}

const ALL_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-SHA256',
].join(':');

/** The servers' one handler (http2's compatibility API takes the same): `?size=N` is the body's size. */
function respond(
  request: IncomingMessage | http2.Http2ServerRequest,
  response: ServerResponse | http2.Http2ServerResponse,
): void {
  const size = Number(new URL(request.url ?? '/', `https://${SERVER_NAME}`).searchParams.get('size') ?? 0);
  request.resume();
  request.on('end', () => {
    const json = size < JSON_BELOW;
    const body = json ? jsonBody(size) : BODY.subarray(0, size);
    response.writeHead(200, {
      'content-type': json ? 'application/json' : 'application/octet-stream',
      'content-length': String(body.length),
      'cache-control': 'no-store',
    });
    response.end(body);
  });
}

function jsonBody(size: number): Buffer {
  const filler = BODY.toString('base64url', 0, size);
  return Buffer.from(`{"data":"${filler.slice(0, Math.max(0, size - 11))}"}`);
}

/** Runs one connection to its end (both FINs); `keylog` gets the client's NSS key log lines. */
export async function runConnection(
  servers: Servers,
  plan: ConnectionPlan,
  events: WireEvents,
  keylog: (line: Buffer) => void,
): Promise<void> {
  const { client, server, closed } = wirePair(events);
  (plan.h2 ? servers.http2 : servers.http1).emit('connection', server);
  const socket = tls.connect({
    socket: client,
    servername: SERVER_NAME,
    ca: servers.ca,
    minVersion: plan.version,
    maxVersion: plan.version,
    ciphers: plan.cipher,
    ALPNProtocols: [plan.h2 ? 'h2' : 'http/1.1'],
  });
  // Added before the handshake can start: the listener is what turns OpenSSL's key log callback on.
  socket.on('keylog', keylog);
  await (plan.h2 ? http2Exchanges(socket, plan.exchanges) : http1Exchanges(socket, plan.exchanges));
  await closed;
}

function requestHeaders(exchange: Exchange): Record<string, string> {
  return {
    'user-agent': 'hammerhead-bench/1.0',
    accept: '*/*',
    'accept-encoding': 'identity',
    ...(exchange.requestBody > 0
      ? { 'content-type': 'application/octet-stream', 'content-length': String(exchange.requestBody) }
      : {}),
  };
}

/** HTTP/1.1 keep-alive: one request at a time, each sent when the previous response has fully arrived. */
async function http1Exchanges(socket: tls.TLSSocket, exchanges: readonly Exchange[]): Promise<void> {
  const responses = responseCounter(socket);
  for (const exchange of exchanges) {
    const headers = Object.entries(requestHeaders(exchange)).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `${exchange.method} ${exchange.path} HTTP/1.1\r\nhost: ${SERVER_NAME}\r\n${headers.join('')}\r\n`,
    );
    if (exchange.requestBody > 0) socket.write(BODY.subarray(0, exchange.requestBody));
    await responses.next();
  }
  socket.end();
}

/** Counts HTTP/1.1 responses as they complete (every response here has a Content-Length). */
function responseCounter(socket: tls.TLSSocket): { next(): Promise<void> } {
  let head = Buffer.alloc(0);
  let remaining = -1; // -1: reading a head
  let completed = 0;
  let taken = 0;
  let wake: (() => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    let data = chunk;
    while (data.length > 0) {
      if (remaining < 0) {
        head = Buffer.concat([head, data]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        remaining = Number(/content-length: *(\d+)/i.exec(head.toString('latin1', 0, end))?.[1] ?? 0);
        data = head.subarray(end + 4);
        head = Buffer.alloc(0);
      }
      const used = Math.min(remaining, data.length);
      remaining -= used;
      data = data.subarray(used);
      if (remaining === 0) {
        remaining = -1;
        completed++;
        wake?.();
      }
    }
  });
  return {
    next: () =>
      new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        const check = (): void => {
          if (completed <= taken) return;
          taken++;
          wake = null;
          socket.off('error', reject);
          resolve();
        };
        wake = check;
        check();
      }),
  };
}

/** HTTP/2 as a browser loads a page: the first request alone, then the rest at once on their streams. */
async function http2Exchanges(socket: tls.TLSSocket, exchanges: readonly Exchange[]): Promise<void> {
  const session = http2.connect(`https://${SERVER_NAME}`, { createConnection: () => socket });
  const fetch = (exchange: Exchange) =>
    new Promise<void>((resolve, reject) => {
      const stream = session.request(
        { ':method': exchange.method, ':path': exchange.path, ...requestHeaders(exchange) },
        { endStream: exchange.requestBody === 0 },
      );
      if (exchange.requestBody > 0) stream.end(BODY.subarray(0, exchange.requestBody));
      stream.on('error', reject);
      stream.on('end', resolve);
      stream.resume();
    });
  const [first, ...rest] = exchanges;
  if (first) await fetch(first);
  await Promise.all(rest.map(fetch));
  await new Promise<void>((resolve) => session.close(resolve));
}

/**
 * Two Duplex ends of one connection: what one side writes is reported, then readable at the other.
 * `closed` resolves once both sides have ended (or been destroyed) their half.
 */
function wirePair(events: WireEvents): { client: Duplex; server: Duplex; closed: Promise<void> } {
  const ended = [false, false];
  let done: () => void = () => {};
  const closed = new Promise<void>((resolve) => (done = resolve));
  const ends: Duplex[] = [];
  // Recorded at once, delivered a turn later (in order: setImmediate is FIFO). Delivering inside the
  // writer's call re-enters the other end's http2 session while it is sending, which Node aborts on.
  const deliver = (side: number, chunk: Buffer | null): void => {
    setImmediate(() => ends[side]?.push(chunk));
  };
  const finish = (fromClient: boolean): void => {
    const side = fromClient ? 0 : 1;
    if (ended[side]) return;
    ended[side] = true;
    events.fin(fromClient);
    deliver(1 - side, null);
    if (ended[0] && ended[1]) done();
  };
  const end = (fromClient: boolean) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        events.send(fromClient, chunk);
        deliver(fromClient ? 1 : 0, chunk);
        callback();
      },
      final(callback) {
        finish(fromClient);
        callback();
      },
      destroy(error, callback) {
        finish(fromClient);
        callback(error);
      },
    });
  ends.push(end(true), end(false));
  return { client: ends[0]!, server: ends[1]!, closed };
}
