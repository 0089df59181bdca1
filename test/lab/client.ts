/**
 * The lab's Node client, run inside the client namespace (`ip netns exec <ns> node client.mjs
 * job.json results.json`; scenario.ts bundles this file with esbuild, since Node 20 cannot run
 * TypeScript). It plays the Node connections of a workload against the load balancer, writing
 * every TLS secret to the key log as Node's `keylog` event delivers it (one NSS key-log line per
 * event), and records an outcome per request.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import tls from 'node:tls';
import type {
  ClientJob,
  ConnectionPause,
  PlannedConnection,
  PlannedRequest,
  RequestOutcome,
} from './workload.js';
import { nowMs, patternBytes, sha256 } from './workload.js';

const REQUEST_TIMEOUT_MS = 15_000;

interface Received {
  status: number;
  headers: IncomingHttpHeaders | http2.IncomingHttpHeaders;
  body: Buffer;
}

function header(headers: Received['headers'], name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

function outcome(
  request: PlannedRequest,
  connection: PlannedConnection,
  socket: tls.TLSSocket,
  received: Received,
  times: { startMs: number; stream?: number },
): RequestOutcome {
  return {
    token: request.token,
    connection: connection.id,
    ...(times.stream === undefined ? {} : { stream: times.stream }),
    localPort: socket.localPort ?? 0,
    // What ALPN settled, not what was asked for.
    httpVersion:
      ({ h2: '2', 'http/1.1': '1.1' } as Record<string, string>)[String(socket.alpnProtocol)] ?? '',
    tlsVersion: socket.getProtocol() ?? '',
    status: received.status,
    responseBytes: received.body.length,
    responseBodySha256: sha256(received.body),
    servedBy: header(received.headers, 'x-served-by'),
    traceId: header(received.headers, 'x-lab-trace-id'),
    startMs: times.startMs,
    endMs: nowMs(),
  };
}

function tlsOptions(job: ClientJob, connection: PlannedConnection, alpn: string): tls.ConnectionOptions {
  return {
    host: job.address,
    port: job.port,
    servername: job.serverName,
    ca: readFileSync(job.caCertPath),
    minVersion: connection.tls,
    maxVersion: connection.tls,
    ALPNProtocols: [alpn],
    ...(connection.ciphers === undefined ? {} : { ciphers: connection.ciphers }),
  };
}

/** Says where the connection is held (its local port) and waits, bounded, for the test's go. */
async function hold(pause: ConnectionPause, socket: tls.TLSSocket | undefined): Promise<void> {
  if (!socket) throw new Error('pause: no TLS socket');
  writeFileSync(pause.readyFile, JSON.stringify({ localPort: socket.localPort ?? 0 }));
  const deadline = Date.now() + pause.timeoutMs;
  while (!existsSync(pause.goFile)) {
    if (Date.now() > deadline) throw new Error(`pause: no go within ${pause.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function connected(session: http2.ClientHttp2Session): Promise<void> {
  if (!session.connecting) return Promise.resolve();
  return new Promise((resolve, reject) => {
    session.once('connect', () => resolve());
    session.once('error', reject);
  });
}

function logKeys(job: ClientJob): (line: Buffer) => void {
  return (line) => appendFileSync(job.keyLogFile, line);
}

function h2Request(session: http2.ClientHttp2Session, job: ClientJob, request: PlannedRequest) {
  const body = patternBytes(request.token, request.requestBytes);
  const hasBody = request.method === 'POST' || request.method === 'PUT';
  const stream = session.request(
    {
      ':method': request.method,
      ':path': request.path,
      ':authority': job.serverName,
      ...(hasBody ? { 'content-type': 'application/octet-stream', 'content-length': body.length } : {}),
    },
    { endStream: !hasBody },
  );
  if (hasBody) stream.end(body);
  stream.setTimeout(REQUEST_TIMEOUT_MS, () => stream.close(http2.constants.NGHTTP2_CANCEL));
  return new Promise<Received & { stream: number }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: http2.IncomingHttpHeaders = {};
    stream.on('response', (h) => {
      headers = h;
      status = Number(h[':status']);
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ status, headers, body: Buffer.concat(chunks), stream: stream.id ?? 0 }));
    stream.on('error', reject);
    stream.on('close', () =>
      status === 0 ? reject(new Error(`stream closed (${stream.rstCode})`)) : undefined,
    );
  });
}

async function playH2(job: ClientJob, connection: PlannedConnection): Promise<RequestOutcome[]> {
  let socket: tls.TLSSocket | undefined;
  const session = http2.connect(`https://${job.serverName}:${job.port}`, {
    createConnection: () => {
      socket = tls.connect(tlsOptions(job, connection, 'h2'));
      socket.on('keylog', logKeys(job));
      return socket;
    },
  });
  session.on('error', () => undefined); // surfaced through the streams
  // All streams of a batch are opened before any answer arrives: concurrent streams on one connection.
  const batch = (requests: readonly PlannedRequest[]) =>
    Promise.all(
      requests.map((request) => {
        const startMs = nowMs();
        return h2Request(session, job, request).then((received) => {
          if (!socket) throw new Error('no TLS socket');
          return outcome(request, connection, socket, received, { startMs, stream: received.stream });
        });
      }),
    );
  try {
    const { pause } = connection;
    if (!pause) return await batch(connection.requests);
    const before = await batch(connection.requests.slice(0, pause.afterRequests));
    await connected(session);
    await hold(pause, socket);
    return [...before, ...(await batch(connection.requests.slice(pause.afterRequests)))];
  } finally {
    session.close();
  }
}

