/**
 * Drag and drop in a browser: the page uploads the dropped file's bytes, gets a path back and opens
 * it through the contract like any other file.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openedClient, rawRequest, SAMPLE, startTestHost, type TestHost } from './web-support.js';

let running: TestHost | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(uploadLimitBytes?: number): Promise<TestHost> {
  running = await startTestHost(uploadLimitBytes === undefined ? {} : { uploadLimitBytes });
  return running;
}

function upload(query: string, body: Buffer, headers: Record<string, string> = {}) {
  const { host, origin } = running as TestHost;
  return rawRequest(host.port, `/upload?${query}`, {
    method: 'POST',
    body,
    headers: { Host: `127.0.0.1:${host.port}`, Origin: origin, ...headers },
  });
}

function uploadedPath(body: Buffer): string {
  return (JSON.parse(body.toString()) as { path: string }).path;
}

describe('web host: uploads', () => {
  it('stores the upload privately and the page opens it: 34 frames', async () => {
    const { host, origin } = await start();
    const bytes = await readFile(SAMPLE);
    const response = await upload(`token=${host.token}&name=loopback-http.pcap`, bytes);
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const path = uploadedPath(response.body);
    expect(await readFile(path)).toEqual(bytes);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const page = await openedClient(host.port, origin, host.token);
    const lane = await page.call('file.open', { path });
    expect(lane.title).toBe('loopback-http.pcap');
    await running?.engine.loaded(lane.lane);
    const { total } = await page.call('views.create', { lane: lane.lane, sort: null });
    expect(total).toBe(34);
  });

  it('keeps only the base name of what the browser calls the file', async () => {
    const { host } = await start();
    const name = encodeURIComponent('../../etc/evil\u0001.pcap');
    const path = uploadedPath((await upload(`token=${host.token}&name=${name}`, Buffer.from('x'))).body);
    expect(basename(path)).toBe('evil.pcap');
    const second = uploadedPath((await upload(`token=${host.token}&name=..`, Buffer.from('y'))).body);
    expect(basename(second)).toBe('upload.pcap');
    expect(dirname(dirname(second))).toBe(dirname(dirname(path)));
  });

  it('refuses an upload without the token, with a wrong token or from another origin', async () => {
    const { host } = await start();
    const body = Buffer.from('data');
    expect((await upload('name=a.pcap', body)).status).toBe(403);
    expect((await upload('token=wrong&name=a.pcap', body)).status).toBe(403);
    const evil = await upload(`token=${host.token}&name=a.pcap`, body, { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const rebound = await upload(`token=${host.token}&name=a.pcap`, body, {
      Host: `evil.example:${host.port}`,
    });
    expect(rebound.status).toBe(421);
  });

  it('refuses an upload over the size limit (413) and keeps nothing of it', async () => {
    const { host } = await start(1000);
    const response = await upload(`token=${host.token}&name=big.pcap`, Buffer.alloc(1001));
    expect(response.status).toBe(413);
    const chunked = await upload(`token=${host.token}&name=big.pcap`, Buffer.alloc(5000), {
      'Transfer-Encoding': 'chunked',
    });
    expect(chunked.status).toBe(413);
    const kept = await upload(`token=${host.token}&name=ok.pcap`, Buffer.alloc(1000));
    expect(kept.status).toBe(201);
    // Only the accepted upload's directory is left.
    expect(await readdir(dirname(dirname(uploadedPath(kept.body))))).toHaveLength(1);
  });

  it('refuses GET on the upload route', async () => {
    const { host } = await start();
    const response = await rawRequest(host.port, `/upload?token=${host.token}`, {
      headers: { Host: `127.0.0.1:${host.port}` },
    });
    expect(response.status).toBe(405);
  });

  it('removes uploads when the host closes', async () => {
    const { host } = await start();
    const path = uploadedPath((await upload(`token=${host.token}&name=a.pcap`, Buffer.from('z'))).body);
    await host.close();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(dirname(dirname(path)))).toBe(false);
  });
});
