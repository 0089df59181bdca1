/**
 * Ground truth against tshark: for every token, its request must be on the front leg exactly once
 * (decrypted, same method, HTTP version, TLS version and client port) and on the back legs exactly
 * once — on the target that says it served it — carrying the load balancer's headers and the very
 * trace id the target echoed. Returns problems as text, so a failing test lists all of them.
 */
import type { BackRequest, FrontRequest } from './oracle.js';
import { tokenOf, TRACE_ID } from './oracle.js';
import type { GroundTruth, GroundTruthRow } from './workload.js';

export interface VerificationReport {
  readonly tokens: number;
  /** Tokens whose front request tshark decrypted and matched. */
  readonly frontMatched: number;
  /** Tokens found exactly once in the back legs, on the right target, with every added header. */
  readonly backMatched: number;
  readonly problems: readonly string[];
}

function byToken<T extends { path: string }>(requests: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const request of requests) {
    const token = tokenOf(request.path);
    if (token) map.set(token, [...(map.get(token) ?? []), request]);
  }
  return map;
}

function frontProblems(row: GroundTruthRow, found: readonly FrontRequest[]): string[] {
  if (found.length !== 1) return [`${row.token}: ${found.length} front requests (want 1)`];
  const [request] = found;
  const problems: string[] = [];
  const expect = (what: string, got: unknown, want: unknown) => {
    if (got !== want)
      problems.push(`${row.token}: front ${what} ${String(got)}, ground truth ${String(want)}`);
  };
  expect('method', request?.method, row.method);
  expect('path', request?.path, row.path);
  expect('HTTP version', request?.httpVersion, row.httpVersion);
  expect('TLS version', request?.tlsVersion, row.tlsVersion);
  expect('client port', request?.clientPort, row.localPort);
  return problems;
}

function backProblems(
  truth: GroundTruth,
  row: GroundTruthRow,
  found: readonly [string, BackRequest][],
): string[] {
  if (found.length !== 1) return [`${row.token}: ${found.length} back requests (want 1)`];
  const [[target, request] = ['', undefined]] = found;
  if (!request) return [];
  const problems: string[] = [];
  const expect = (what: string, got: unknown, want: unknown) => {
    if (got !== want) problems.push(`${row.token}: back ${what} ${String(got)}, want ${String(want)}`);
  };
  expect('target', target, row.servedBy);
  expect('method', request.method, row.method);
  expect('path', request.path, row.path);
  expect('X-Forwarded-For', request.headers.get('x-forwarded-for'), truth.front.client);
  expect('X-Forwarded-Proto', request.headers.get('x-forwarded-proto'), 'https');
  expect('X-Forwarded-Port', request.headers.get('x-forwarded-port'), '443');
  const traceId = request.headers.get('x-amzn-trace-id') ?? '';
  expect('X-Amzn-Trace-Id', traceId, row.traceId);
  const epoch = TRACE_ID.exec(traceId)?.[1];
  if (!epoch)
    problems.push(`${row.token}: trace id ${JSON.stringify(traceId)} is not Root=1-<8 hex>-<24 hex>`);
  else if (Math.abs(parseInt(epoch, 16) - row.startMs / 1000) > 5)
    problems.push(
      `${row.token}: trace id time ${parseInt(epoch, 16)} is far from the request's ${row.startMs / 1000}`,
    );
  if (row.requestBytes > 0)
    expect('Content-Length', request.headers.get('content-length'), String(row.requestBytes));
  return problems;
}

export function verifyCaptures(
  truth: GroundTruth,
  front: readonly FrontRequest[],
  backs: Readonly<Record<string, readonly BackRequest[]>>,
): VerificationReport {
  const frontByToken = byToken(front);
  const backByToken = new Map<string, [string, BackRequest][]>();
  for (const [target, requests] of Object.entries(backs))
    for (const [token, list] of byToken(requests))
      backByToken.set(token, [
        ...(backByToken.get(token) ?? []),
        ...list.map((r): [string, BackRequest] => [target, r]),
      ]);

  const problems: string[] = [];
  let frontMatched = 0;
  let backMatched = 0;
  for (const row of truth.requests) {
    if (row.error || row.status !== 200)
      problems.push(`${row.token}: the client saw ${row.status} ${row.error ?? ''}`);
    const f = frontProblems(row, frontByToken.get(row.token) ?? []);
    const b = backProblems(truth, row, backByToken.get(row.token) ?? []);
    if (f.length === 0) frontMatched++;
    if (b.length === 0) backMatched++;
    problems.push(...f, ...b);
  }
  const known = new Set(truth.requests.map((r) => r.token));
  for (const token of [...frontByToken.keys(), ...backByToken.keys()])
    if (!known.has(token)) problems.push(`${token}: in a capture but not in the ground truth`);
  return { tokens: truth.requests.length, frontMatched, backMatched, problems };
}
