import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine, EngineError } from '../engine.js';
import { browserArgs, checkUrl, launchBrowser } from './browser-launch.js';
import type { Browser } from './browsers.js';
import { KeyStore } from './key-store.js';
import { parseKeyLog } from './keylog-parse.js';

const dir = mkdtempSync(join(tmpdir(), 'hammerhead-launch-'));
const started: number[] = [];
afterAll(() => {
  // Only the process groups these tests started (detached: each is its own group).
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const RANDOM = '5a'.repeat(32);
const SECRET = '6b'.repeat(48);

/** A "browser" that records its argv and SSLKEYLOGFILE, then logs one key as a browser would. */
function stubBrowser(name: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const path = join(bin, name);
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      'printf "%s\\n" "$@" > "$STUB_RECORD.args"',
      'printf "%s" "$SSLKEYLOGFILE" > "$STUB_RECORD.env"',
      `echo "CLIENT_RANDOM ${RANDOM} ${SECRET}" >> "$SSLKEYLOGFILE"`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

async function until(test: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('browser launch arguments', () => {
  it('accepts http and https addresses only, normalised', () => {
    expect(checkUrl(undefined)).toBeNull();
    expect(checkUrl('  ')).toBeNull();
    expect(checkUrl(' https://Example.COM/a b ')).toBe('https://example.com/a%20b');
    expect(checkUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'chrome://settings', 'ftp://x/'])
      expect(() => checkUrl(bad)).toThrow(/only http and https/);
    expect(() => checkUrl('--disable-web-security')).toThrow(
      new EngineError('bad-request', 'not a URL: "--disable-web-security"'),
    );
  });

  it('gives Chromium-family browsers and Firefox a fresh profile of their own', () => {
    const chromium: Browser = { kind: 'chromium', name: 'Chromium', path: '/usr/bin/chromium' };
    const firefox: Browser = { kind: 'firefox', name: 'Firefox', path: '/usr/bin/firefox' };
    expect(browserArgs(chromium, '/p', '/k', 'https://a/')).toEqual([
      '--user-data-dir=/p',
      '--no-first-run',
      '--no-default-browser-check',
      '--ssl-key-log-file=/k',
      'https://a/',
    ]);
    expect(browserArgs(firefox, '/p', '/k', null)).toEqual(['-no-remote', '-profile', '/p']);
  });
});

describe('launching a browser with key logging', () => {
  const savedPath = process.env.PATH;
  beforeAll(() => {
    stubBrowser('chromium');
    process.env.PATH = join(dir, 'bin');
    process.env.STUB_RECORD = join(dir, 'record');
  });
  afterAll(() => {
    process.env.PATH = savedPath;
    delete process.env.STUB_RECORD;
  });
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.dispose();
  });

  it('lists the stub, starts it with SSLKEYLOGFILE on a new 0600 file, and follows what it logs', async () => {
    const engine = new Engine();
    engines.push(engine);
    const events: unknown[] = [];
    engine.on((channel, payload) => channel === 'keys.changed' && events.push(payload));
    const path = join(dir, 'bin', 'chromium');
    expect(await engine.handle('keys.browsers', {})).toEqual({
      browsers: [{ kind: 'chromium', name: 'Chromium', path }],
    });
    const { source, pid } = await engine.handle('keys.launchBrowser', {
      kind: 'chromium',
      url: 'https://example.test/start',
    });
    started.push(pid);
    expect(source).toMatchObject({ kind: 'browser', label: `Chromium (pid ${pid})`, watching: true });
    const keyLog = source.path as string;
    await until(() => engine.keys.secrets(RANDOM) !== undefined);
    expect(engine.keys.list()[0]).toMatchObject({ sessions: 1, lines: 1, malformed: 0 });
    expect(events.at(-1)).toEqual({ sources: engine.keys.list() });
    expect(statSync(keyLog).mode & 0o777).toBe(0o600);
    const directory = join(keyLog, '..');
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(join(directory, 'profile')).mode & 0o777).toBe(0o700);
    await until(() => existsSync(join(dir, 'record.args')) && existsSync(join(dir, 'record.env')));
    await until(() => readFileSync(join(dir, 'record.env'), 'utf8') !== '');
    expect(readFileSync(join(dir, 'record.env'), 'utf8')).toBe(keyLog);
    expect(readFileSync(join(dir, 'record.args'), 'utf8').trimEnd().split('\n')).toEqual([
      `--user-data-dir=${join(directory, 'profile')}`,
      '--no-first-run',
      '--no-default-browser-check',
      `--ssl-key-log-file=${keyLog}`,
      'https://example.test/start',
    ]);
  });

  it('says no such browser, or why it could not start, and leaves no directory behind', async () => {
    const engine = new Engine();
    engines.push(engine);
    await expect(engine.handle('keys.launchBrowser', { kind: 'firefox' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'no firefox browser found on this machine',
    });
    await expect(
      engine.handle('keys.launchBrowser', { kind: 'chromium', url: 'file:///etc/passwd' }),
    ).rejects.toMatchObject({ code: 'bad-request' });
    const root = join(dir, 'root');
    mkdirSync(root);
    const missing: Browser = { kind: 'chrome', name: 'Google Chrome', path: join(dir, 'no-such-chrome') };
    await expect(launchBrowser(missing, { root })).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/^could not start Google Chrome \(.*no-such-chrome\): .*ENOENT/),
    });
    expect(readdirSync(root)).toEqual([]);
  });
});

