/**
 * Real TLS conversations made here, for the decryption tests: Node's own TLS client and server talk over an
 * in-memory pipe that records every byte each side writes, in order, with the key log the client emits.
 * The test then replays the bytes as TCP segments into a lane. No network, no corpus: fixtures of our own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import tls from 'node:tls';

export interface Recorded {
  /** Writes in the order they happened: 0 from the client, 1 from the server. */
  readonly writes: { readonly side: 0 | 1; readonly bytes: Uint8Array }[];
  /** The client's NSS key log lines. */
  readonly keyLog: string;
  /** The client's session to resume with later (`SessionOptions.resume`), and whether this one resumed. */
  readonly session: Buffer | null;
  readonly resumed: boolean;
}

export interface Exchange {
  readonly request: string;
  readonly response: string;
}

export interface SessionOptions {
  readonly minVersion: tls.SecureVersion;
  readonly maxVersion: tls.SecureVersion;
  /** OpenSSL names: `ciphers` for TLS ≤ 1.2, `ciphersuites` for 1.3. */
  readonly ciphers?: string;
  readonly ciphersuites?: string;
  readonly alpn?: string;
  /** OpenSSL's encrypt_then_mac for CBC suites (on by default). */
  readonly encryptThenMac?: boolean;
  readonly exchanges: readonly Exchange[];
  /** A session of an earlier connection to resume, with the server that knows it. */
  readonly resume?: { readonly session: Buffer; readonly context: FixtureServer };
  /** Server side: resume by session id (its cache) rather than by ticket. */
  readonly noTickets?: boolean;
  /** The server (kept to resume a session later); made from the options when absent. */
  readonly context?: FixtureServer;
}

/** What a server needs to resume sessions across connections: the same options, cache and ticket keys. */
export interface FixtureServer {
  readonly options: tls.TlsOptions;
  readonly cache: Map<string, Buffer>;
}

/** OpenSSL's SSL_OP_NO_ENCRYPT_THEN_MAC and SSL_OP_NO_TICKET. */
const NO_ENCRYPT_THEN_MAC = 0x80000;
const NO_TICKET = 0x4000;

/** A server for `options` (pass it again in `resume` so that the server knows the session). */
export function serverContext(options: SessionOptions): FixtureServer {
  const { key, cert } = serverCredentials();
  return {
    options: {
      key,
      cert,
      minVersion: options.minVersion,
      maxVersion: options.maxVersion,
      ...(options.ciphers && { ciphers: options.ciphers }),
      ...(options.ciphersuites && { ciphersuites: options.ciphersuites }),
      secureOptions:
        (options.encryptThenMac === false ? NO_ENCRYPT_THEN_MAC : 0) | (options.noTickets ? NO_TICKET : 0),
      sessionIdContext: 'hammerhead-fixture',
      ticketKeys: randomBytes(48),
      ...(options.alpn && { ALPNProtocols: [options.alpn] }),
    },
    cache: new Map(),
  };
}

let credentials: { key: Buffer; cert: Buffer } | null = null;

/** A throwaway self-signed certificate (openssl is installed by scripts/install-deps.sh). */
function serverCredentials(): { key: Buffer; cert: Buffer } {
  if (credentials) return credentials;
  const dir = mkdtempSync(join(tmpdir(), 'hh-tls-fixture-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    const key = spawnSync(
      'openssl',
      ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile],
      {
        timeout: 30_000,
      },
    );
    if (key.status !== 0) throw new Error(`openssl genpkey failed: ${key.stderr}`);
    const subject = '/CN=app.example.test';
    const cert = spawnSync(
      'openssl',
      ['req', '-x509', '-key', keyFile, '-out', certFile, '-days', '2', '-subj', subject],
      {
        timeout: 30_000,
      },
    );
    if (cert.status !== 0) throw new Error(`openssl req failed: ${cert.stderr}`);
    credentials = { key: readFileSync(keyFile), cert: readFileSync(certFile) };
    return credentials;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The server end: a tls.Server handed the in-memory socket, so that its `newSession`/`resumeSession`
 * events can keep the session-id cache resumption by id needs (Node turns OpenSSL's own cache off).
 */
function serverSocket(end: Duplex, fixture: FixtureServer): Promise<tls.TLSSocket> {
  const server = tls.createServer(fixture.options);
  server.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
    fixture.cache.set(id.toString('hex'), data);
    done();
  });
  server.on('resumeSession', (id: Buffer, done: (error: Error | null, data: Buffer | null) => void) =>
    done(null, fixture.cache.get(id.toString('hex')) ?? null),
  );
  const connected = new Promise<tls.TLSSocket>((done, fail) => {
    server.once('secureConnection', done);
    server.once('tlsClientError', fail);
  });
  server.emit('connection', end);
  return connected;
}

/** Two connected in-memory ends; every write is recorded with its side. */
function recordingPipe(writes: Recorded['writes']): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (side: 0 | 1): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        writes.push({ side, bytes: new Uint8Array(chunk) });
        ends[1 - side]?.push(chunk);
        done();
      },
      final(done) {
        ends[1 - side]?.push(null);
        done();
      },
    });
  ends.push(make(0), make(1));
  return [ends[0] as Duplex, ends[1] as Duplex];
}

/** Runs one TLS connection: the client sends each request, the server answers each with its response. */
export async function recordSession(options: SessionOptions): Promise<Recorded> {
  const writes: Recorded['writes'] = [];
  const [clientEnd, serverEnd] = recordingPipe(writes);
  const secureOptions = options.encryptThenMac === false ? NO_ENCRYPT_THEN_MAC : 0;
  const serverReady = serverSocket(
    serverEnd,
    options.resume?.context ?? options.context ?? serverContext(options),
  );
  const keyLog: string[] = [];
  const client = tls.connect({
    socket: clientEnd,
    servername: 'app.example.test',
    rejectUnauthorized: false,
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,
    ...(options.ciphers && { ciphers: options.ciphers }),
    ...(options.ciphersuites && { ciphersuites: options.ciphersuites }),
    ...(options.alpn && { ALPNProtocols: [options.alpn] }),
    secureOptions,
    ...(options.resume && { session: options.resume.session }),
  });
  let session: Buffer | null = null;
  client.on('session', (s: Buffer) => (session = s));
  client.on('keylog', (line: Buffer) => keyLog.push(line.toString('latin1')));
  await new Promise<void>((done, fail) => {
    client.once('secureConnect', () => done());
    client.once('error', fail);
  });
  const server = await serverReady;
  const responses = [...options.exchanges.map((e) => e.response)];
  let received = '';
  server.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    for (const exchange of options.exchanges)
      if (received.includes(exchange.request) && responses[0] === exchange.response) {
        received = received.slice(received.indexOf(exchange.request) + exchange.request.length);
        server.write(responses.shift() ?? '');
      }
  });
  const expected = options.exchanges.reduce((n, e) => n + Buffer.byteLength(e.response, 'latin1'), 0);
  let got = 0;
  const answered = new Promise<void>((done) =>
    client.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= expected) done();
    }),
  );
  for (const exchange of options.exchanges) client.write(exchange.request);
  await answered;
  const resumed = client.isSessionReused();
  client.end();
  await new Promise((done) => setTimeout(done, 20));
  server.destroy();
  client.destroy();
  return { writes, keyLog: keyLog.join(''), session, resumed };
}
