/**
 * "Capture as administrator" on macOS, run here with the platform injected: osascript is stood in
 * for by a function that does what `do shell script "…" with administrator privileges` does (reads
 * the AppleScript string, runs it with /bin/sh -c; only the password prompt is missing), so the
 * quoting meets a real shell. Hostile interface names and filters must reach the helper as one
 * argument each and run nothing; the pcap and stderr come back through the FIFOs; Stop signals the
 * pid the script printed; a cancelled prompt starts nothing and leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { HELPER_ENV } from '../../electron/engine/capture/local-helper.js';
import type { ProgramSpawn } from '../../electron/engine/capture/local-osascript.js';
import { currentUser } from '../../electron/engine/capture/local-privileges.js';
import { Engine } from '../../electron/engine/engine.js';
import { captureUnavailable, freePort, laneInfo, waitForLane } from './support.js';
import { sendUdp } from './traffic.js';

const posix = process.platform !== 'win32';
const dir = mkdtempSync(join(tmpdir(), 'hh-osascript-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let engine: Engine;
afterEach(async () => engine?.dispose());

/** `do shell script` without the prompt: the script's string, unescaped as AppleScript does, run by sh. */
function osascript(calls: string[][], prompt: 'accept' | 'cancel' = 'accept'): ProgramSpawn {
  return (command, args) => {
    calls.push([command, ...args]);
    const script = /^do shell script "((?:[^"\\]|\\.)*)" with administrator privileges$/.exec(args[1] ?? '');
    if (prompt === 'cancel' || command !== '/usr/bin/osascript' || args[0] !== '-e' || !script)
      return spawn('/bin/sh', ['-c', 'echo "execution error: User canceled. (-128)" >&2; exit 1']);
    const shell = script[1]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
    return spawn('/bin/sh', ['-c', shell], { stdio: ['ignore', 'pipe', 'pipe'] });
  };
}

