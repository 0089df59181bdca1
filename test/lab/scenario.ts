/**
 * The scenario runner: plays a bounded workload through the lab's load balancer (Node's client
 * for most connections, curl for some) and writes the ground truth — one row per request, with
 * its token, method, path, HTTP and TLS versions, status, sizes, body hashes, times, the target
 * that served it and the trace id it got — plus the TLS key log of every front connection.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { playCurl } from './curl-client.js';
import { inNetns } from './exec.js';
import type { Lab } from './lab.js';
import { LAB_SOURCE_DIR } from './source-dir.js';
import type {
  ClientJob,
  GroundTruth,
  GroundTruthRow,
  PlannedConnection,
  RequestOutcome,
} from './workload.js';
import { defaultWorkload, patternBytes, sha256 } from './workload.js';

const CLIENT_TIMEOUT_MS = 60_000;

export interface ScenarioOptions {
  /** Where the key log, ground truth and scratch files go; `<lab.dir>/scenario` by default. */
  readonly outDir?: string;
  readonly connections?: readonly PlannedConnection[];
  /**
   * The key log the clients append to. Given, it is kept as it is (a test may already watch it);
   * by default `<outDir>/keys.txt`, emptied first.
   */
  readonly keyLogFile?: string;
}

export interface ScenarioResult {
  readonly groundTruth: GroundTruth;
  readonly groundTruthPath: string;
  readonly keyLogFile: string;
}

/** client.ts as one ES module file that plain `node` runs (Node 20 does not strip types). */
function bundleClient(outDir: string): string {
  const outfile = join(outDir, 'client.mjs');
  buildSync({
    entryPoints: [join(LAB_SOURCE_DIR, 'client.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

function playNode(lab: Lab, job: ClientJob, outDir: string): Promise<RequestOutcome[]> {
  if (job.connections.length === 0) return Promise.resolve([]);
  const jobFile = join(outDir, 'node-job.json');
  const resultFile = join(outDir, 'node-results.json');
  writeFileSync(jobFile, JSON.stringify(job));
  const argv = inNetns(lab.client.namespace, [process.execPath, bundleClient(outDir), jobFile, resultFile]);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? 'ip', argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CLIENT_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as RequestOutcome[]);
      else reject(new Error(`lab client exited ${code}: ${stderr.trim()}`));
    });
  });
}

function groundTruth(
  lab: Lab,
  connections: readonly PlannedConnection[],
  outcomes: RequestOutcome[],
): GroundTruth {
  const byToken = new Map(outcomes.map((o) => [o.token, o]));
  const address = new Map(lab.targets.map((t) => [t.name as string, t.address]));
  const rows = connections.flatMap((connection) =>
    connection.requests.map((request): GroundTruthRow => {
      const result = byToken.get(request.token);
      if (!result) throw new Error(`lab: no outcome for ${request.token}`);
      return {
        ...request,
        client: connection.client,
        requestBodySha256: sha256(patternBytes(request.token, request.requestBytes)),
        ...result,
        targetAddress: address.get(result.servedBy) ?? '',
      };
    }),
  );
  return {
    schema: 1,
    runId: lab.runId,
    serverName: lab.serverName,
    front: {
      client: lab.client.address,
      loadBalancer: lab.loadBalancer.frontAddress,
      port: lab.loadBalancer.httpsPort,
    },
    targets: lab.targets.map((t) => ({ name: t.name, address: t.address })),
    requests: rows,
  };
}

export async function runScenario(lab: Lab, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const outDir = options.outDir ?? join(lab.dir, 'scenario');
  const scratch = join(outDir, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const keyLogFile = options.keyLogFile ?? join(outDir, 'keys.txt');
  if (options.keyLogFile === undefined) rmSync(keyLogFile, { force: true });
  const connections = options.connections ?? defaultWorkload(lab.runId);
  const job = (client: 'node' | 'curl'): ClientJob => ({
    serverName: lab.serverName,
    address: lab.loadBalancer.frontAddress,
    port: lab.loadBalancer.httpsPort,
    caCertPath: lab.caCertPath,
    keyLogFile,
    connections: connections.filter((c) => c.client === client),
  });
  const outcomes = [
    ...(await playNode(lab, job('node'), scratch)),
    ...(await playCurl(job('curl'), lab.client.namespace, scratch, job('curl').connections)),
  ];
  rmSync(scratch, { recursive: true, force: true });
  const truth = groundTruth(lab, connections, outcomes);
  const groundTruthPath = join(outDir, 'ground-truth.json');
  writeFileSync(groundTruthPath, JSON.stringify(truth, null, 2) + '\n');
  return { groundTruth: truth, groundTruthPath, keyLogFile };
}
