/**
 * Records the bundled load-balancer sample (`node scripts/lab.js record-sample`): one lab run,
 * tcpdump on the client's veth (front leg, TLS :443) and on each target's veth (back legs, HTTP
 * :80), the default workload in between, then
 *
 *   lb-front.pcapng          front leg, its TLS key log embedded in a Decryption Secrets Block
 *   lb-front-keylog.txt      the same key log as a file (SSLKEYLOGFILE format)
 *   lb-back-target1.pcap     back leg as target1's tcpdump wrote it
 *   lb-back-target2.pcap     back leg as target2's tcpdump wrote it
 *   lb-ground-truth.json     one row per request (workload.ts GroundTruth) and the files above
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CaptureResult } from './capture.js';
import { must, sleep } from './exec.js';
import type { Lab } from './lab.js';
import { labUp } from './lab.js';
import type { ScenarioResult } from './scenario.js';
import { runScenario } from './scenario.js';
import type { GroundTruth } from './workload.js';

export const SAMPLE_FILES = {
  front: 'lb-front.pcapng',
  keyLog: 'lb-front-keylog.txt',
  target1: 'lb-back-target1.pcap',
  target2: 'lb-back-target2.pcap',
  groundTruth: 'lb-ground-truth.json',
} as const;

type Leg = 'front' | 'target1' | 'target2';

/** The sample's ground truth: the scenario's, plus which file holds which leg. */
export interface SampleGroundTruth extends GroundTruth {
  readonly recordedBy: string;
  readonly files: typeof SAMPLE_FILES;
  readonly captures: Readonly<Record<Leg, { packets: number; filter: string }>>;
}

/** The three legs captured around one run of the workload. */
async function recordSession(lab: Lab, work: string): Promise<[ScenarioResult, Record<Leg, CaptureResult>]> {
  const captures = {
    front: await lab.capture('front', { file: join(work, 'front.pcap') }),
    target1: await lab.capture('target1', { file: join(work, 'target1.pcap') }),
    target2: await lab.capture('target2', { file: join(work, 'target2.pcap') }),
  };
  await sleep(2_500); // one health-check round on each back leg before the traffic
  const scenario = await runScenario(lab, { outDir: work });
  await sleep(1_500); // the connections' last segments, and a health check after
  const results = {
    front: await captures.front.stop(),
    target1: await captures.target1.stop(),
    target2: await captures.target2.stop(),
  };
  return [scenario, results];
}

function writeSample(out: string, scenario: ScenarioResult, results: Record<Leg, CaptureResult>): void {
  const front = join(out, SAMPLE_FILES.front);
  must(['editcap', '--inject-secrets', `tls,${scenario.keyLogFile}`, results.front.file, front]);
  copyFileSync(scenario.keyLogFile, join(out, SAMPLE_FILES.keyLog));
  copyFileSync(results.target1.file, join(out, SAMPLE_FILES.target1));
  copyFileSync(results.target2.file, join(out, SAMPLE_FILES.target2));
  const truth: SampleGroundTruth = {
    ...scenario.groundTruth,
    recordedBy: 'node scripts/lab.js record-sample (test/lab/record-sample.ts)',
    files: SAMPLE_FILES,
    captures: {
      front: { packets: results.front.packets, filter: 'tcp port 443' },
      target1: { packets: results.target1.packets, filter: 'tcp port 80' },
      target2: { packets: results.target2.packets, filter: 'tcp port 80' },
    },
  };
  writeFileSync(join(out, SAMPLE_FILES.groundTruth), JSON.stringify(truth, null, 2) + '\n');
}

export async function recordSample(outDir: string): Promise<void> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  // Health checks every 2 s: a few in each back leg without drowning the workload.
  const lab = await labUp({ healthCheckIntervalSeconds: 2, maxLifetimeSeconds: 300 });
  try {
    const [scenario, results] = await recordSession(lab, join(lab.dir, 'sample'));
    writeSample(out, scenario, results);
    for (const file of Object.values(SAMPLE_FILES))
      console.log(`${file} ${statSync(join(out, file)).size} bytes`);
  } finally {
    await lab.down();
  }
}

export function readSampleGroundTruth(dir: string): SampleGroundTruth {
  return JSON.parse(readFileSync(join(dir, SAMPLE_FILES.groundTruth), 'utf8')) as SampleGroundTruth;
}