function h1Request(agent: https.Agent, job: ClientJob, request: PlannedRequest) {
  const body = patternBytes(request.token, request.requestBytes);
  const hasBody = request.method === 'POST' || request.method === 'PUT';
  return new Promise<Received & { socket: tls.TLSSocket }>((resolve, reject) => {
    const req = https.request({
      agent,
      host: job.address,
      port: job.port,
      servername: job.serverName,
      method: request.method,
      path: request.path,
      headers: {
        host: job.serverName,
        ...(hasBody ? { 'content-type': 'application/octet-stream', 'content-length': body.length } : {}),
      },
      timeout: REQUEST_TIMEOUT_MS,
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.on('response', (res) => {
      // Taken now: once the response ends, the agent takes the socket back and res.socket is null.
      const socket = res.socket as tls.TLSSocket;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          socket,
        }),
      );
      res.on('error', reject);
    });
    req.end(hasBody ? body : undefined);
  });
}

async function playH1(job: ClientJob, connection: PlannedConnection): Promise<RequestOutcome[]> {
  // One socket, kept alive: every request of this connection rides the same TLS session.
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 1,
    ...tlsOptions(job, connection, 'http/1.1'),
  });
  agent.on('keylog', logKeys(job));
  const outcomes: RequestOutcome[] = [];
  const { pause } = connection;
  if (pause && pause.afterRequests < 1) throw new Error('pause: HTTP/1.1 connects for its first request');
  let socket: tls.TLSSocket | undefined;
  try {
    for (const [index, request] of connection.requests.entries()) {
      if (pause && index === pause.afterRequests) await hold(pause, socket);
      const startMs = nowMs();
      const received = await h1Request(agent, job, request);
      socket = received.socket;
      outcomes.push(outcome(request, connection, received.socket, received, { startMs }));
    }
  } finally {
    agent.destroy();
  }
  return outcomes;
}

async function main(): Promise<void> {
  const [jobFile, resultFile] = process.argv.slice(2);
  if (!jobFile || !resultFile) throw new Error('usage: client.mjs JOB.json RESULTS.json');
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as ClientJob;
  const outcomes: RequestOutcome[] = [];
  for (const connection of job.connections)
    outcomes.push(...(await (connection.http === '2' ? playH2(job, connection) : playH1(job, connection))));
  writeFileSync(resultFile, JSON.stringify(outcomes, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
