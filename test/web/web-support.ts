/**
 * Test helpers for the web host: a host on a throwaway renderer directory with a real engine, raw
 * HTTP requests (no client-side path normalisation, any Host header), and a WebSocket client that
 * speaks the contract.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import type { RequestChannel, RequestOf, ResponseMessage, ResponseOf } from '../../shared/contract/index.js';
import type { Outgoing } from '../../electron/engine/dispatch.js';
import { Engine } from '../../electron/engine/engine.js';
import { startWebHost, type WebHost, type WebHostOptions } from '../../electron/web/server.js';

export const SAMPLE = resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap');
export const INDEX_HTML = '<!doctype html><html><head><title>test page</title></head><body></body></html>\n';

export interface TestHost {
  readonly host: WebHost;
  readonly engine: Engine;
  readonly rendererDir: string;
  /** The page's origin, as a browser would send it. */
  readonly origin: string;
  stop(): Promise<void>;
}

/** A host serving a tiny renderer (index.html, assets/app.js) so tests do not need the build. */
export async function startTestHost(
  options: Partial<Omit<WebHostOptions, 'engine' | 'rendererDir'>> = {},
): Promise<TestHost> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'hammerhead-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  const engine = new Engine();
  const host = await startWebHost({ engine, rendererDir, ...options });
  return {
    host,
    engine,
    rendererDir,
    origin: `http://127.0.0.1:${host.port}`,
    async stop() {
      await host.close();
      await engine.dispose();
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One HTTP request sent as written: the path is not normalised, headers are not filled in. */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolvePromise({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

export type Connection =
  | { readonly kind: 'open'; readonly client: EngineClient }
  | { readonly kind: 'refused'; readonly status: number; readonly body: string };

/** Opens a WebSocket and reports whether the host accepted it, with the refusal status if not. */
export function connect(
  port: number,
  options: { path?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<Connection> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/engine'}`, {
    ...(options.origin !== undefined && { origin: options.origin }),
    headers: options.headers ?? {},
  });
  return new Promise((resolvePromise, reject) => {
    socket.once('open', () => resolvePromise({ kind: 'open', client: new EngineClient(socket) }));
    socket.once('unexpected-response', (request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolvePromise({
          kind: 'refused',
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
        });
        request.destroy();
      });
    });
    socket.once('error', reject);
  });
}

/** The contract over a WebSocket, as the renderer's transport will speak it. */
export class EngineClient {
  readonly messages: Outgoing[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();
  private nextId = 1;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Outgoing);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolvePromise) =>
      socket.once('close', (code, reason) => resolvePromise({ code, reason: reason.toString() })),
    );
  }

  async request<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseMessage<C>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
    return (await this.waitFor(
      (message) => message.type === 'response' && message.id === id,
    )) as ResponseMessage<C>;
  }

  /** The result of a request that must succeed. */
  async call<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const response = await this.request(channel, payload);
    if (!response.ok) throw new Error(`${channel} failed: ${response.error.code}: ${response.error.message}`);
    return response.result;
  }

  /** The first message so far or to come that matches. */
  waitFor(matches: (message: Outgoing) => boolean, timeoutMs = 10_000): Promise<Outgoing> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error('timed out waiting for a message'));
      }, timeoutMs);
      const check = (): void => {
        const found = this.messages.find(matches);
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolvePromise(found);
      };
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}

export async function openedClient(port: number, origin: string, token: string): Promise<EngineClient> {
  const connection = await connect(port, { path: `/engine?token=${token}`, origin });
  if (connection.kind !== 'open') throw new Error(`refused: ${connection.status} ${connection.body}`);
  return connection.client;
}
