/**
 * Decryption on conversations recorded here (tls-recorded.fixture.ts: Node's TLS client and server): TLS 1.3
 * with each suite, TLS 1.2 AEAD and CBC with and without encrypt-then-MAC, ChaCha20 through @noble/ciphers
 * as in Electron, HTTP/1.1 inside split over records and segments; keys that come later; wrong keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceNobleChacha } from '../tls-crypto/chacha.js';
import { parseKeyLog } from '../tls-keys/keylog-parse.js';
import type { KeyLookup, TlsSecrets } from '../tls-keys/secrets.js';
import type { SummaryOut } from './index.js';
import { TcpConversation } from './stream-test-support.js';
import { TestLane } from './test-support.js';
import { sessionState } from './tls-decrypt.js';
import { recordSession, serverContext, type Recorded, type SessionOptions } from './tls-recorded.fixture.js';

function lookup(keyLog: string): KeyLookup {
  const map = new Map<string, Record<string, Uint8Array>>();
  for (const entry of parseKeyLog(keyLog).entries)
    map.set(entry.clientRandom, { ...map.get(entry.clientRandom), [entry.label]: entry.secret });
  return { secrets: (hex) => map.get(hex) as TlsSecrets | undefined, generation: 1 };
}

const BODY = 'x'.repeat(6000);
const EXCHANGES = [
  { request: 'GET /first HTTP/1.1\r\nHost: app.example.test\r\n\r\n', response: response('hello') },
  {
    request: 'POST /second HTTP/1.1\r\nHost: app.example.test\r\nContent-Length: 4\r\n\r\nping',
    response: response(BODY),
  },
];

function response(body: string): string {
  return `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

/** The recorded writes as TCP segments of at most 1448 bytes, into a lane with `keys` (or into `lane`). */
function replay(
  recorded: Recorded,
  keys?: KeyLookup | TestLane,
  port = 50123,
): { c: TcpConversation; rows: SummaryOut[] } {
  const c = new TcpConversation(port, 443, 1000, 5000, true, keys);
  const rows: SummaryOut[] = [];
  for (const { side, bytes } of recorded.writes)
    for (let at = 0; at < bytes.length; at += 1448) {
      const segment = bytes.subarray(at, Math.min(bytes.length, at + 1448));
      rows.push(side === 0 ? c.fromClient(segment) : c.fromServer(segment));
    }
  return { c, rows };
}

function httpRows(rows: readonly SummaryOut[]): string[] {
  return rows.filter((r) => r.protocol === 'HTTP').map((r) => r.info);
}