/** Two frames of the loopback sample: what the stand-in helper writes into its `-w` FIFO. */
const SAMPLE = readFileSync(resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap'));
const TWO_FRAMES = (() => {
  let at = 24;
  for (let i = 0; i < 2; i++) at += 16 + SAMPLE.readUInt32LE(at + 8);
  return SAMPLE.subarray(0, at);
})();

/** A stand-in tcpdump: records its argv, writes two frames, says it listens, stops on SIGINT. */
function standIn(): { path: string; argv: () => string[] } {
  const record = join(dir, 'argv.json');
  const path = join(dir, 'tcpdump');
  writeFileSync(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
if (!args.includes('-w')) process.exit(0); // -d (a filter check), -L (a rights probe)
fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(args));
const out = fs.openSync(args[args.indexOf('-w') + 1], 'w');
fs.writeSync(out, Buffer.from(${JSON.stringify(TWO_FRAMES.toString('base64'))}, 'base64'));
process.stderr.write('listening on ' + args[args.indexOf('-i') + 1] + ', link-type NULL\\n');
process.on('SIGINT', () => {
  process.stderr.write('2 packets captured\\n2 packets received by filter\\n0 packets dropped by kernel\\n');
  process.exit(0);
});
setTimeout(() => process.exit(3), 20000);
`,
    { mode: 0o755 },
  );
  return { path, argv: () => JSON.parse(readFileSync(record, 'utf8')) as string[] };
}

function elevatedDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('hammerhead-elevated-'));
}

describe.skipIf(!posix)('capture as administrator on macOS (platform injected)', () => {
  const canary = (n: number) => join(dir, `canary-${n}`);
  const hostile = {
    iface: `en0 $(touch ${canary(1)}) \`touch ${canary(2)}\` 'single' "double" \\ back\nnext; touch ${canary(3)}`,
    filter: `udp and host "10.0.0.1" or $(touch ${canary(4)}) or \`touch ${canary(5)}\` ' \\ \n $HOME !x`,
  };

  it('runs the helper through the authorization prompt, every argument whole, nothing run', async () => {
    engine = new Engine();
    const helper = standIn();
    const calls: string[][] = [];
    const before = elevatedDirs();
    const capture = new LocalCapture(engine, {
      platform: 'darwin',
      env: { [HELPER_ENV]: helper.path, PATH: process.env.PATH },
      spawnProgram: osascript(calls),
      statsIntervalMs: 0,
    });
    expect((await capture.readiness('lo')).canElevate).toBe(true);
    const { lanes } = await capture.start({
      interfaces: [hostile.iface],
      filter: hostile.filter,
      elevate: true,
    });
    const lane = lanes[0]!.lane;

    expect(calls).toHaveLength(1);
    const [program, flag, script, ...rest] = calls[0]!;
    expect([program, flag, rest]).toEqual(['/usr/bin/osascript', '-e', []]);
    expect(script).toMatch(/^do shell script ".*" with administrator privileges$/);
    expect(script).not.toMatch(/[\n\r]/);

    const argv = helper.argv();
    const fifo = argv[argv.indexOf('-w') + 1]!;
    expect(argv).toEqual([
      '-i',
      hostile.iface,
      '-n',
      '-w',
      fifo,
      '-U',
      '--immediate-mode',
      '-s',
      '0',
      '-B',
      '32768',
      '-Z',
      currentUser(),
      '--',
      hostile.filter,
    ]);
    expect(fifo).toMatch(/hammerhead-elevated-[^/]+\/pcap$/);
    for (let n = 1; n <= 5; n++) expect(existsSync(canary(n)), `canary ${n}`).toBe(false);

    await waitForLane(engine, lane, (info) => info.frames === 2);
    const pid = capture.helperPid(lane)!;
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain(hostile.filter);
    await engine.handle('capture.stop', { lane });
    await capture.ended(lane);
    expect(laneInfo(engine, lane)).toMatchObject({ state: 'done', frames: 2, error: null });
    expect(capture.captured(lane)).toBe(2);
    expect(existsSync(dirname(fifo))).toBe(false);
    expect(elevatedDirs()).toEqual(before);
  });

  it('starts nothing when the prompt is cancelled, and leaves no FIFO behind', async () => {
    engine = new Engine();
    const helper = standIn();
    const before = elevatedDirs();
    const capture = new LocalCapture(engine, {
      platform: 'darwin',
      env: { [HELPER_ENV]: helper.path, PATH: process.env.PATH },
      spawnProgram: osascript([], 'cancel'),
    });
    await expect(capture.start({ interfaces: ['en0'], filter: '', elevate: true })).rejects.toThrow(
      /password prompt was cancelled/,
    );
    expect((await engine.handle('lanes.list', {})).lanes).toEqual([]);
    expect(elevatedDirs()).toEqual(before);
  });
});

const why = captureUnavailable();

describe.skipIf(why !== null)(
  `the macOS path with the real tcpdump on lo${why ? ` (skipped: ${why})` : ''}`,
  () => {
    it('captures through the FIFOs, stops by the printed pid, and reads the final counters', async () => {
      engine = new Engine();
      const capture = new LocalCapture(engine, {
        platform: 'darwin',
        spawnProgram: osascript([]),
        statsIntervalMs: 0,
      });
      const port = freePort();
      const { lanes } = await capture.start({
        interfaces: ['lo'],
        filter: `udp port ${port}`,
        elevate: true,
      });
      const lane = lanes[0]!.lane;
      await sendUdp({ address: '127.0.0.1', port, count: 20 });
      await waitForLane(engine, lane, (info) => info.frames === 20);
      await engine.handle('capture.stop', { lane });
      await capture.ended(lane);
      expect(laneInfo(engine, lane)).toMatchObject({ state: 'done', frames: 20, error: null });
      expect(capture.captured(lane)).toBe(20);
    });
  },
);
