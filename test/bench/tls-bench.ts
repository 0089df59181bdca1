/**
 * `npm run bench:tls` (issue 8): decrypting and dissecting a TLS capture of at least 100 MB, Hammerhead
 * against tshark with the same key log, on the same file in the same run. Target: at least 3× faster
 * than `tshark -r FILE -o tls.keylog_file:KEYS`.
 *  1. the capture and its key log: tls-capture-gen.ts (made once, kept in .bench/);
 *  2. `hammerhead decode FILE --keylog KEYS` vs tshark: best of a few runs, wall time and peak RSS;
 *  3. the engine with the keys first: file.open until loaded, and what `tls.sessions` says;
 *  4. retroactive: the file opened without keys, then keys.add until `lane.progress` has dissection 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventOf, LaneId } from '../../shared/contract/index.js';
import type { TlsSessionStatus } from '../../shared/contract/tls-channels.js';
import { Engine } from '../../electron/engine/engine.js';
import { tlsBenchCapture, tsharkEnv, type TlsCapture } from './tls-capture-gen.js';
import { RUNS, timed } from './timed.js';

const MEGABYTES = Number(process.env.BENCH_TLS_MB ?? 110);
const TARGET = 3;
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'bin/hammerhead.js');

interface EngineRun {
  readonly seconds: number;
  readonly sessions: readonly TlsSessionStatus[];
}

/** Whether the CLI built here takes `--keylog` (it came with issue 8, possibly after this benchmark). */
function cliTakesKeylog(): boolean {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  return help.status === 0 && help.stdout.includes('--keylog');
}

