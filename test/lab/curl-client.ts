/**
 * The workload's curl connections: one curl process per connection inside the client namespace,
 * with SSLKEYLOGFILE (Debian's curl honours it) pointing at the scenario's key log. A connection's
 * requests are one command line joined by `--next` (curl keeps the connection for the next URL).
 * curl's `-w '%{json}'` reports the HTTP version, status and local port of each; their start and
 * end times are those of the process, which brackets the requests.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inNetns } from './exec.js';
import type { ClientJob, PlannedConnection, PlannedRequest, RequestOutcome } from './workload.js';
import { nowMs, patternBytes, sha256 } from './workload.js';

const CURL_TIMEOUT_SECONDS = 15;

interface CurlReport {
  readonly http_version?: string;
  readonly response_code?: number;
  readonly local_port?: number;
  readonly errormsg?: string | null;
  readonly exitcode?: number;
}

function runCurl(
  argv: string[],
  env: NodeJS.ProcessEnv,
  limitMs: number,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? 'ip', argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // curl has its own --max-time; this is the backstop should it hang anyway.
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

/** Response headers from curl's -D file (the last header block: the final response). */
function headerValue(dump: string, name: string): string {
  const block =
    dump
      .trim()
      .split(/\r?\n\r?\n/)
      .pop() ?? '';
  const line = block.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(line.indexOf(':') + 1).trim() : '';
}

function curlArgs(
  job: ClientJob,
  connection: PlannedConnection,
  request: PlannedRequest,
  files: Files,
): string[] {
  const version = connection.http === '2' ? ['--http2'] : ['--http1.1'];
  const tls = connection.tls === 'TLSv1.3' ? ['--tlsv1.3'] : ['--tlsv1.2', '--tls-max', '1.2'];
  const ciphers =
    connection.ciphers === undefined
      ? []
      : [connection.tls === 'TLSv1.3' ? '--tls13-ciphers' : '--ciphers', connection.ciphers];
  const method =
    request.method === 'HEAD'
      ? ['--head']
      : request.method === 'GET'
        ? []
        : [
            '-X',
            request.method,
            '-H',
            'Content-Type: application/octet-stream',
            '--data-binary',
            `@${files.body}`,
          ];
  // prettier-ignore
  return [
    '-sS', ...version, ...tls, ...ciphers, ...method,
    '--cacert', job.caCertPath,
    '--resolve', `${job.serverName}:${job.port}:${job.address}`,
    '--max-time', String(CURL_TIMEOUT_SECONDS),
    '-D', files.headers, '-o', files.response, '-w', '%{json}\\n',
    `https://${job.serverName}:${job.port}${request.path}`,
  ];
}

interface Files {
  readonly body: string;
  readonly headers: string;
  readonly response: string;
}

function filesOf(workDir: string, request: PlannedRequest): Files {
  return {
    body: join(workDir, `${request.token}.body`),
    headers: join(workDir, `${request.token}.headers`),
    response: join(workDir, `${request.token}.response`),
  };
}

function requestOutcome(
  connection: PlannedConnection,
  request: PlannedRequest,
  files: Files,
  report: CurlReport | undefined,
  process: { code: number | null; startMs: number; endMs: number },
): RequestOutcome {
  // With --head, curl writes the headers to -o as well: a HEAD response has no body.
  const body =
    request.method === 'HEAD' || !existsSync(files.response) ? Buffer.alloc(0) : readFileSync(files.response);
  const dump = existsSync(files.headers) ? readFileSync(files.headers, 'utf8') : '';
  const failed = process.code !== 0 || !report || (report.exitcode ?? 0) !== 0;
  return {
    token: request.token,
    connection: connection.id,
    localPort: report?.local_port ?? 0,
    httpVersion: report?.http_version ?? '',
    // curl cannot report the negotiated version; the flags above allow only this one.
    tlsVersion: connection.tls,
    status: report?.response_code ?? 0,
    responseBytes: body.length,
    responseBodySha256: sha256(body),
    servedBy: headerValue(dump, 'x-served-by'),
    traceId: headerValue(dump, 'x-lab-trace-id'),
    startMs: process.startMs,
    endMs: process.endMs,
    ...(failed ? { error: `curl exited ${process.code}: ${report?.errormsg ?? 'no report'}` } : {}),
  };
}

/** One curl process for the connection's requests, in order, on one connection. */
async function curlConnection(
  job: ClientJob,
  namespace: string,
  workDir: string,
  connection: PlannedConnection,
): Promise<RequestOutcome[]> {
  if (connection.pause) throw new Error('lab: only Node connections can pause');
  const argv = connection.requests.flatMap((request, i) => {
    const files = filesOf(workDir, request);
    writeFileSync(files.body, patternBytes(request.token, request.requestBytes));
    return [...(i > 0 ? ['--next'] : []), ...curlArgs(job, connection, request, files)];
  });
  const env = { ...process.env, SSLKEYLOGFILE: job.keyLogFile };
  const startMs = nowMs();
  // --max-time bounds each transfer; the backstop, all of them.
  const limitMs = (connection.requests.length * CURL_TIMEOUT_SECONDS + 5) * 1000;
  const { code, stdout } = await runCurl(inNetns(namespace, ['curl', ...argv]), env, limitMs);
  const endMs = nowMs();
  // One JSON line per transfer that was attempted.
  const reports = stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CurlReport);
  return connection.requests.map((request, i) =>
    requestOutcome(connection, request, filesOf(workDir, request), reports[i], { code, startMs, endMs }),
  );
}

/** Plays the curl connections one after another. */
export async function playCurl(
  job: ClientJob,
  namespace: string,
  workDir: string,
  connections: readonly PlannedConnection[],
): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  for (const connection of connections)
    outcomes.push(...(await curlConnection(job, namespace, workDir, connection)));
  return outcomes;
}
