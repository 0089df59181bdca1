/**
 * `npm run bench`, the live-capture part (issue "Live capture from a local interface"): a sustained
 * UDP load on a loopback (its own namespace's, so no other traffic) captured by tcpdump through
 * the engine, for 10 s at each of several rates, with whole frames (the default) and with a
 * 96-byte snap length. Per run: datagrams sent, tcpdump's "captured" and kernel drops, frames the
 * lane stored, the engine's CPU and memory, tcpdump's CPU. "Inside Hammerhead" is lossless when
 * stored == captured; end to end when, also, captured == sent. Target: ≥ 100,000 packets/s for
 * 10 s. Needs root. BENCH_CAPTURE_RATES, _SECONDS, _SNAPLENS, _LO_MTU change the runs.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { sendLoad, senderKind } from './capture-sender.js';
import { measureUi, uiUnavailable } from './capture-bench-ui.js';

const env = process.env;
const RATES = (env.BENCH_CAPTURE_RATES ?? '50000,100000,150000').split(',').map(Number);
const SNAPLENS = (env.BENCH_CAPTURE_SNAPLENS ?? '0,96').split(',').map(Number);
const SECONDS = Number(env.BENCH_CAPTURE_SECONDS ?? 10);
const LO_MTU = env.BENCH_CAPTURE_LO_MTU;
const PORT = 40_000;
const UI_RATE = Number(env.BENCH_CAPTURE_UI_RATE ?? 100_000);
const UI_SNAPLEN = Number(env.BENCH_CAPTURE_UI_SNAPLEN ?? 96);
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in these

interface Result {
  snapLength: number;
  rate: number;
  sent: number;
  sendSeconds: number;
  captured: number | null;
  stored: number;
  droppedByKernel: number | null;
  insideLossless: boolean;
  lossless: boolean;
  engineCpuPercent: number;
  helperCpuPercent: number | null;
  peakRssMB: number;
  indexMB: number;
}

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

async function measure(namespace: string, rate: number, snapLength: number): Promise<Result> {
  const engine = new Engine();
  const capture = new LocalCapture(engine, { launcher: ['ip', 'netns', 'exec', namespace] });
  try {
    const request = { interfaces: ['lo'], filter: `udp dst port ${PORT}`, snapLength };
    const lane = (await capture.start(request)).lanes[0]!.lane;
    const pid = capture.helperPid(lane);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const [cpu0, helper0, wall0] = [process.cpuUsage(), cpuSeconds(pid), performance.now()];
    const sent = await sendLoad(namespace, rate, SECONDS, PORT);
    await new Promise((r) => setTimeout(r, 300));
    const helper1 = cpuSeconds(pid);
    await engine.handle('capture.stop', { lane });
    await capture.ended(lane);
    const wall = (performance.now() - wall0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const info = engine.liveLane(lane)!.info();
    const captured = capture.captured(lane);
    const insideLossless = captured === info.frames;
    return {
      snapLength,
      rate,
      sent: sent.sent,
      sendSeconds: sent.seconds,
      captured,
      stored: info.frames,
      droppedByKernel: info.stats?.droppedByKernel ?? null,
      insideLossless,
      lossless: insideLossless && info.frames === sent.sent,
      engineCpuPercent: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
      helperCpuPercent: helper0 === null || helper1 === null ? null : ((helper1 - helper0) / wall) * 100,
      peakRssMB: Math.max(peakRss, process.memoryUsage().rss) / 1e6,
      indexMB: engine.indexBytes(lane) / 1e6,
    };
  } finally {
    await engine.dispose();
  }
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const achieved = (r: Result) => r.sent / r.sendSeconds;

function line(r: Result): string {
  return (
    `  ${n(r.rate)}/s asked: sent ${n(r.sent)} (${n(achieved(r))}/s); tcpdump captured ${r.captured === null ? '?' : n(r.captured)}, ` +
    `kernel drops ${r.droppedByKernel === null ? '?' : n(r.droppedByKernel)}; lane stored ${n(r.stored)} ` +
    `(inside Hammerhead: ${r.insideLossless ? 'no loss' : 'LOSS'}; end to end: ${r.lossless ? 'no loss' : `${n(r.sent - r.stored)} lost`}); ` +
    `engine CPU ${r.engineCpuPercent.toFixed(0)}%, tcpdump CPU ${r.helperCpuPercent?.toFixed(0) ?? '?'}%, ` +
    `peak RSS ${r.peakRssMB.toFixed(0)} MB, index ${r.indexMB.toFixed(1)} MB`
  );
}

function verdict(results: readonly Result[], snapLength: number): string {
  const runs = results.filter((r) => r.snapLength === snapLength);
  const best = runs.filter((r) => r.lossless).sort((a, b) => achieved(b) - achieved(a))[0];
  const inside = runs.every((r) => r.insideLossless)
    ? 'stored == captured in every run'
    : 'LOSS inside Hammerhead';
  if (!best) return `  ${inside}; no rate was lossless end to end: MISSED (target 100,000/s)`;
  const ok = achieved(best) >= 100_000 ? 'OK' : 'MISSED';
  return (
    `  ${inside}; highest lossless rate end to end: ${n(achieved(best))} packets/s for ${SECONDS} s ` +
    `(engine CPU ${best.engineCpuPercent.toFixed(0)}%, peak RSS ${best.peakRssMB.toFixed(0)} MB) ${ok} (target 100,000/s)`
  );
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new Error('the capture bench needs root (tcpdump and a network namespace)');
  const namespace = `hhlc-bench-${randomBytes(2).toString('hex')}`;
  ip(['netns', 'add', namespace]);
  const results: Result[] = [];
  try {
    ip(['-n', namespace, 'link', 'set', 'lo', 'up', ...(LO_MTU ? ['mtu', LO_MTU] : [])]);
    console.log(
      `capture (tcpdump on a private lo, ${SECONDS} s per rate, 60-byte frames, sender ${senderKind()}, this 2-core machine):`,
    );
    for (const snapLength of SNAPLENS) {
      console.log(snapLength ? `snap length ${snapLength}:` : 'whole frames (the default):');
      for (const rate of RATES) {
        const result = await measure(namespace, rate, snapLength);
        results.push(result);
        console.log(line(result));
      }
      console.log(verdict(results, snapLength));
    }
    const noUi = uiUnavailable();
    if (noUi) console.log(`ui run skipped: ${noUi}`);
    else console.log(await measureUi(namespace, UI_RATE, UI_SNAPLEN, SECONDS));
  } finally {
    spawnSync('ip', ['netns', 'del', namespace]);
  }
  const dir = resolve(import.meta.dirname, '../../out/bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'capture-bench.json'), JSON.stringify(results, null, 2));
}

await main();
