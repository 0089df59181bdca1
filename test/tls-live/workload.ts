/**
 * The live decryption test's workloads (test/lab/workload.ts types): every client × HTTP version ×
 * TLS version with several requests per connection (GET, HEAD, POST, PUT; bodies of 0 to 40 000
 * bytes both ways), a few suites asked for by name, two sessions whose keys go elsewhere (to be
 * corrupted), and two connections held after their handshake (for a capture that starts mid-session).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type {
  ClientKind,
  HttpVersion,
  Method,
  PlannedConnection,
  PlannedRequest,
  RequestKind,
  TlsVersion,
} from '../lab/workload.js';
import { pathFor } from '../lab/workload.js';

type Shape = readonly [Method, RequestKind, number];

interface Spec {
  readonly client: ClientKind;
  readonly http: HttpVersion;
  readonly tls: TlsVersion;
  readonly shapes: readonly Shape[];
  readonly ciphers?: string;
}

/** Connections numbered from `firstId`, tokens `tok-<run id><salt>-NN` unique to this call. */
function plan(runId: string, firstId: number, specs: readonly Spec[]): PlannedConnection[] {
  const salt = randomBytes(3).toString('hex');
  let n = 0;
  const request = ([method, kind, bytes]: Shape): PlannedRequest => {
    const token = `tok-${runId}${salt}-${String(++n).padStart(2, '0')}`;
    return { token, method, path: pathFor(kind, token), requestBytes: bytes };
  };
  return specs.map(({ shapes, ...spec }, i) => ({ id: firstId + i, ...spec, requests: shapes.map(request) }));
}

/** Keys of these go to the watched key log while the capture runs: all must decrypt. */
export function mainWorkload(runId: string): PlannedConnection[] {
  return plan(runId, 0, [
    {
      client: 'node',
      http: '2',
      tls: 'TLSv1.3',
      shapes: [
        ['GET', 'echo', 0],
        ['GET', 'echo-large', 0],
        ['POST', 'echo', 20_000],
        ['GET', 'static-large', 0],
        ['HEAD', 'echo', 0],
        ['GET', 'static-small', 0],
      ],
    },
    {
      client: 'node',
      http: '2',
      tls: 'TLSv1.2',
      shapes: [
        ['GET', 'static-large', 0],
        ['POST', 'echo', 5_000],
        ['PUT', 'echo', 300],
        ['GET', 'index', 0],
      ],
    },
    {
      client: 'node',
      http: '1.1',
      tls: 'TLSv1.3',
      shapes: [
        ['GET', 'echo', 0],
        ['POST', 'echo', 16_000],
        ['GET', 'static-large', 0],
        ['HEAD', 'static-large', 0],
        ['GET', 'echo-large', 0],
      ],
    },
    {
      client: 'node',
      http: '1.1',
      tls: 'TLSv1.2',
      shapes: [
        ['GET', 'static-large', 0],
        ['PUT', 'echo', 20_000],
        ['POST', 'echo', 50],
        ['GET', 'static-small', 0],
      ],
    },
    {
      client: 'node',
      http: '2',
      tls: 'TLSv1.3',
      ciphers: 'TLS_AES_128_GCM_SHA256',
      shapes: [
        ['GET', 'static-large', 0],
        ['POST', 'echo', 3_000],
      ],
    },
    {
      client: 'node',
      http: '1.1',
      tls: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-CHACHA20-POLY1305',
      shapes: [
        ['GET', 'echo-large', 0],
        ['POST', 'echo', 2_000],
      ],
    },
    {
      client: 'curl',
      http: '2',
      tls: 'TLSv1.3',
      shapes: [
        ['GET', 'static-large', 0],
        ['POST', 'echo', 18_000],
        ['GET', 'echo-large', 0],
      ],
    },
    {
      client: 'curl',
      http: '2',
      tls: 'TLSv1.2',
      shapes: [
        ['GET', 'echo-large', 0],
        ['POST', 'echo', 200],
        ['GET', 'static-large', 0],
      ],
    },
    {
      client: 'curl',
      http: '1.1',
      tls: 'TLSv1.3',
      shapes: [
        ['GET', 'static-large', 0],
        ['PUT', 'echo', 150],
        ['HEAD', 'echo', 0],
      ],
    },
    {
      client: 'curl',
      http: '1.1',
      tls: 'TLSv1.2',
      shapes: [
        ['GET', 'static-large', 0],
        ['POST', 'echo', 1_000],
        ['GET', 'static-small', 0],
      ],
    },
    {
      client: 'curl',
      http: '2',
      tls: 'TLSv1.3',
      ciphers: 'TLS_CHACHA20_POLY1305_SHA256',
      shapes: [
        ['GET', 'echo-large', 0],
        ['PUT', 'echo', 4_000],
      ],
    },
  ]);
}

/** One session per TLS version whose key log the test corrupts before loading it. */
export function faultWorkload(runId: string): PlannedConnection[] {
  return plan(runId, 100, [
    { client: 'curl', http: '1.1', tls: 'TLSv1.2', shapes: [['GET', 'echo', 0]] },
    { client: 'curl', http: '2', tls: 'TLSv1.3', shapes: [['GET', 'static-small', 0]] },
  ]);
}

/** A connection that waits after its handshake (`dir` holds its ready and go files). */
export function heldConnection(
  runId: string,
  id: number,
  dir: string,
  spec: { http: HttpVersion; tls: TlsVersion; afterRequests: number },
): PlannedConnection {
  const shapes: Shape[] = [
    ['GET', 'echo', 0],
    ['GET', 'static-large', 0],
    ['POST', 'echo', 8_000],
  ];
  const [connection] = plan(runId, id, [{ client: 'node', http: spec.http, tls: spec.tls, shapes }]);
  if (!connection) throw new Error('no connection');
  return {
    ...connection,
    pause: {
      afterRequests: spec.afterRequests,
      readyFile: join(dir, `ready-${id}.json`),
      goFile: join(dir, 'go'),
      timeoutMs: 20_000,
    },
  };
}
