/**
 * End to end against OpenSSL: Node's TLS client and server talk on 127.0.0.1 through a TCP proxy that
 * keeps the bytes each way, and the server's `keylog` events give the secrets a browser's key log would.
 * The records are then opened with this module alone and must give back exactly what each side sent, for
 * every suite in the table this OpenSSL can negotiate (all but 3DES, which it is built without), TLS 1.0
 * to 1.3, CBC with and without encrypt-then-MAC. Certificates come from the openssl command line, as
 * test/lab does; without it these tests skip.
 */
import { constants } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceNobleChacha } from './chacha.js';
import { tls12KeyBlock } from './key-schedule.js';
import {
  converse,
  hasOpenssl,
  makeCertificates,
  nodeClient,
  opensslKeyUpdateClient,
  type Certificate,
} from './node-tls-support.js';
import { RecordDecrypter } from './record-decrypt.js';
import { suiteById, suiteName } from './suites.js';
import { hello, openTls12Side, openTls13Side } from './test-support.js';

let dir = '';
let certs: { readonly rsa: Certificate; readonly ec: Certificate };

beforeAll(() => {
  forceNobleChacha(true); // as in Electron
  if (!hasOpenssl) return;
  dir = mkdtempSync(join(tmpdir(), 'hammerhead-tls-crypto-'));
  certs = makeCertificates(dir);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Cert = 'rsa' | 'ec';
/** OpenSSL's name, the IANA number, the certificate it needs. */
const AEAD_12: readonly (readonly [string, number, Cert])[] = [
  ['ECDHE-RSA-AES128-GCM-SHA256', 0xc02f, 'rsa'],
  ['ECDHE-RSA-AES256-GCM-SHA384', 0xc030, 'rsa'],
  ['ECDHE-ECDSA-AES128-GCM-SHA256', 0xc02b, 'ec'],
  ['ECDHE-ECDSA-AES256-GCM-SHA384', 0xc02c, 'ec'],
  ['DHE-RSA-AES128-GCM-SHA256', 0x009e, 'rsa'],
  ['DHE-RSA-AES256-GCM-SHA384', 0x009f, 'rsa'],
  ['AES128-GCM-SHA256', 0x009c, 'rsa'],
  ['AES256-GCM-SHA384', 0x009d, 'rsa'],
  ['ECDHE-RSA-CHACHA20-POLY1305', 0xcca8, 'rsa'],
  ['ECDHE-ECDSA-CHACHA20-POLY1305', 0xcca9, 'ec'],
  ['DHE-RSA-CHACHA20-POLY1305', 0xccaa, 'rsa'],
];
const CBC_12: readonly (readonly [string, number, Cert])[] = [
  ['AES128-SHA', 0x002f, 'rsa'],
  ['AES256-SHA', 0x0035, 'rsa'],
  ['DHE-RSA-AES128-SHA', 0x0033, 'rsa'],
  ['DHE-RSA-AES256-SHA', 0x0039, 'rsa'],
  ['ECDHE-ECDSA-AES128-SHA', 0xc009, 'ec'],
  ['ECDHE-ECDSA-AES256-SHA', 0xc00a, 'ec'],
  ['ECDHE-RSA-AES128-SHA', 0xc013, 'rsa'],
  ['ECDHE-RSA-AES256-SHA', 0xc014, 'rsa'],
  ['AES128-SHA256', 0x003c, 'rsa'],
  ['AES256-SHA256', 0x003d, 'rsa'],
  ['DHE-RSA-AES128-SHA256', 0x0067, 'rsa'],
  ['DHE-RSA-AES256-SHA256', 0x006b, 'rsa'],
  ['ECDHE-ECDSA-AES128-SHA256', 0xc023, 'ec'],
  ['ECDHE-RSA-AES128-SHA256', 0xc027, 'rsa'],
  ['ECDHE-ECDSA-AES256-SHA384', 0xc024, 'ec'],
  ['ECDHE-RSA-AES256-SHA384', 0xc028, 'rsa'],
];
const TLS_VERSION: Readonly<Record<string, number>> = { TLSv1: 0x0301, 'TLSv1.1': 0x0302, 'TLSv1.2': 0x0303 };

/** Runs one TLS ≤ 1.2 connection and checks that both directions open to what was sent. */
async function checkTls12(openssl: string, id: number, cert: Cert, version: tls.SecureVersion, etm: boolean) {
  // SECLEVEL=0 lets OpenSSL 3 speak TLS 1.0/1.1 and SHA-1 suites at all.
  const options = {
    ciphers: `${openssl}@SECLEVEL=0`,
    minVersion: version,
    maxVersion: version,
    secureOptions: etm ? 0 : constants.SSL_OP_NO_ENCRYPT_THEN_MAC,
  };
  const talk = await converse({ ...certs[cert], ...options, dhparam: 'auto' }, nodeClient(options));
  const clientHello = hello(talk.c2s[0]!);
  const serverHello = hello(talk.s2c[0]!);
  expect(serverHello.suite).toBe(id);
  expect(suiteName(id)).toBe(talk.standardName);
  expect(serverHello.version).toBe(TLS_VERSION[version]);
  expect(talk.clientRandomInLog).toBe(clientHello.random.toString('hex'));
  const suite = suiteById(id)!;
  const encryptThenMac = serverHello.extensions.has(22);
  expect(encryptThenMac).toBe(etm && suite.blockSize > 0);

  const v = serverHello.version;
  const keys = tls12KeyBlock(
    v,
    suite,
    talk.keylog.get('CLIENT_RANDOM')!,
    clientHello.random,
    serverHello.random,
  )!;
  const client = openTls12Side(talk.c2s, RecordDecrypter.forTls12(v, suite, keys.client, { encryptThenMac }));
  const server = openTls12Side(talk.s2c, RecordDecrypter.forTls12(v, suite, keys.server, { encryptThenMac }));
  expect(client.app.equals(talk.clientData)).toBe(true);
  expect(server.app.equals(talk.serverData)).toBe(true);
  expect(server.types.at(-1)).toBe(21); // close_notify
}

describe.skipIf(!hasOpenssl)('TLS 1.2 connections with OpenSSL (needs the openssl command)', () => {
  it.each(AEAD_12)('%s decrypts both ways', async (openssl, id, cert) => {
    await checkTls12(openssl, id, cert, 'TLSv1.2', true);
  });

  it.each(CBC_12)(
    '%s decrypts both ways, encrypt-then-MAC and MAC-then-encrypt',
    async (openssl, id, cert) => {
      await checkTls12(openssl, id, cert, 'TLSv1.2', true);
      await checkTls12(openssl, id, cert, 'TLSv1.2', false);
    },
  );
});

describe.skipIf(!hasOpenssl)('TLS 1.0 and 1.1 connections with OpenSSL', () => {
  const cases = ['TLSv1', 'TLSv1.1'].flatMap((version) =>
    [CBC_12[6]!, CBC_12[3]!, CBC_12[0]!, CBC_12[5]!].map(
      ([name, id, cert]) => [version, name, id, cert] as const,
    ),
  );
  it.each(cases)(
    '%s %s decrypts both ways, with and without encrypt-then-MAC',
    async (version, name, id, cert) => {
      await checkTls12(name, id, cert, version as tls.SecureVersion, true);
      await checkTls12(name, id, cert, version as tls.SecureVersion, false);
    },
  );
});

describe.skipIf(!hasOpenssl)('TLS 1.3 connections with OpenSSL', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256', 0x1301],
    ['TLS_AES_256_GCM_SHA384', 0x1302],
    ['TLS_CHACHA20_POLY1305_SHA256', 0x1303],
  ] as const)('%s decrypts both ways, handshake and application traffic', async (name, id) => {
    const options = { ciphers: name, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } as const;
    const talk = await converse({ ...certs.rsa, ...options }, nodeClient(options));
    const serverHello = hello(talk.s2c[0]!);
    expect(serverHello.suite).toBe(id);
    expect(serverHello.extensions.get(43)?.readUInt16BE(0)).toBe(0x0304);
    expect(suiteName(id)).toBe(talk.standardName);
    const suite = suiteById(id)!;
    const log = (label: string) => talk.keylog.get(label)!;
    const client = openTls13Side(
      talk.c2s,
      suite,
      log('CLIENT_HANDSHAKE_TRAFFIC_SECRET'),
      log('CLIENT_TRAFFIC_SECRET_0'),
    );
    const server = openTls13Side(
      talk.s2c,
      suite,
      log('SERVER_HANDSHAKE_TRAFFIC_SECRET'),
      log('SERVER_TRAFFIC_SECRET_0'),
    );
    expect(client.app.equals(talk.clientData)).toBe(true);
    expect(server.app.equals(talk.serverData)).toBe(true);
    expect(client.types[0]).toBe(22); // Finished, under the handshake key
    expect(server.types.slice(0, 1)).toEqual([22]); // EncryptedExtensions … Finished
    expect(server.types).toContain(21); // close_notify
  });
});

