/**
 * The shared corpus's keyed TLS captures (OpenSSL s_client/s_server recordings from Voev/snet, with their
 * NSS key logs): every protected record of both directions must open with the keys the log gives. The
 * capture is read just enough for that: classic pcap, Ethernet, IPv4, one TCP connection in order.
 * Decrypting captures for the user is the TLS dissector's job; this only checks the crypto on real files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { forceNobleChacha } from './chacha.js';
import { tls12KeyBlock } from './key-schedule.js';
import { RecordDecrypter } from './record-decrypt.js';
import { suiteById } from './suites.js';
import { hello, openTls12Side, openTls13Side, records } from './test-support.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const CORPUS = resolve(REPO, '../shared/corpus');
const haveCorpus = existsSync(join(CORPUS, 'captures'));

beforeAll(() => forceNobleChacha(true));

/** Ethernet frames of a classic pcap or a pcapng file (little-endian, as these are). */
function* frames(file: Buffer): Generator<Buffer> {
  if (file.readUInt32LE(0) === 0xa1b2c3d4) {
    expect(file.readUInt32LE(20)).toBe(1); // LINKTYPE_ETHERNET
    for (let at = 24; at + 16 <= file.length; at += 16 + file.readUInt32LE(at + 8)) {
      yield file.subarray(at + 16, at + 16 + file.readUInt32LE(at + 8));
    }
    return;
  }
  expect(file.readUInt32LE(8)).toBe(0x1a2b3c4d); // pcapng section header, little-endian
  for (let at = 0; at + 12 <= file.length; at += file.readUInt32LE(at + 4)) {
    const type = file.readUInt32LE(at);
    if (type === 1) expect(file.readUInt16LE(at + 8)).toBe(1); // interface: Ethernet
    if (type === 6) yield file.subarray(at + 28, at + 28 + file.readUInt32LE(at + 20)); // enhanced packet
  }
}

/** Each TCP connection's payload both ways (client first: the side that sent the SYN), in order. */
function connections(file: Buffer): { c2s: Buffer; s2c: Buffer }[] {
  const sides = new Map<string, { next: number; chunks: Buffer[]; client: boolean }>();
  for (const frame of frames(file)) {
    if (frame.readUInt16BE(12) !== 0x0800 || frame[23] !== 6) continue; // IPv4 carrying TCP
    const ip = frame.subarray(14, 14 + frame.readUInt16BE(16));
    const tcp = ip.subarray((ip[0]! & 0x0f) * 4);
    const payload = tcp.subarray((tcp[12]! >> 4) * 4);
    const [key, seq, flags] = [
      `${tcp.readUInt16BE(0)}>${tcp.readUInt16BE(2)}`,
      tcp.readUInt32BE(4),
      tcp[13]!,
    ];
    const side = sides.get(key) ?? { next: seq, chunks: [], client: false };
    sides.set(key, side);
    if (flags & 0x02) Object.assign(side, { next: (seq + 1) >>> 0, client: !(flags & 0x10) }); // SYN
    if (payload.length === 0 || seq !== side.next) continue; // retransmitted or out of order
    side.chunks.push(payload);
    side.next = (seq + payload.length) >>> 0;
  }
  return [...sides]
    .filter(([, side]) => side.client)
    .map(([key, side]) => ({
      c2s: Buffer.concat(side.chunks),
      s2c: Buffer.concat(sides.get(key.split('>').reverse().join('>'))?.chunks ?? []),
    }));
}

/** NSS key log lines for one client random: label → secret. */
function keysFor(log: string, clientRandom: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [label, random, secret] of log.split('\n').map((l) => l.trim().split(/\s+/))) {
    if (random?.toLowerCase() === clientRandom && secret) out.set(label!, Buffer.from(secret, 'hex'));
  }
  return out;
}

/** A connection's records, hellos and key log entries. */
function session(c2sBytes: Buffer, s2cBytes: Buffer, log: string) {
  const [c2s, s2c] = [records(c2sBytes), records(s2cBytes)];
  const clientHello = hello(c2s[0]!);
  const serverHello = hello(s2c[0]!);
  const keys = keysFor(log, clientHello.random.toString('hex'));
  return { c2s, s2c, clientHello, serverHello, keys, suite: suiteById(serverHello.suite!) };
}

function load(base: string, extension = 'pcap') {
  const file = readFileSync(join(CORPUS, 'captures', `${base}.${extension}`));
  const log = readFileSync(join(CORPUS, 'keys', `${base}.keys`), 'utf8');
  return connections(file).map(({ c2s, s2c }) => session(c2s, s2c, log));
}

/** Opens both directions of a TLS ≤ 1.2 session; the application data each way. */
function openTls12(s: ReturnType<typeof session>): { client: Buffer; server: Buffer } {
  const v = s.serverHello.version;
  const block = tls12KeyBlock(
    v,
    s.suite!,
    s.keys.get('CLIENT_RANDOM')!,
    s.clientHello.random,
    s.serverHello.random,
  )!;
  const options = { encryptThenMac: s.serverHello.extensions.has(22) };
  const client = openTls12Side(s.c2s, RecordDecrypter.forTls12(v, s.suite, block.client, options));
  const server = openTls12Side(s.s2c, RecordDecrypter.forTls12(v, s.suite, block.server, options));
  return { client: client.app, server: server.app };
}

describe.skipIf(!haveCorpus)('corpus TLS 1.3 captures (../shared/corpus)', () => {
  it.each(['tls13-aes128gcm', 'tls13-aes256gcm', 'tls13-chacha20'])('%s opens both ways', (base) => {
    const [s] = load(base);
    const secret = (label: string) => s!.keys.get(label)!;
    const client = openTls13Side(
      s!.c2s,
      s!.suite!,
      secret('CLIENT_HANDSHAKE_TRAFFIC_SECRET'),
      secret('CLIENT_TRAFFIC_SECRET_0'),
    );
    const server = openTls13Side(
      s!.s2c,
      s!.suite!,
      secret('SERVER_HANDSHAKE_TRAFFIC_SECRET'),
      secret('SERVER_TRAFFIC_SECRET_0'),
    );
    expect([client.types[0], server.types[0]]).toEqual([22, 22]);
    expect(client.app.length + server.app.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!haveCorpus)('corpus TLS 1.2 captures (../shared/corpus)', () => {
  it.each([
    'tls12-ecdhe-rsa-aes128gcm',
    'tls12-ecdhe-rsa-aes256gcm',
    'tls12-ecdhe-rsa-chacha20',
    'tls12-ecdhe-rsa-aes128cbc-sha256',
    'tls12-ecdhe-ecdsa-aes256gcm',
  ])('%s opens both ways', (base) => {
    const [s] = load(base);
    const opened = openTls12(s!);
    expect(opened.client.length + opened.server.length).toBeGreaterThan(0);
  });

  it('wsnotes-tls-all-ciphers: every connection with a suite in the table opens (3DES and AES-CBC)', () => {
    const opened = load('wsnotes-tls-all-ciphers', 'pcapng')
      .filter((s) => s.suite !== undefined)
      .map((s) => {
        const { client, server } = openTls12(s);
        expect(client.length + server.length).toBeGreaterThan(0);
        return s.suite!.id;
      });
    const expected = [
      0x000a, 0x0016, 0xc012, 0x002f, 0x0033, 0x0035, 0x0039, 0xc009, 0xc00a, 0xc013, 0xc014,
      // DSS and static ECDH key exchanges: the same record protection.
      0x0013, 0x0032, 0x0038, 0xc003, 0xc004, 0xc005, 0xc008,
    ];
    expect(opened.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});
