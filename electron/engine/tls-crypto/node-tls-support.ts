/**
 * Real TLS conversations for the tests: a client and a server on 127.0.0.1 talk through a TCP proxy that
 * keeps the bytes each way, and the server's `keylog` events give the secrets a browser's key log would.
 * The client is Node's TLS, or `openssl s_client` for what Node cannot do (KeyUpdate). Certificates come
 * from the openssl command line, as test/lab does.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { expect } from 'vitest';
import { records, type Rec } from './test-support.js';

export const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
})();

export interface Conversation {
  readonly c2s: Rec[];
  readonly s2c: Rec[];
  /** Key log label → secret (one connection, so one client random). */
  readonly keylog: Map<string, Buffer>;
  readonly clientRandomInLog: string;
  readonly clientData: Buffer;
  readonly serverData: Buffer;
  readonly standardName: string;
}

function relay(from: net.Socket, to: net.Socket, log: Buffer[], onData = (_: number) => {}): void {
  from.on('data', (d: Buffer) => {
    log.push(d);
    onData(d.length);
    // A peer may still send (its close_notify) after the other one closed: keep it, drop it.
    if (to.writable) to.write(d);
  });
  from.on('end', () => to.end());
  from.on('error', () => to.destroy());
}

async function listen(server: net.Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as net.AddressInfo).port;
}

/** What the server has read, and what the client has put on the wire, for a driver that paces itself. */
export class ServerSide extends EventEmitter {
  received = 0;
  wire = 0;
  async until(bytes: number, counter: 'received' | 'wire' = 'received'): Promise<void> {
    while (this[counter] < bytes) await once(this, 'data');
  }
}

/** Connects to `port`, sends `clientData`, checks it got `serverData`; gives the suite name. */
export type ClientDriver = (
  port: number,
  clientData: Buffer,
  serverData: Buffer,
  server: ServerSide,
) => Promise<string>;

export function nodeClient(options: tls.ConnectionOptions): ClientDriver {
  return async (port, clientData, serverData) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    const received: Buffer[] = [];
    let standardName = '';
    socket.on('secureConnect', () => {
      standardName = socket.getCipher().standardName;
      socket.write(clientData);
    });
    socket.on('data', (d: Buffer) => received.push(d));
    socket.on('end', () => socket.end());
    await once(socket, 'close');
    expect(Buffer.concat(received).equals(serverData)).toBe(true);
    return standardName;
  };
}

/**
 * One connection through the recording proxy. The server answers `serverData` once it has all of
 * `clientData`, then closes.
 */
export async function converse(
  server: tls.TlsOptions,
  client: ClientDriver,
  clientData = randomBytes(20_000),
  serverData = randomBytes(5_000),
): Promise<Conversation> {
  const keylog = new Map<string, Buffer>();
  let clientRandomInLog = '';
  const c2s: Buffer[] = [];
  const s2c: Buffer[] = [];
  const closed: Promise<unknown>[] = [];
  const serverSide = new ServerSide();
  const tlsServer = tls.createServer(server, (socket) => {
    socket.on('data', (d: Buffer) => {
      serverSide.received += d.length;
      serverSide.emit('data');
      if (serverSide.received === clientData.length) socket.end(serverData);
    });
    socket.on('error', () => undefined);
  });
  tlsServer.on('keylog', (line: Buffer) => {
    const [label, random, secret] = line.toString('latin1').trim().split(' ');
    keylog.set(label!, Buffer.from(secret!, 'hex'));
    clientRandomInLog = random!;
  });
  const proxy = net.createServer((inbound) => {
    const outbound = net.connect(tlsPort, '127.0.0.1');
    relay(inbound, outbound, c2s, (n) => {
      serverSide.wire += n;
      serverSide.emit('data');
    });
    relay(outbound, inbound, s2c);
    closed.push(once(inbound, 'close'), once(outbound, 'close'));
  });
  const tlsPort = await listen(tlsServer);
  const proxyPort = await listen(proxy);
  try {
    const standardName = await client(proxyPort, clientData, serverData, serverSide);
    await Promise.all(closed);
    const [c, s] = [records(Buffer.concat(c2s)), records(Buffer.concat(s2c))];
    return { c2s: c, s2c: s, keylog, clientRandomInLog, clientData, serverData, standardName };
  } finally {
    tlsServer.close();
    proxy.close();
  }
}

/**
 * `openssl s_client` as the client, for what Node cannot do: send a KeyUpdate. A line "K" on its input
 * sends one with update_requested, so the server updates its keys too. `clientData` is sent line by
 * line, the KeyUpdate after the first; each write waits for the server to have the previous one.
 */
export function opensslKeyUpdateClient(ciphersuite: string): ClientDriver {
  return async (port, clientData, serverData, server) => {
    const args = ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_3', '-ciphersuites', ciphersuite];
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    const exited = once(child, 'exit');
    const [first, second] = clientData.toString('latin1').split(/(?<=\n)/);
    try {
      child.stdin.write(first!);
      await server.until(first!.length);
      // s_client takes a line as a command only when it comes alone in a read: wait for the
      // KeyUpdate record to leave before writing the next line.
      const sent = server.wire;
      child.stdin.write('K\n');
      await server.until(sent + 1, 'wire');
      child.stdin.write(second!);
      await exited;
    } finally {
      child.kill();
    }
    expect(Buffer.concat(out).includes(serverData)).toBe(true);
    return ciphersuite;
  };
}

export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

/** A self-signed RSA 2048 and an ECDSA P-256 certificate for localhost, written under `dir`. */
export function makeCertificates(dir: string): { readonly rsa: Certificate; readonly ec: Certificate } {
  const make = (kind: string, key: readonly string[]): Certificate => {
    const [keyFile, certFile] = [join(dir, `${kind}.key`), join(dir, `${kind}.pem`)];
    // prettier-ignore
    execFileSync('openssl', ['req', '-x509', ...key, '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  };
  return {
    rsa: make('rsa', ['-newkey', 'rsa:2048']),
    ec: make('ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']),
  };
}