describe.skipIf(!hasOpenssl)('TLS 1.3 KeyUpdate with openssl s_client', () => {
  it('follows both sides to their next traffic secrets', async () => {
    const options = {
      ciphers: 'TLS_AES_256_GCM_SHA384',
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
    } as const;
    const clientData = Buffer.from('hello before the update\nand after it\n');
    const serverData = Buffer.from('answered under the updated server key');
    const talk = await converse(
      { ...certs.rsa, ...options },
      opensslKeyUpdateClient('TLS_AES_256_GCM_SHA384'),
      clientData,
      serverData,
    );
    const suite = suiteById(0x1302)!;
    const log = (label: string) => talk.keylog.get(label)!;
    const client = openTls13Side(
      talk.c2s,
      suite,
      log('CLIENT_HANDSHAKE_TRAFFIC_SECRET'),
      log('CLIENT_TRAFFIC_SECRET_0'),
    );
    const server = openTls13Side(
      talk.s2c,
      suite,
      log('SERVER_HANDSHAKE_TRAFFIC_SECRET'),
      log('SERVER_TRAFFIC_SECRET_0'),
    );
    expect(client.keyUpdates).toBe(1);
    expect(server.keyUpdates).toBe(1);
    expect(client.app.toString()).toBe(clientData.toString());
    expect(server.app.toString()).toBe(serverData.toString());
  });
});
