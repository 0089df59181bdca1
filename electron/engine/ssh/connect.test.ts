/**
 * Connection failures, each with its own words, on loopback only (no packet leaves the machine):
 * refused, a name that does not resolve (the lookup is replaced, so no DNS query is sent), no
 * answer in time, a server that accepts and never speaks SSH, and one that speaks something else.
 */
import { createServer, type LookupFunction, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedHost } from './config.js';
import { connectSsh } from './connect.js';

function host(port: number, hostName = '127.0.0.1'): ResolvedHost {
  return {
    alias: hostName,
    hostName,
    user: 'ec2-user',
    port,
    identityFiles: [],
    identitiesOnly: true,
    identityAgent: null,
    proxyJump: [],
    userKnownHostsFiles: ['/dev/null'],
    globalKnownHostsFiles: [],
    strictHostKeyChecking: 'ask',
    hashKnownHosts: false,
    hostKeyAlias: null,
    connectTimeoutSeconds: null,
    resolvedBy: 'ssh-config',
  };
}

let server: Server | null = null;
const sockets = new Set<Socket>();
afterEach(() => {
  for (const socket of sockets) socket.destroy();
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function listen(onConnection: (socket: Socket) => void): Promise<number> {
  server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  return new Promise((resolve) =>
    server?.listen(0, '127.0.0.1', () => resolve((server?.address() as { port: number }).port)),
  );
}

async function freePort(): Promise<number> {
  const port = await listen(() => {});
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  server = null;
  return port;
}

const auth = { method: 'auto' } as const;

describe('connecting: each failure has its own message', () => {
  it('refused', async () => {
    const port = await freePort();
    await expect(connectSsh({ target: host(port), auth })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining(
        `127.0.0.1:${port} refused the connection: nothing listens on port ${port}`,
      ),
    });
  });

  it('unknown host name', async () => {
    const lookup: LookupFunction = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    await expect(
      connectSsh({ target: host(22, 'no-such-target.invalid'), auth, lookup }),
    ).rejects.toMatchObject({
      code: 'unknown-host-name',
      message: expect.stringContaining('unknown host name "no-such-target.invalid"'),
    });
  });

  it('timeout, before the TCP connection', async () => {
    const lookup: LookupFunction = () => {}; // never answers: nothing is sent anywhere
    await expect(
      connectSsh({ target: host(22, 'slow.invalid'), auth, lookup, connectTimeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining(
        'no answer from slow.invalid:22 within 0.3 s (timeout waiting for the TCP connection)',
      ),
    });
  });

  it('timeout, when the server never speaks SSH', async () => {
    const port = await listen(() => {});
    await expect(connectSsh({ target: host(port), auth, handshakeTimeoutMs: 400 })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('did not complete the SSH handshake in time'),
    });
  });

  it('a server that is not an SSH server', async () => {
    const port = await listen((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await expect(connectSsh({ target: host(port), auth, handshakeTimeoutMs: 2000 })).rejects.toMatchObject({
      code: 'handshake',
      message: expect.stringMatching(/127\.0\.0\.1:\d+/),
    });
  });
});
