/**
 * A helper does not outlive an engine that is killed (SIGKILL: no exit hook runs): the engine runs
 * in a process of its own (orphan-engine.ts, bundled for plain node), starts tcpdump on lo with a
 * filter nothing matches (so tcpdump never writes into the dead pipe and would live on), and is
 * killed; its watchdog must end the helper within a bounded time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAPER_NAME } from '../../electron/engine/capture/local-reaper.js';
import { captureUnavailable, freePort } from './support.js';

const why = captureUnavailable();
const ROOT = resolve(import.meta.dirname, '../..');

/** A live process's state letter from /proc, or null once it is gone (a zombie counts as gone). */
function state(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const letter = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return letter === 'Z' || letter === 'X' ? null : letter;
  } catch {
    return null;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** The watchdogs whose helper is `pid`. */
function reapersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter(
      (p) =>
        state(p) !== null && commandLine(p).includes(REAPER_NAME) && commandLine(p).includes(String(pid)),
    );
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline;) {
    if (state(pid) === null) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return state(pid) === null;
}

describe.skipIf(why !== null)(`an engine killed with SIGKILL${why ? ` (skipped: ${why})` : ''}`, () => {
  let dir: string;
  let script: string;
  let engine: ChildProcess | undefined;
  let helper: number | undefined;

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    // Inside the repository: the bundle finds the packages it leaves out (ssh2) in node_modules.
    dir = mkdtempSync(join(ROOT, 'out', 'orphan-'));
    script = join(dir, 'engine.mjs');
    await build({
      entryPoints: [resolve(import.meta.dirname, 'orphan-engine.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      external: ['ssh2'],
    });
  });

  afterAll(() => {
    engine?.kill('SIGKILL');
    if (helper !== undefined && state(helper) !== null) process.kill(helper, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes its tcpdump with it', async () => {
    engine = spawn(process.execPath, [script, `udp port ${freePort()} and udp port 1`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolveLine, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no helper pid in 20 s: ${out}`)), 20_000);
      engine!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (!out.includes('\n')) return;
        clearTimeout(timer);
        resolveLine(out.split('\n')[0]!);
      });
      engine!.on('exit', (code) => (clearTimeout(timer), reject(new Error(`engine exited ${code}: ${out}`))));
    });
    helper = (JSON.parse(line) as { helper: number }).helper;
    expect(commandLine(helper)[0]).toMatch(/tcpdump$/);
    expect(reapersOf(helper)).toHaveLength(1);

    engine.kill('SIGKILL');
    expect(await gone(engine.pid!, 2000)).toBe(true);
    expect(await gone(helper, 5000)).toBe(true);
    expect(reapersOf(helper)).toEqual([]);
  });
});
