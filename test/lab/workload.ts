/**
 * The scenario's workload and its ground truth: which requests are sent on which front connection
 * (client, HTTP version, TLS version), and what happened to each. Shared by the runner (in the
 * test process) and client.ts (inside the client namespace), so it imports nothing but node:crypto.
 */
import { createHash, randomBytes } from 'node:crypto';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT';
export type HttpVersion = '2' | '1.1';
export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';
export type ClientKind = 'node' | 'curl';

export interface PlannedRequest {
  /** Unique to this request in any run; carried in its path. */
  readonly token: string;
  readonly method: Method;
  readonly path: string;
  /** Bytes of request body (0 for GET and HEAD); the bytes are `patternBytes(token, n)`. */
  readonly requestBytes: number;
}

export interface PlannedConnection {
  /** Index of the front (client → load balancer) connection in the workload. */
  readonly id: number;
  readonly client: ClientKind;
  readonly http: HttpVersion;
  readonly tls: TlsVersion;
  /**
   * HTTP/2: all requests at once as concurrent streams. HTTP/1.1: one after another (keep-alive).
   * curl sends them all from one process (`--next`), on one connection.
   */
  readonly requests: readonly PlannedRequest[];
  /** OpenSSL cipher suite name(s) the client offers (TLS 1.2 or 1.3 names); the client's defaults if absent. */
  readonly ciphers?: string;
  /** Node only: hold the connection once it is up, until the test says go (a capture starting mid-session). */
  readonly pause?: ConnectionPause;
}

/**
 * Where a Node connection waits: after its handshake and its first `afterRequests` requests (HTTP/1.1
 * needs at least one: Node's agent connects for a request), it writes `readyFile` (JSON `{ localPort }`)
 * and goes on once `goFile` exists, failing after `timeoutMs`.
 */
export interface ConnectionPause {
  readonly afterRequests: number;
  readonly readyFile: string;
  readonly goFile: string;
  readonly timeoutMs: number;
}

/** What client.ts needs to reach the load balancer. */
export interface ClientJob {
  readonly serverName: string;
  readonly address: string;
  readonly port: number;
  readonly caCertPath: string;
  readonly keyLogFile: string;
  readonly connections: readonly PlannedConnection[];
}

export interface RequestOutcome {
  readonly token: string;
  readonly connection: number;
  /** HTTP/2 stream id; absent for HTTP/1.1. */
  readonly stream?: number;
  /** The client's TCP port: the front connection in a capture. */
  readonly localPort: number;
  readonly httpVersion: string;
  readonly tlsVersion: string;
  readonly status: number;
  readonly responseBytes: number;
  readonly responseBodySha256: string;
  /** X-Served-By of the response. */
  readonly servedBy: string;
  /** The X-Amzn-Trace-Id the target received (it echoes it as X-Lab-Trace-Id). */
  readonly traceId: string;
  /** Wall clock, milliseconds since the epoch (sub-millisecond fraction). */
  readonly startMs: number;
  readonly endMs: number;
  readonly error?: string;
}

export interface GroundTruthRow extends PlannedRequest, RequestOutcome {
  readonly client: ClientKind;
  readonly requestBodySha256: string;
  /** The target's address (from servedBy). */
  readonly targetAddress: string;
}

export interface GroundTruth {
  readonly schema: 1;
  readonly runId: string;
  readonly serverName: string;
  readonly front: { readonly client: string; readonly loadBalancer: string; readonly port: number };
  readonly targets: readonly { readonly name: string; readonly address: string }[];
  readonly requests: readonly GroundTruthRow[];
}

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Deterministic bytes (SHA-256 in counter mode over `seed`), so a body's hash can be predicted. */
export function patternBytes(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let block = 0, offset = 0; offset < length; block++, offset += 32)
    createHash('sha256').update(`${seed}:${block}`).digest().copy(out, offset);
  return out;
}

/** What a request asks the targets for (see target.py). */
export type RequestKind = 'echo' | 'echo-large' | 'static-small' | 'static-large' | 'index';
type Shape = readonly [Method, RequestKind, number];

// Small bodies fit one segment; 12 000 bytes and more span several (the veths' MTU is 1500).
const SHAPES = {
  h2Wide: [
    ['GET', 'echo', 0],
    ['GET', 'echo-large', 0],
    ['HEAD', 'echo', 0],
    ['POST', 'echo', 200],
    ['POST', 'echo', 20_000],
    ['PUT', 'echo', 12_000],
    ['GET', 'static-large', 0],
    ['GET', 'static-small', 0],
  ],
  h2Narrow: [
    ['GET', 'echo', 0],
    ['POST', 'echo', 20_000],
    ['PUT', 'echo', 300],
    ['HEAD', 'static-large', 0],
    ['GET', 'index', 0],
  ],
  h1First: [
    ['GET', 'echo', 0],
    ['POST', 'echo', 16_000],
    ['HEAD', 'echo', 0],
    ['PUT', 'echo', 100],
  ],
  h1Second: [
    ['GET', 'echo-large', 0],
    ['PUT', 'echo', 20_000],
    ['POST', 'echo', 50],
    ['GET', 'static-small', 0],
  ],
} satisfies Record<string, readonly Shape[]>;

/** The path of a request of that kind carrying `token` (the ground truth finds it by the token). */
export function pathFor(kind: RequestKind, token: string): string {
  switch (kind) {
    case 'echo':
      return `/echo/${token}`;
    case 'echo-large':
      return `/echo/${token}?size=30000`;
    case 'static-small':
      return `/static/hello.txt?token=${token}`;
    case 'static-large':
      return `/static/large.bin?token=${token}`;
    case 'index':
      return `/?token=${token}`;
  }
}

/**
 * The default workload: HTTP/2 and HTTP/1.1 over TLS 1.2 and 1.3, from Node and from curl;
 * GET/HEAD/POST/PUT; small and multi-segment bodies both ways; concurrent streams on one
 * HTTP/2 connection; 25 requests on 8 front connections.
 */
export function defaultWorkload(runId: string): PlannedConnection[] {
  const salt = randomBytes(3).toString('hex');
  let n = 0;
  const request = ([method, kind, bytes]: Shape): PlannedRequest => {
    const token = `tok-${runId}${salt}-${String(++n).padStart(2, '0')}`;
    return { token, method, path: pathFor(kind, token), requestBytes: bytes };
  };
  const connection = (client: ClientKind, http: HttpVersion, tls: TlsVersion, shapes: readonly Shape[]) => ({
    client,
    http,
    tls,
    requests: shapes.map(request),
  });
  const plans = [
    connection('node', '2', 'TLSv1.3', SHAPES.h2Wide),
    connection('node', '2', 'TLSv1.2', SHAPES.h2Narrow),
    connection('node', '1.1', 'TLSv1.3', SHAPES.h1First),
    connection('node', '1.1', 'TLSv1.2', SHAPES.h1Second),
    connection('curl', '2', 'TLSv1.3', [['GET', 'echo-large', 0]]),
    connection('curl', '2', 'TLSv1.2', [['POST', 'echo', 18_000]]),
    connection('curl', '1.1', 'TLSv1.3', [['PUT', 'echo', 150]]),
    connection('curl', '1.1', 'TLSv1.2', [['HEAD', 'echo', 0]]),
  ];
  return plans.map((plan, id) => ({ id, ...plan }));
}
