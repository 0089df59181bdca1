/**
 * The workload's curl connections: one curl process per connection inside the client namespace,
 * with SSLKEYLOGFILE (Debian's curl honours it) pointing at the scenario's key log. curl's
 * `-w '%{json}'` reports the HTTP version, status and local port; its start and end times are
 * those of the process, which brackets the request.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
}

function runCurl(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? 'ip', argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // curl has its own --max-time; this is the backstop should it hang anyway.
    const timer = setTimeout(() => child.kill('SIGKILL'), (CURL_TIMEOUT_SECONDS + 5) * 1000);
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
    'curl', '-sS', ...version, ...tls, ...method,
    '--cacert', job.caCertPath,
    '--resolve', `${job.serverName}:${job.port}:${job.address}`,
    '--max-time', String(CURL_TIMEOUT_SECONDS),
    '-D', files.headers, '-o', files.response, '-w', '%{json}',
    `https://${job.serverName}:${job.port}${request.path}`,
  ];
}

interface Files {
  readonly body: string;
  readonly headers: string;
  readonly response: string;
}

async function curlRequest(
  job: ClientJob,
  namespace: string,
  workDir: string,
  connection: PlannedConnection,
  request: PlannedRequest,
): Promise<RequestOutcome> {
  const files: Files = {
    body: join(workDir, `${request.token}.body`),
    headers: join(workDir, `${request.token}.headers`),
    response: join(workDir, `${request.token}.response`),
  };
  writeFileSync(files.body, patternBytes(request.token, request.requestBytes));
  const env = { ...process.env, SSLKEYLOGFILE: job.keyLogFile };
  const startMs = nowMs();
  const { code, stdout } = await runCurl(inNetns(namespace, curlArgs(job, connection, request, files)), env);
  const endMs = nowMs();
  const report = JSON.parse(stdout || '{}') as CurlReport;
  const dump = readFileSync(files.headers, 'utf8');
  // With --head, curl writes the headers to -o as well: a HEAD response has no body.
  const body = request.method === 'HEAD' ? Buffer.alloc(0) : readFileSync(files.response);
  return {
    token: request.token,
    connection: connection.id,
    localPort: report.local_port ?? 0,
    httpVersion: report.http_version ?? '',
    // curl cannot report the negotiated version; the flags above allow only this one.
    tlsVersion: connection.tls,
    status: report.response_code ?? 0,
    responseBytes: body.length,
    responseBodySha256: sha256(body),
    servedBy: headerValue(dump, 'x-served-by'),
    traceId: headerValue(dump, 'x-lab-trace-id'),
    startMs,
    endMs,
    ...(code === 0 ? {} : { error: `curl exited ${code}: ${report.errormsg ?? ''}` }),
  };
}

/** Plays the curl connections one after another (each is one request). */
export async function playCurl(
  job: ClientJob,
  namespace: string,
  workDir: string,
  connections: readonly PlannedConnection[],
): Promise<RequestOutcome[]> {
  const outcomes: RequestOutcome[] = [];
  for (const connection of connections)
    for (const request of connection.requests)
      outcomes.push(await curlRequest(job, namespace, workDir, connection, request));
  return outcomes;
}