const tools = ['chromium', 'unshare', 'openssl', 'ip'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);
const isolated = tools && spawnSync('unshare', ['-rn', 'true']).status === 0;
(isolated ? describe : describe.skip)(
  `real headless Chromium in a network namespace${isolated ? '' : ' (skipped: needs chromium, openssl, ip and unshare -rn)'}`,
  () => {
    it('logs the keys of its TLS connections to a local server into the key store', async () => {
      const work = join(dir, 'real');
      mkdirSync(work);
      const openssl = (args: string[]) => expect(spawnSync('openssl', args).status).toBe(0);
      openssl([
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
        ...[
          '-keyout',
          join(work, 'key.pem'),
          '-out',
          join(work, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ],
      ]);
      // The wrapper is the "browser": a namespace with loopback only (nothing can leave the machine),
      // openssl s_server inside it logging the same sessions from its side, then Chromium.
      const inner = join(work, 'inner.sh');
      writeFileSync(
        inner,
        [
          '#!/bin/sh',
          'ip link set lo up',
          `openssl s_server -accept 127.0.0.1:8443 -cert ${work}/cert.pem -key ${work}/key.pem -www -quiet -keylogfile ${work}/server.keys &`,
          'sleep 0.3',
          'chromium "$@"',
          'kill $!',
          '',
        ].join('\n'),
      );
      const wrapper = join(work, 'chromium-isolated');
      writeFileSync(wrapper, `#!/bin/sh\nexec unshare -rn sh ${inner} "$@"\n`);
      chmodSync(wrapper, 0o755);
      const keys = new KeyStore();
      try {
        const launched = await launchBrowser(
          { kind: 'chromium', name: 'Chromium', path: wrapper },
          {
            url: 'https://127.0.0.1:8443/',
            root: work,
            extraArgs: [
              '--headless',
              '--no-sandbox',
              '--disable-gpu',
              '--ignore-certificate-errors',
              '--dump-dom',
            ],
          },
        );
        started.push(launched.pid);
        await keys.addFile(launched.keyLog, { watch: true, kind: 'browser', pollMs: 50 });
        const serverKeys = join(work, 'server.keys');
        const serverRandoms = () =>
          existsSync(serverKeys)
            ? [...new Set(parseKeyLog(readFileSync(serverKeys, 'latin1')).entries.map((e) => e.clientRandom))]
            : [];
        type Entry = ReturnType<typeof parseKeyLog>['entries'][number];
        const line = (e: Entry) => `${e.label} ${e.clientRandom} ${Buffer.from(e.secret).toString('hex')}`;
        const serverLines = () =>
          existsSync(serverKeys)
            ? parseKeyLog(readFileSync(serverKeys, 'latin1')).entries.map(line).sort()
            : [];
        const storeLines = () => parseKeyLog(keys.keyLogFor(serverRandoms())).entries.map(line).sort();
        // Both logs grow while Chromium connects (it may open more than one connection): wait until the
        // browser and the server are gone (the wrapper stops the server after Chromium), then until the
        // store has read the file's end, and compare.
        await until(() => !existsSync(`/proc/${launched.pid}`), 30_000);
        await until(
          () =>
            serverRandoms().length > 0 &&
            serverRandoms().every((r) => keys.secrets(r)?.SERVER_TRAFFIC_SECRET_0) &&
            JSON.stringify(storeLines()) === JSON.stringify(serverLines()),
          30_000,
        );
        expect(storeLines()).toEqual(serverLines());
      } finally {
        keys.close();
      }
    }, 60_000);
  },
);
