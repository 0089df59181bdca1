/**
 * The web host's static files: the renderer directory and nothing else, with the security headers
 * on every response. Requests go out raw so that `..` reaches the server as the attacker wrote it.
 */
import { rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/contract/csp.js';
import { Engine } from '../../electron/engine/engine.js';
import { startWebHost } from '../../electron/web/server.js';
import { INDEX_HTML, rawRequest, startTestHost, type TestHost } from './web-support.js';

let running: TestHost | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(): Promise<TestHost> {
  running = await startTestHost();
  return running;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const port = running?.host.port ?? 0;
  return rawRequest(port, path, { method, headers: { Host: `127.0.0.1:${port}`, ...headers } });
}

describe('web host: static files', () => {
  it('serves index.html for / with the CSP and the other security headers', async () => {
    const { host } = await start();
    const response = await get(`/?token=${host.token}`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(INDEX_HTML);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `${RENDERER_CSP}; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('serves assets with their content type, and HEAD without a body', async () => {
    await start();
    const script = await get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const head = await get('/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(INDEX_HTML)));
    expect(head.body.length).toBe(0);
  });

  it('answers 404 for a file that is not there, with the security headers', async () => {
    await start();
    const response = await get('/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/')).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2E%2E/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/etc/passwd',
    '/..%5cpackage.json',
  ])('refuses the traversal %s', async (path) => {
    await start();
    const response = await get(path);
    expect([400, 403]).toContain(response.status);
    expect(response.body.toString()).not.toContain('"name"');
  });

  it('does not follow a symlink out of the renderer directory', async () => {
    const { rendererDir } = await start();
    const outside = join(rendererDir, '..', `outside-${process.pid}.txt`);
    await writeFile(outside, 'secret');
    try {
      await symlink(outside, join(rendererDir, 'escape.txt'));
      const response = await get('/escape.txt');
      expect(response.status).toBe(404);
      expect(response.body.toString()).not.toContain('secret');
    } finally {
      await rm(outside, { force: true });
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    await start();
    const response = await get('/index.html', {}, 'DELETE');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('refuses a Host header that does not name this server (421)', async () => {
    const { host } = await start();
    for (const name of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`]) {
      const response = await get('/', { Host: name });
      expect(response.status).toBe(421);
      expect(response.body.toString()).not.toContain('test page');
    }
    expect((await get('/', { Host: `localhost:${host.port}` })).status).toBe(200);
  });
});

describe('web host: start-up checks', () => {
  it('refuses a non-loopback address, a weak token and a missing renderer directory', async () => {
    const engine = new Engine();
    const rendererDir = tmpdir();
    await expect(startWebHost({ engine, rendererDir, host: '0.0.0.0' as never })).rejects.toThrow(
      /loopback only/,
    );
    await expect(startWebHost({ engine, rendererDir, token: 'short' })).rejects.toThrow(/at least 32/);
    await expect(startWebHost({ engine, rendererDir: join(rendererDir, 'no-such-dir-hh') })).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('uses a given strong token and a generated one of 43 base64url characters otherwise', async () => {
    const token = 'a'.repeat(43);
    running = await startTestHost({ token });
    expect(running.host.token).toBe(token);
    expect(running.host.url).toBe(`http://127.0.0.1:${running.host.port}/?token=${token}`);
    const other = await startTestHost();
    try {
      expect(other.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await other.stop();
    }
  });
});
