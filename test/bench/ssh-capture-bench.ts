/**
 * `npm run bench` (SSH part): a sustained UDP stream to a lab target, captured there by tcpdump over
 * SSH into an engine lane, exactly as the dialog's lanes are. For each rate: frames stored must
 * equal tcpdump's "packets captured", and the kernel must have dropped none ("lossless"); the
 * engine's CPU (this process: ssh2's decryption, the reader, dissection, the spool) is measured.
 *
 *   1. 20,000 packets/s for 10 s: the target of issue "SSH remote capture";
 *   2. then higher rates, 5 s each, until a rate loses packets: the highest lossless rate.
 *
 * Needs root and the lab (test/lab); elsewhere it says why and exits 0. Traffic stays inside the
 * lab's namespaces and is bounded in count (rate × seconds) and time.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LaneId } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';
import { sleep } from '../lab/exec.js';
import { cleanupStale, labUnavailableReason, labUp, type Lab } from '../lab/lab.js';

const FIRST = { rate: 20_000, seconds: 10 };
const RAMP = [30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 100_000, 130_000];
const RAMP_SECONDS = 5;
const PORT = 9;

const SENDER = `
import socket, sys, time
dst, rate, secs, port = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = b'h' * 64
total = int(rate * secs)
sent = 0
start = time.monotonic()
while sent < total and time.monotonic() - start < secs + 5:
    due = min(total, int((time.monotonic() - start) * rate) + 1)
    while sent < due:
        s.sendto(payload, (dst, port))
        sent += 1
    if sent >= due:
        time.sleep(0.0002)
print(sent)
`;

interface RunResult {
  readonly rate: number;
  readonly seconds: number;
  readonly sent: number;
  readonly stored: number;
  readonly captured: number;
  readonly received: number;
  readonly droppedByKernel: number;
  readonly achievedRate: number;
  readonly engineCpuPercent: number;
  readonly lossless: boolean;
}

function send(lab: Lab, address: string, rate: number, seconds: number): Promise<number> {
  const argv = lab.exec(lab.loadBalancer.namespace, [
    'python3',
    '-c',
    SENDER,
    address,
    String(rate),
    String(seconds),
    String(PORT),
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] ?? 'ip', argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 15) * 1000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(Number(out.trim()) || 0);
    });
  });
}

async function connectTarget(engine: Engine, lab: Lab, dir: string): Promise<string> {
  const target = lab.targets[0];
  if (!target) throw new Error('no target');
  const config = join(dir, 'bench_ssh_config');
  writeFileSync(
    config,
    `Host bench\n  HostName ${target.address}\n  User ${target.ssh.user}\n  IdentityFile ${target.ssh.privateKeyPath}\n` +
      `  IdentitiesOnly yes\n  IdentityAgent none\n  UserKnownHostsFile ${target.ssh.knownHostsPath}\n` +
      `  GlobalKnownHostsFile /dev/null\n`,
  );
  const outcome = await engine.handle('ssh.connect', {
    target: { host: 'bench', configFile: config },
    auth: { method: 'auto' },
  });
  if (outcome.status !== 'connected') throw new Error(`could not connect: ${JSON.stringify(outcome)}`);
  return outcome.session;
}

async function run(engine: Engine, lab: Lab, rate: number, seconds: number): Promise<RunResult> {
  const target = lab.targets[0];
  if (!target) throw new Error('no target');
  const session = await connectTarget(engine, lab, lab.dir);
  const info = await engine.handle('ssh.start', {
    session,
    interface: target.iface,
    filter: `udp port ${PORT}`,
    privilege: 'sudo',
    title: `bench ${rate}/s`,
  });
  const lane = info.lane as LaneId;
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const sent = await send(lab, target.address, rate, seconds);
  await sleep(1000); // the tail still on its way through SSH
  const stopped = await engine.handle('capture.stop', { lane });
  const wall = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const status = await engine.handle('ssh.status', { lane });
  await engine.handle('lanes.close', { lane });
  const counters = status.counters ?? { captured: -1, received: -1, droppedByKernel: -1 };
  return {
    rate,
    seconds,
    sent,
    stored: stopped.frames,
    captured: counters.captured,
    received: counters.received,
    droppedByKernel: counters.droppedByKernel,
    achievedRate: Math.round(sent / seconds),
    engineCpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 100),
    lossless:
      stopped.frames === counters.captured && counters.captured === sent && counters.droppedByKernel === 0,
  };
}

function line(result: RunResult): string {
  return (
    `${result.rate}/s × ${result.seconds} s: sent ${result.sent} (${result.achievedRate}/s), ` +
    `tcpdump captured ${result.captured}, received ${result.received}, dropped ${result.droppedByKernel}; ` +
    `stored ${result.stored}; engine CPU ${result.engineCpuPercent}% of a core; ` +
    `${result.lossless ? 'lossless' : 'LOSS'}`
  );
}

async function main(): Promise<void> {
  const reason = labUnavailableReason();
  if (reason) {
    console.log(`ssh-capture-bench: skipped (${reason})`);
    return;
  }
  await cleanupStale();
  const lab = await labUp({ healthCheckIntervalSeconds: 5, maxLifetimeSeconds: 600 });
  const engine = new Engine();
  const results: RunResult[] = [];
  try {
    const first = await run(engine, lab, FIRST.rate, FIRST.seconds);
    console.log(line(first));
    results.push(first);
    for (const rate of RAMP) {
      if (!results[results.length - 1]?.lossless) break;
      const result = await run(engine, lab, rate, RAMP_SECONDS);
      console.log(line(result));
      results.push(result);
    }
  } finally {
    await engine.dispose();
    await lab.down();
  }
  const lossless = results.filter((r) => r.lossless);
  const best = [...lossless].sort((a, b) => b.achievedRate - a.achievedRate)[0];
  console.log(
    JSON.stringify({
      bench: 'ssh-capture',
      target: { rate: FIRST.rate, seconds: FIRST.seconds, met: results[0]?.lossless ?? false },
      highestLosslessRate: lossless.length > 0 ? best?.achievedRate : 0,
      engineCpuPercentAtBest: best?.engineCpuPercent,
      runs: results,
    }),
  );
  if (!results[0]?.lossless) process.exitCode = 1;
}

await main();
