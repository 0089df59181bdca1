/**
 * The engine over the web host's WebSocket: who is let in (token, Origin, Host), and a renderer's
 * full round trip on the bundled sample, against the real engine over real sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneInfo } from '../../shared/contract/index.js';
import {
  connect,
  openedClient,
  SAMPLE,
  startTestHost,
  type EngineClient,
  type TestHost,
} from './web-support.js';

let running: TestHost | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(): Promise<TestHost> {
  running = await startTestHost();
  return running;
}

async function client(): Promise<EngineClient> {
  const { host, origin } = running ?? (await start());
  return openedClient(host.port, origin, host.token);
}

describe('web host: who may open the engine socket', () => {
  it('refuses a connection without the token', async () => {
    const { host, origin } = await start();
    expect(await connect(host.port, { path: '/engine', origin })).toMatchObject({
      kind: 'refused',
      status: 403,
    });
  });

  it('refuses a wrong token, including one of the right length', async () => {
    const { host, origin } = await start();
    const sameLength = host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of ['nope', sameLength, `${host.token}x`]) {
      const result = await connect(host.port, { path: `/engine?token=${token}`, origin });
      expect(result).toMatchObject({ kind: 'refused', status: 403 });
    }
  });

  it('refuses the right token from another origin', async () => {
    const { host } = await start();
    const result = await connect(host.port, {
      path: `/engine?token=${host.token}`,
      origin: 'http://evil.example',
    });
    expect(result).toMatchObject({
      kind: 'refused',
      status: 403,
      body: expect.stringContaining('evil.example'),
    });
  });

  it('refuses the right token without an Origin header', async () => {
    const { host } = await start();
    const result = await connect(host.port, { path: `/engine?token=${host.token}` });
    expect(result).toMatchObject({
      kind: 'refused',
      status: 403,
      body: expect.stringContaining('missing Origin'),
    });
  });

  it('refuses a Host header that does not name this server (DNS rebinding)', async () => {
    const { host, origin } = await start();
    const result = await connect(host.port, {
      path: `/engine?token=${host.token}`,
      origin,
      headers: { Host: `evil.example:${host.port}` },
    });
    expect(result).toMatchObject({ kind: 'refused', status: 421 });
  });

  it('refuses any other upgrade path', async () => {
    const { host, origin } = await start();
    const result = await connect(host.port, { path: `/other?token=${host.token}`, origin });
    expect(result).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('accepts localhost as well as 127.0.0.1', async () => {
    const { host } = await start();
    const page = await openedClient(host.port, `http://localhost:${host.port}`, host.token);
    expect(await page.call('lanes.list', {})).toEqual({ lanes: [] });
  });
});

describe('web host: the contract over the socket', () => {
  it('opens the sample, waits for it to load and reads all 34 rows', async () => {
    const page = await client();
    const opened = await page.call('file.open', { path: SAMPLE });
    expect(opened).toMatchObject({ title: 'loopback-http.pcap', state: 'loading' });
    await page.waitFor(
      (m) =>
        m.type === 'event' &&
        m.channel === 'lane.progress' &&
        (m.payload as LaneInfo).lane === opened.lane &&
        (m.payload as LaneInfo).state === 'done',
    );
    const { view, total } = await page.call('views.create', { lane: opened.lane, sort: null });
    expect(total).toBe(34);
    const window = await page.call('packets.rows', { lane: opened.lane, view, start: 0, count: 100 });
    expect(window.rows).toHaveLength(34);
    expect(window.rows.map((row) => row.number)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
  });

  it('answers an invalid request with bad-request and keeps the socket open', async () => {
    const page = await client();
    const response = await page.request('file.open', { path: 42 } as never);
    expect(response).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await page.call('lanes.list', {})).toEqual({ lanes: [] });
  });

  it('answers malformed JSON like a malformed envelope (id -1) and keeps the socket open', async () => {
    const page = await client();
    page.socket.send('{"type": "request", "id": 1,');
    const response = await page.waitFor((m) => m.type === 'response' && m.id === -1);
    expect(response).toEqual({
      type: 'response',
      id: -1,
      ok: false,
      error: { code: 'bad-request', message: 'malformed JSON' },
    });
    expect(await page.call('lanes.list', {})).toEqual({ lanes: [] });
  });

  it('closes the socket on a binary message (1003)', async () => {
    const page = await client();
    page.socket.send(Buffer.from('{}'), { binary: true });
    expect((await page.closed).code).toBe(1003);
  });

  it('closes the socket on a message over 1 MiB (1009)', async () => {
    const page = await client();
    page.socket.send(
      JSON.stringify({ type: 'request', id: 1, channel: 'lanes.list', pad: 'x'.repeat(1 << 20) }),
    );
    expect((await page.closed).code).toBe(1009);
  });

  it('forwards events to every page, and one page leaving does not affect the other', async () => {
    const first = await client();
    const second = await client();
    first.close();
    await first.closed;
    const { lane } = await second.call('file.open', { path: SAMPLE });
    await second.waitFor((m) => m.type === 'event' && m.channel === 'lane.progress');
    await running?.engine.loaded(lane);
    expect(first.messages).toEqual([]);
  });

  it('tells connected pages it is going away when closed (1001)', async () => {
    const page = await client();
    await running?.host.close();
    expect((await page.closed).code).toBe(1001);
  });
});
