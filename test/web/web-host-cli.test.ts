/**
 * `node out/web/host.js` as a user runs it (after a build), and its argument checks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../electron/web/args.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = resolve(ROOT, 'out/web/host.js');
const RENDERER = resolve(ROOT, 'out/renderer/index.html');
const LINE = /^Hammerhead web UI: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=[A-Za-z0-9_-]{43})$/;

describe('web host command line', () => {
  it('serves the built renderer, prints one address line and exits 0 on SIGTERM', async (context) => {
    const built = existsSync(BUNDLE) && existsSync(RENDERER);
    context.skip(!built, 'needs a build: run `node scripts/build.js && npx electron-vite build` first');
    // --no-open: a test must not start the desktop's browser.
    const child = spawn(process.execPath, [BUNDLE, '--port', '0', '--no-open'], { cwd: ROOT });
    const lines: string[] = [];
    try {
      const url = await firstLine(child, lines);
      expect(url).toMatch(LINE);
      const page = await fetch(url.replace(LINE, '$1'));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toMatch(/^<!doctype html>/i);
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
      expect(lines).toEqual([url]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('accepts --port, --host and --no-open', () => {
    expect(parseHostArgs([])).toEqual({ kind: 'run', args: { port: 0, host: '127.0.0.1', open: true } });
    expect(parseHostArgs(['--port', '8123', '--host', 'localhost', '--no-open'])).toEqual({
      kind: 'run',
      args: { port: 8123, host: 'localhost', open: false },
    });
  });

  it('refuses to bind beyond loopback, with a reason', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com']) {
      expect(parseHostArgs(['--host', host])).toEqual({
        kind: 'error',
        message: expect.stringContaining('serves this machine only'),
      });
    }
  });

  it('refuses bad ports and unknown options', () => {
    for (const port of ['-1', '65536', 'http', '1.5', '']) {
      expect(parseHostArgs(['--port', port])).toMatchObject({
        kind: 'error',
        message: expect.stringMatching(/--port/),
      });
    }
    expect(parseHostArgs(['--bind', 'x'])).toMatchObject({ kind: 'error' });
    expect(parseHostArgs(['extra'])).toMatchObject({ kind: 'error' });
  });
});

/** The first stdout line (all lines are collected in `lines`); stderr if the process exits first. */
function firstLine(child: ChildProcess, lines: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    reader.on('line', (line) => {
      lines.push(line);
      resolvePromise(line);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code} before printing: ${stderr}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
}