const SUITES: readonly [string, SessionOptions][] = [
  [
    'TLS 1.3 AES-128-GCM',
    {
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ciphersuites: 'TLS_AES_128_GCM_SHA256',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.3 AES-256-GCM',
    {
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ciphersuites: 'TLS_AES_256_GCM_SHA384',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.3 ChaCha20-Poly1305',
    {
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ciphersuites: 'TLS_CHACHA20_POLY1305_SHA256',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.2 ECDHE AES-128-GCM',
    {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.2 ECDHE AES-256-GCM',
    {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES256-GCM-SHA384',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.2 ECDHE ChaCha20-Poly1305',
    {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-CHACHA20-POLY1305',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.2 RSA AES-128-GCM',
    { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256', exchanges: EXCHANGES },
  ],
  [
    'TLS 1.2 AES-128-CBC-SHA (encrypt-then-MAC)',
    { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA', exchanges: EXCHANGES },
  ],
  [
    'TLS 1.2 AES-128-CBC-SHA256 (MAC-then-encrypt)',
    {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-SHA256',
      encryptThenMac: false,
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.2 AES-256-CBC-SHA384',
    {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES256-SHA384',
      exchanges: EXCHANGES,
    },
  ],
  [
    'TLS 1.2 with ALPN http/1.1 on 443',
    {
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256',
      alpn: 'http/1.1',
      exchanges: EXCHANGES,
    },
  ],
];

describe('decrypting recorded TLS sessions', () => {
  // As in Electron, whose BoringSSL has no chacha20-poly1305 cipher for createDecipheriv.
  beforeAll(() => forceNobleChacha(true));
  afterAll(() => forceNobleChacha(false));

  for (const [name, options] of SUITES)
    it(`${name}: HTTP/1.1 inside, every record decrypted, details show the plaintext`, async () => {
      const recorded = await recordSession(options);
      const { c, rows } = replay(recorded, lookup(recorded.keyLog));
      expect(httpRows(rows)).toEqual([
        'GET /first HTTP/1.1 ',
        'HTTP/1.1 200 OK  (text/plain)',
        'POST /second HTTP/1.1 ',
        'HTTP/1.1 200 OK  (text/plain)',
      ]);
      const sessions = [...c.lane.dissector.tlsSessions().byStream.values()];
      expect(sessions.map((s) => sessionState(s))).toEqual(['decrypted']);
      const last = rows.findLastIndex((r) => r.protocol === 'HTTP') + 4;
      const details = c.lane.details(last);
      expect(details.sources?.some((s) => s.name.startsWith('Decrypted TLS'))).toBe(true);
      expect(details.layers.some((l) => l.id === 'http')).toBe(true);
      // Rows are derived again later (the store keeps no Info): the same columns.
      expect(c.lane.replay(last).info).toBe(rows[last - 4]?.info);
    });
});

describe('when decryption cannot happen', () => {
  const options = SUITES[0]?.[1] as SessionOptions;

  it('without keys the rows stay Application Data and the session says no key', async () => {
    const recorded = await recordSession(options);
    const { c, rows } = replay(recorded);
    expect(httpRows(rows)).toEqual([]);
    const [session] = c.lane.dissector.tlsSessions().byStream.values();
    expect(session?.decryption?.failure?.reason).toBe('no key');
  });

  it('a wrong secret gives bad record MAC/tag on the first record, and dissection goes on', async () => {
    const recorded = await recordSession(options);
    const wrong = recorded.keyLog.replace(
      /(SERVER_HANDSHAKE_TRAFFIC_SECRET \S+ )(\S)/,
      (_, head: string, c: string) => head + (c === 'a' ? 'b' : 'a'),
    );
    const { c, rows } = replay(recorded, lookup(wrong));
    const [session] = c.lane.dissector.tlsSessions().byStream.values();
    expect(session?.decryption?.failure?.reason).toBe('bad record MAC/tag');
    expect(session && sessionState(session)).toBe('partial');
    expect(rows.length).toBeGreaterThan(5);
  });

  it('a key log with only the application secrets still decrypts the application data', async () => {
    const recorded = await recordSession(options);
    const onlyTraffic = recorded.keyLog
      .split('\n')
      .filter((line) => line.includes('TRAFFIC_SECRET_0'))
      .join('\n');
    const { rows } = replay(recorded, lookup(onlyTraffic));
    expect(httpRows(rows)).toHaveLength(4);
  });
});

describe('resumed TLS 1.2 sessions', () => {
  for (const by of ['ticket', 'session id'] as const)
    it(`by ${by}: decrypted with the master secret of the session it resumes, absent from the key log`, async () => {
      const options: SessionOptions = {
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ciphers: 'ECDHE-RSA-AES128-GCM-SHA256',
        noTickets: by === 'session id',
        exchanges: EXCHANGES,
      };
      const context = serverContext(options);
      const first = await recordSession({ ...options, context });
      expect(first.session).not.toBeNull();
      const second = await recordSession({
        ...options,
        resume: { session: first.session as Buffer, context },
      });
      expect(second.resumed).toBe(true);
      const lane = new TestLane(lookup(first.keyLog));
      replay(first, lane, 50001);
      const { rows } = replay(second, lane, 50002);
      expect(httpRows(rows)).toHaveLength(4);
      const sessions = [...lane.dissector.tlsSessions().byStream.values()];
      expect(sessions.map((s) => sessionState(s))).toEqual(['decrypted', 'decrypted']);
      expect(sessions[1]?.decryption?.secretsFound[0]).toContain(`resumed by ${by}`);
    });
});
