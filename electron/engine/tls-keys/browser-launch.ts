/**
 * "Launch a browser with key logging": the browser is started with SSLKEYLOGFILE naming a new file
 * that only the user can read (0600, in a 0700 directory of its own), which the key store then
 * follows.
 *
 * The profile is new too. A browser already running with the user's profile would otherwise take the
 * launch over: the new process hands its URL to the running one and exits, and the running one, started
 * without SSLKEYLOGFILE, logs nothing. A fresh profile is also free of the user's cookies and sessions.
 *
 * The browser is the user's from then on: started detached, not waited for, never killed by us.
 * Its directory stays after it exits, so the log can still be read (and saved) later.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../engine.js';
import type { Browser } from './browsers.js';

export interface LaunchOptions {
  readonly url?: string;
  /** Where the private directory is made; the system's temporary directory by default. */
  readonly root?: string;
  /** More switches (tests run Chromium headless). */
  readonly extraArgs?: readonly string[];
}

export interface LaunchedBrowser {
  readonly pid: number;
  /** The key log the browser writes (SSLKEYLOGFILE). */
  readonly keyLog: string;
  /** The private directory holding the key log and the profile. */
  readonly directory: string;
}

/** The URL to open, if any: web addresses only (no file:, no javascript:, no switches in disguise). */
export function checkUrl(url: string | undefined): string | null {
  if (url === undefined || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new EngineError('bad-request', `not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new EngineError(
      'bad-request',
      `only http and https addresses can be opened, not ${parsed.protocol}`,
    );
  return parsed.href;
}

/** The command line: a fresh profile, and no first-run screens in the way of the page. */
export function browserArgs(browser: Browser, profile: string, keyLog: string, url: string | null): string[] {
  const page = url === null ? [] : [url];
  if (browser.kind === 'firefox') return ['-no-remote', '-profile', profile, ...page];
  return [
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium reads SSLKEYLOGFILE too; the switch also covers wrappers that clean the environment.
    `--ssl-key-log-file=${keyLog}`,
    ...page,
  ];
}

export async function launchBrowser(browser: Browser, options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const url = checkUrl(options.url);
  const directory = await mkdtemp(join(options.root ?? tmpdir(), 'hammerhead-keylog-'));
  try {
    await chmod(directory, 0o700);
    const keyLog = join(directory, 'sslkeys.log');
    // Created before the browser starts, so that it is ours and 0600 whatever the browser's umask.
    await (await open(keyLog, 'wx', 0o600)).close();
    await chmod(keyLog, 0o600);
    const profile = join(directory, 'profile');
    await mkdir(profile, { mode: 0o700 });
    const args = [...(options.extraArgs ?? []), ...browserArgs(browser, profile, keyLog, url)];
    const pid = await start(browser, args, keyLog);
    return { pid, keyLog, directory };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** Spawns without a shell; resolves with the pid once the process exists. */
function start(browser: Browser, args: readonly string[], keyLog: string): Promise<number> {
  const child = spawn(browser.path, args, {
    env: { ...process.env, SSLKEYLOGFILE: keyLog },
    stdio: 'ignore',
    detached: true,
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error) =>
      reject(new EngineError('io', `could not start ${browser.name} (${browser.path}): ${error.message}`)),
    );
    child.once('spawn', () => {
      // Later errors (none are expected once it runs) must not crash the engine.
      child.on('error', () => undefined);
      child.unref();
      resolve(child.pid as number);
    });
  });
}
