/**
 * Reading a captured TLS byte stream for the tests: records, hellos, and opening every protected record
 * of one direction with RecordDecrypter the way a dissector would (sequence numbers, key changes).
 */
import { expect } from 'vitest';
import { nextTrafficSecret } from './key-schedule.js';
import { RecordDecrypter } from './record-decrypt.js';
import type { CipherSuite } from './suites.js';

export interface Rec {
  readonly type: number;
  readonly version: number;
  readonly fragment: Buffer;
}

/** TLSPlaintext/TLSCiphertext: type(1) version(2) length(2) fragment. */
export function records(stream: Buffer): Rec[] {
  const out: Rec[] = [];
  let at = 0;
  for (; at + 5 <= stream.length; at += 5 + stream.readUInt16BE(at + 3)) {
    const end = at + 5 + stream.readUInt16BE(at + 3);
    out.push({
      type: stream[at]!,
      version: stream.readUInt16BE(at + 1),
      fragment: stream.subarray(at + 5, end),
    });
  }
  expect(at).toBe(stream.length);
  return out;
}

/**
 * ClientHello / ServerHello: type(1) length(3) version(2) random(32) session_id<1>, then
 * cipher_suites<2> compression<1> (client) or cipher_suite(2) compression(1) (server), extensions<2>.
 */
export function hello(record: Rec) {
  const f = record.fragment;
  const random = f.subarray(6, 38);
  let at = 39 + f[38]!;
  const suite = f[0] === 2 ? f.readUInt16BE(at) : undefined;
  at = suite === undefined ? at + 2 + f.readUInt16BE(at) : at + 2;
  at += 1 + (suite === undefined ? f[at]! : 0);
  const extensions = new Map<number, Buffer>();
  for (let end = at + 2 + f.readUInt16BE(at), e = at + 2; e < end; e += 4 + f.readUInt16BE(e + 2)) {
    extensions.set(f.readUInt16BE(e), f.subarray(e + 4, e + 4 + f.readUInt16BE(e + 2)));
  }
  return { random, suite, extensions, version: f.readUInt16BE(4) };
}

export interface Opened {
  readonly app: Buffer;
  readonly types: number[];
  /** TLS 1.3: KeyUpdate messages seen (each moved to the next traffic secret). */
  readonly keyUpdates?: number;
}

/** TLS ≤ 1.2: every record after this side's ChangeCipherSpec, seq from 0, the TLS 1.0 IV chained. */
export function openTls12Side(recs: Rec[], decrypter: RecordDecrypter): Opened {
  const start = recs.findIndex((r) => r.type === 20) + 1;
  expect(start).toBeGreaterThan(0);
  const app: Buffer[] = [];
  const types: number[] = [];
  let iv: Uint8Array | undefined;
  recs.slice(start).forEach((r, i) => {
    const result = decrypter.decrypt(BigInt(i), r.type, r.version, r.fragment, iv);
    if (!result.ok) throw new Error(`record ${i}: ${result.reason}: ${result.detail}`);
    iv = result.nextIv;
    types.push(result.contentType);
    if (result.contentType === 23) app.push(Buffer.from(result.plaintext));
    if (i === 0) expect(result.plaintext[0]).toBe(20); // Finished
  });
  return { app: Buffer.concat(app), types };
}

/**
 * TLS 1.3: handshake keys until this side's Finished, then application keys; a KeyUpdate moves to the
 * next secret. Each change restarts seq at 0 with the next record.
 */
export function openTls13Side(
  recs: Rec[],
  suite: CipherSuite,
  handshake: Buffer,
  application: Buffer,
): Opened {
  let secret = handshake;
  let decrypter = RecordDecrypter.forTls13(suite, secret);
  let seq = 0n;
  let messages = Buffer.alloc(0);
  let keyUpdates = 0;
  const app: Buffer[] = [];
  const types: number[] = [];
  for (const r of recs.filter((rec) => rec.type === 23)) {
    const result = decrypter.decrypt(seq++, r.type, r.version, r.fragment);
    if (!result.ok) throw new Error(`record ${seq - 1n}: ${result.reason}: ${result.detail}`);
    types.push(result.contentType);
    if (result.contentType === 23) app.push(Buffer.from(result.plaintext));
    if (result.contentType !== 22) continue;
    let next: Uint8Array | null = null;
    for (messages = Buffer.concat([messages, result.plaintext]); messages.length >= 4;) {
      const end = 4 + messages.readUIntBE(1, 3);
      if (messages.length < end) break;
      if (messages[0] === 20 && secret === handshake) next = application;
      if (messages[0] === 24) {
        next = nextTrafficSecret(suite.prfHash, secret);
        keyUpdates++;
      }
      messages = messages.subarray(end);
    }
    if (next !== null) {
      secret = Buffer.from(next);
      decrypter = RecordDecrypter.forTls13(suite, secret);
      seq = 0n;
    }
  }
  return { app: Buffer.concat(app), types, keyUpdates };
}