/** One untimed CLI run: frames per Protocol column, to compare with tshark's (the output is discarded when timed). */
function cliProtocols(capture: TlsCapture): { protocols: Record<string, number>; warnings: string } {
  const result = spawnSync(
    process.execPath,
    [cli, 'decode', capture.pcap, '--keylog', capture.keys, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(`hammerhead decode failed (${result.status}): ${result.stderr}`);
  const protocols: Record<string, number> = {};
  for (const line of result.stdout.split('\n')) {
    if (line === '') continue;
    const { protocol } = JSON.parse(line) as { protocol: string };
    protocols[protocol] = (protocols[protocol] ?? 0) + 1;
  }
  return { protocols, warnings: result.stderr.trim() };
}

async function openAndLoad(engine: Engine, path: string): Promise<LaneId> {
  const { lane } = await engine.handle('file.open', { path });
  await engine.loaded(lane);
  return lane;
}

/** The key log added first, then the file opened: time until the whole file is read and dissected. */
async function engineWithKeys(capture: TlsCapture): Promise<EngineRun> {
  const engine = new Engine();
  await engine.handle('keys.add', { path: capture.keys });
  const started = performance.now();
  const lane = await openAndLoad(engine, capture.pcap);
  const seconds = (performance.now() - started) / 1000;
  const { sessions } = await engine.handle('tls.sessions', { lane });
  await engine.dispose();
  return { seconds, sessions };
}

/** The file opened without keys; then the key log: time until the lane says it was dissected again. */
async function engineRetroactive(capture: TlsCapture): Promise<EngineRun & { before: number }> {
  const engine = new Engine();
  const lane = await openAndLoad(engine, capture.pcap);
  const before = decryptedCount((await engine.handle('tls.sessions', { lane })).sessions);
  const redissected = new Promise<void>((done) =>
    engine.on((channel, payload) => {
      const info = payload as EventOf<'lane.progress'>;
      if (channel === 'lane.progress' && info.lane === lane && (info.dissection ?? 0) >= 1) done();
    }),
  );
  // The engine's settle timer before it dissects again is unref'd (it must not keep a host alive): with
  // nothing else pending, Node would exit while this waits for the event.
  const keepAlive = setInterval(() => {}, 1000);
  const started = performance.now();
  await engine.handle('keys.add', { path: capture.keys });
  await redissected;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(keepAlive);
  const { sessions } = await engine.handle('tls.sessions', { lane });
  await engine.dispose();
  return { seconds, sessions, before };
}

async function bestOf<T extends { seconds: number }>(run: () => Promise<T>): Promise<T & { all: number[] }> {
  const runs: T[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run());
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, all: runs.map((r) => r.seconds) };
}

function decryptedCount(sessions: readonly TlsSessionStatus[]): number {
  return sessions.filter((session) => session.state === 'decrypted').length;
}

/** `decrypted D/T`, the other states, per suite, and the failures by reason with a first example. */
function sessionLines(sessions: readonly TlsSessionStatus[]): string[] {
  const count = (keyOf: (s: TlsSessionStatus) => string | null, of = sessions) => {
    const counts: Record<string, number> = {};
    for (const session of of) {
      const key = keyOf(session);
      if (key !== null) counts[key] = (counts[key] ?? 0) + 1;
    }
    return Object.entries(counts).map(([key, n]) => `${key} ${n}`);
  };
  const suites = [...new Set(sessions.map((s) => s.suite ?? '(none)'))].map((suite) => {
    const of = sessions.filter((s) => (s.suite ?? '(none)') === suite);
    return `${suite} ${decryptedCount(of)}/${of.length}`;
  });
  const failed = sessions.find((s) => s.failure !== null);
  return [
    `  sessions decrypted ${decryptedCount(sessions)}/${sessions.length} (${count((s) => s.state).join(', ')})`,
    `  per suite: ${suites.join(', ')}`,
    ...(failed?.failure
      ? [
          `  failures: ${count((s) => s.failure?.reason ?? null).join(', ')}; first: stream ${failed.stream} ` +
            `frame ${failed.failure.frame} ${failed.failure.reason} (${failed.failure.detail})`,
        ]
      : []),
  ];
}

const httpOnly = (protocols: Record<string, number>) =>
  Object.entries(protocols)
    .filter(([name]) => name.startsWith('HTTP'))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const workDir = join(root, '.bench');
  mkdirSync(workDir, { recursive: true });
  const capture = await tlsBenchCapture(workDir, MEGABYTES);
  const m = capture.manifest;
  console.log(
    `tls capture: ${capture.pcap} (${(m.bytes / 1e6).toFixed(1)} MB, ${m.frames} frames, ${m.connections} ` +
      `connections of which ${m.h2Connections} HTTP/2, ${m.requests} requests)`,
  );
  console.log(
    `  per suite: ${Object.entries(m.suites)
      .map(([suite, n]) => `${suite} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `  tshark decoded ${m.tshark.requests} of ${m.requests} requests; frames ${httpOnly(m.tshark.protocols)}`,
  );

  const tshark = timed(
    'tshark',
    ['-n', '-r', capture.pcap, '-o', `tls.keylog_file:${capture.keys}`],
    tsharkEnv(),
  );
  const withKeys = await bestOf(() => engineWithKeys(capture));
  const retro = await bestOf(() => engineRetroactive(capture));
  const viaCli = cliTakesKeylog();
  const hammerhead = viaCli
    ? timed(process.execPath, [cli, 'decode', capture.pcap, '--keylog', capture.keys])
    : { seconds: withKeys.seconds, peakKiB: process.resourceUsage().maxRSS, all: withKeys.all };
  const runs = (all: readonly number[]) => all.map((s) => s.toFixed(2)).join(', ');
  const measured = viaCli ? 'hammerhead decode --keylog' : 'engine in-process (CLI has no --keylog yet)';

  const speedup = tshark.seconds / hammerhead.seconds;
  console.log(`best of ${RUNS} runs each, same file, same machine:`);
  console.log(
    `${measured}: ${hammerhead.seconds.toFixed(2)} s (${runs(hammerhead.all)}), peak RSS ${mib(hammerhead.peakKiB)}`,
  );
  console.log(
    `tshark -n -r -o tls.keylog_file: ${tshark.seconds.toFixed(2)} s (${runs(tshark.all)}), peak RSS ${mib(tshark.peakKiB)}`,
  );
  console.log(
    `tls decode: hammerhead ${hammerhead.seconds.toFixed(2)} s vs tshark ${tshark.seconds.toFixed(2)} s = ` +
      `${speedup.toFixed(2)}× (target ${TARGET}×) ${speedup >= TARGET ? 'OK' : 'MISSED'}`,
  );
  console.log(`peak RSS: hammerhead ${mib(hammerhead.peakKiB)} vs tshark ${mib(tshark.peakKiB)}`);
  if (viaCli) {
    // Electron's BoringSSL has no ChaCha20-Poly1305 for Node's cipher API: the app takes @noble/ciphers.
    const noble = timed(process.execPath, [cli, 'decode', capture.pcap, '--keylog', capture.keys], {
      ...process.env,
      HAMMERHEAD_FORCE_NOBLE_CHACHA: '1',
    });
    console.log(
      `hammerhead decode --keylog with ChaCha from @noble/ciphers (as in Electron): ${noble.seconds.toFixed(2)} s ` +
        `(${runs(noble.all)}) = ${(tshark.seconds / noble.seconds).toFixed(2)}× tshark`,
    );
    const output = cliProtocols(capture);
    console.log(
      `hammerhead decode frames: ${httpOnly(output.protocols)} (tshark: ${httpOnly(m.tshark.protocols)})`,
    );
    if (output.warnings) console.log(`  hammerhead said: ${output.warnings}`);
  }
  console.log(
    `engine, keys first: file.open to loaded ${withKeys.seconds.toFixed(2)} s (${runs(withKeys.all)}) = ` +
      `${(tshark.seconds / withKeys.seconds).toFixed(2)}× tshark`,
  );
  for (const line of sessionLines(withKeys.sessions)) console.log(line);
  console.log(
    `engine, retroactive: keys.add to lane.progress dissection 1 in ${retro.seconds.toFixed(2)} s ` +
      `(${runs(retro.all)}); decrypted before the keys: ${retro.before}`,
  );
  for (const line of sessionLines(retro.sessions)) console.log(line);
  console.log(`bench process peak RSS (the engine runs): ${mib(process.resourceUsage().maxRSS)}`);
}

await main();
