/**
 * The ground truth (what each client sent and received) against what the lane shows decrypted: for
 * every request, its connection (client port), method and path, the response status, the SHA-256 of
 * both bodies, and the Protocol and Info columns of the frames that carry them.
 */
import type { GroundTruthRow } from '../lab/workload.js';
import { sha256 } from '../lab/workload.js';
import type { Connection, LaneHttp } from './messages.js';

export interface Found {
  readonly requestFrame: number;
  readonly responseFrame: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: number | undefined;
  readonly requestBody: Uint8Array | undefined;
  readonly responseBody: Uint8Array | undefined;
}

export interface Verdict {
  readonly token: string;
  readonly problems: readonly string[];
}

const EMPTY_SHA256 = sha256(new Uint8Array(0));

function findHttp1(c: Connection, row: GroundTruthRow): Found | undefined {
  const requests = c.http1.filter((m) => m.fromClient && m.method !== undefined);
  const responses = c.http1.filter((m) => !m.fromClient && m.status !== undefined);
  const index = requests.findIndex((m) => m.method === row.method && m.path === row.path);
  const request = requests[index];
  if (!request) return undefined;
  // HTTP/1.1 answers in order: the n-th response is the n-th request's.
  const response = responses[index];
  return {
    requestFrame: request.frame,
    responseFrame: response?.frame,
    method: request.method,
    path: request.path,
    status: response?.status,
    requestBody: request.body,
    responseBody: response?.body,
  };
}

function findHttp2(c: Connection, row: GroundTruthRow): Found | undefined {
  for (const stream of c.http2.values()) {
    const { request, response } = stream;
    if (!request || request.method !== row.method || request.path !== row.path) continue;
    return {
      requestFrame: request.frame,
      responseFrame: response?.frame,
      method: request.method,
      path: request.path,
      status: response?.status,
      requestBody: request.body,
      responseBody: response?.body,
    };
  }
  return undefined;
}

function bodyProblem(what: string, body: Uint8Array | undefined, bytes: number, expected: string) {
  const hash = body ? sha256(body) : EMPTY_SHA256;
  if (hash === expected) return [];
  return [
    `${what} body: ${body ? `${body.length} bytes, sha256 ${hash.slice(0, 12)}…` : 'none'}, expected ${bytes} bytes`,
  ];
}

/**
 * The Protocol column as Wireshark writes it: `HTTP2`; `HTTP`, or `HTTP/JSON`, `HTTP/XML` when the
 * HTTP/1.x message's body went to that media type's dissector.
 */
function protocolOk(httpVersion: string, protocol: string | undefined): boolean {
  return httpVersion === '2' ? protocol === 'HTTP2' : /^HTTP(\/[A-Z0-9-]+)?$/.test(protocol ?? '');
}

function columnProblems(lane: LaneHttp, row: GroundTruthRow, found: Found): string[] {
  const problems: string[] = [];
  const request = lane.rows.get(found.requestFrame);
  if (!protocolOk(row.httpVersion, request?.protocol))
    problems.push(`frame ${found.requestFrame}: Protocol ${request?.protocol}`);
  if (!request?.info.includes(`${row.method} ${row.path}`))
    problems.push(`frame ${found.requestFrame}: Info "${request?.info}" lacks "${row.method} ${row.path}"`);
  const response = found.responseFrame === undefined ? undefined : lane.rows.get(found.responseFrame);
  if (response && !protocolOk(row.httpVersion, response.protocol))
    problems.push(`frame ${found.responseFrame}: Protocol ${response.protocol}`);
  return problems;
}

/** What differs between one ground-truth request and the lane; empty when it is all there. */
export function verify(lane: LaneHttp, row: GroundTruthRow): Verdict {
  const c = lane.connections.get(row.localPort);
  if (!c) return { token: row.token, problems: [`no connection from client port ${row.localPort}`] };
  const found = row.httpVersion === '2' ? findHttp2(c, row) : findHttp1(c, row);
  if (!found)
    return {
      token: row.token,
      problems: [`HTTP/${row.httpVersion} request ${row.method} ${row.path} not found`],
    };
  const problems = [
    ...(found.status === row.status ? [] : [`status ${found.status}, expected ${row.status}`]),
    ...bodyProblem('request', found.requestBody, row.requestBytes, row.requestBodySha256),
    ...bodyProblem('response', found.responseBody, row.responseBytes, row.responseBodySha256),
    ...columnProblems(lane, row, found),
  ];
  return { token: row.token, problems };
}
