/**
 * Decrypting a TLS session's records with the secrets a key log gives (issue 8), as Wireshark's
 * `ssl_decrypt_record` does, but addressable by record: every encrypted record of a side has an index in
 * `TlsSession.records(side)`, and its sequence number follows from the index and the epoch it falls in
 * (TLS 1.3 changes keys after each side's Finished and at every KeyUpdate; TLS ≤ 1.2 has one epoch from the
 * ChangeCipherSpec on). So the summary pass decrypts records in order and remembers only where epochs
 * begin; the detail path decrypts the one record it shows again (AEAD and CBC with explicit IVs need nothing
 * else; TLS 1.0's chained CBC IV is kept per record).
 *
 * What could not be decrypted is kept per session for the user: the first failing record and why.
 */
import { TlsVersion } from '../../../shared/fields/tls-values.js';
import { nextTrafficSecret, tls12KeyBlock } from '../tls-crypto/key-schedule.js';
import { RecordDecrypter } from '../tls-crypto/record-decrypt.js';
import { suiteById, type CipherSuite } from '../tls-crypto/suites.js';
import type { TlsSecrets } from '../tls-keys/secrets.js';
import { PlainStream } from './tls-plain-stream.js';
import type { TlsSession, TlsSessions, TlsSide } from './tls-session.js';

export type DecryptFailure = 'no key' | 'unsupported suite' | 'bad record MAC/tag' | 'handshake not captured';

/** Keys of one side from record `start` on. */
interface Epoch {
  readonly start: number;
  readonly decrypter: RecordDecrypter;
  /** TLS 1.3: the traffic secret (a KeyUpdate derives the next one from it); null for the handshake's. */
  readonly secret: Uint8Array | null;
  readonly handshake: boolean;
}

/** A record decrypted: its content (TLS 1.3: the inner type) and bytes. */
export interface Plaintext {
  readonly type: number;
  readonly bytes: Uint8Array;
}

export class SideDecryption {
  readonly epochs: Epoch[] = [];
  /** The next record index the summary pass decrypts (earlier ones are done). */
  next = 0;
  /** TLS 1.0 CBC: the IV of the next record, and of each record (the detail path decrypts one alone). */
  chainIv: Uint8Array | null = null;
  readonly ivs = new Map<number, Uint8Array>();
  /** TLS 1.3: the application secret to switch to once this side's Finished went by. */
  applicationSecret: Uint8Array | null = null;
  decrypted = 0;
  failed = 0;
}

export interface SessionFailure {
  readonly frame: number;
  readonly reason: DecryptFailure;
  readonly detail: string;
}

/** A session's decryption: its setup (or why there is none) and each side's progress. */
export class SessionDecryption {
  readonly sides: [SideDecryption, SideDecryption] = [new SideDecryption(), new SideDecryption()];
  /** Labels the key log had for this client random. */
  secretsFound: string[] = [];
  suite: CipherSuite | null = null;
  /** TLS ≤ 1.2: the master secret (from the key log, or the session this one resumes). */
  master: Uint8Array | null = null;
  /** Why the session cannot be decrypted at all (null: it can, record by record). */
  blocked: DecryptFailure | null = null;
  blockedDetail = '';
  failure: SessionFailure | null = null;
  /** The dissector of the protocol inside, once known (tls-plaintext.ts). */
  upper: string | null = null;
  /** Each side's decrypted application data as a stream for the protocol above. */
  readonly plain: [PlainStream, PlainStream] = [new PlainStream(), new PlainStream()];

  fail(frame: number, reason: DecryptFailure, detail: string): void {
    if (!this.failure) this.failure = { frame, reason, detail };
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}

const SECRET_OF: Readonly<Record<TlsSide, { handshake: string; traffic: string }>> = {
  0: { handshake: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', traffic: 'CLIENT_TRAFFIC_SECRET_0' },
  1: { handshake: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', traffic: 'SERVER_TRAFFIC_SECRET_0' },
};

/**
 * Sets a session up for decryption with what the handshake and the key log gave. Called once, when its
 * first encrypted record arrives on the summary pass; the lane is dissected again when keys come later.
 */
export function setUpDecryption(
  session: TlsSession,
  secrets: TlsSecrets | undefined,
  sessions: TlsSessions,
): SessionDecryption {
  const d = new SessionDecryption();
  session.decryption = d;
  if (!session.clientRandom) return block(d, 'handshake not captured', 'no ClientHello in the capture');
  if (session.cipherSuite < 0)
    return block(d, 'handshake not captured', 'no ServerHello in the capture: the suite is unknown');
  const suite = suiteById(session.cipherSuite) ?? null;
  if (!suite)
    return block(d, 'unsupported suite', `suite 0x${session.cipherSuite.toString(16).padStart(4, '0')}`);
  d.suite = suite;
  d.secretsFound = secrets ? Object.keys(secrets).filter((k) => secrets[k as keyof TlsSecrets]) : [];
  if (session.version === TlsVersion.TLSv1_3) setUpTls13(d, suite, secrets);
  else setUpTls12(d, session, suite, secrets, sessions);
  return d;
}

function block(d: SessionDecryption, reason: DecryptFailure, detail: string): SessionDecryption {
  d.blocked = reason;
  d.blockedDetail = detail;
  return d;
}

function setUpTls13(d: SessionDecryption, suite: CipherSuite, secrets: TlsSecrets | undefined): void {
  if (!suite.tls13) {
    block(d, 'unsupported suite', `${suite.name} is not a TLS 1.3 suite`);
    return;
  }
  let any = false;
  for (const side of [0, 1] as const) {
    const names = SECRET_OF[side];
    const handshake = secrets?.[names.handshake as keyof TlsSecrets];
    const traffic = secrets?.[names.traffic as keyof TlsSecrets] ?? null;
    const s = d.sides[side];
    s.applicationSecret = traffic;
    if (handshake) {
      s.epochs.push({ start: 0, decrypter: tls13Decrypter(suite, handshake), secret: null, handshake: true });
      any = true;
    } else if (traffic) {
      // Without the handshake secret its records fail; the application epoch is found by trying (below).
      any = true;
    }
  }
  if (!any) block(d, 'no key', 'the key log has no TLS 1.3 traffic secret for this client random');
}

function tls13Decrypter(suite: CipherSuite, secret: Uint8Array): RecordDecrypter {
  return RecordDecrypter.forTls13(suite, secret);
}

function setUpTls12(
  d: SessionDecryption,
  session: TlsSession,
  suite: CipherSuite,
  secrets: TlsSecrets | undefined,
  sessions: TlsSessions,
): void {
  if (suite.tls13) {
    block(d, 'unsupported suite', `${suite.name} in a TLS ≤ 1.2 session`);
    return;
  }
  const master = secrets?.CLIENT_RANDOM ?? resumedMaster(d, session, sessions);
  if (!master) {
    block(d, 'no key', 'the key log has no CLIENT_RANDOM line for this client random');
    return;
  }
  d.master = master;
  if (session.serverSessionId?.length) rememberMaster(sessions, 'id', session.serverSessionId, master);
  if (session.issuedTicket) rememberMaster(sessions, 'ticket', session.issuedTicket, master);
  if (!session.serverRandom) {
    block(d, 'handshake not captured', 'no ServerHello random');
    return;
  }
  const version = session.version || session.serverVersion;
  const keys = tls12KeyBlock(
    version,
    suite,
    master,
    session.clientRandom ?? new Uint8Array(0),
    session.serverRandom,
  );
  if (!keys) {
    block(d, 'unsupported suite', `no key derivation for version 0x${version.toString(16)}`);
    return;
  }
  const options = { encryptThenMac: session.encryptThenMac };
  for (const side of [0, 1] as const) {
    const k = side === 0 ? keys.client : keys.server;
    d.sides[side].epochs.push({
      start: 0,
      decrypter: RecordDecrypter.forTls12(version, suite, k, options),
      secret: null,
      handshake: false,
    });
    if (version <= TlsVersion.TLSv1 && suite.blockSize > 0) d.sides[side].chainIv = k.iv;
  }
}

/**
 * An abbreviated handshake (RFC 5246 §7.3, RFC 5077) keeps the master secret of the session it resumes:
 * the one the server's echoed session id names, or the one that issued the ticket the client offered.
 */
function resumedMaster(
  d: SessionDecryption,
  session: TlsSession,
  sessions: TlsSessions,
): Uint8Array | undefined {
  const id = session.serverSessionId;
  const echoed = id?.length && session.sessionId && toHex(id) === toHex(session.sessionId);
  const byId = echoed && id ? sessions.masterBySessionId.get(toHex(id)) : undefined;
  const byTicket = session.offeredTicket
    ? sessions.masterByTicket.get(toHex(session.offeredTicket))
    : undefined;
  const master = byId ?? byTicket;
  if (master) d.secretsFound = [`CLIENT_RANDOM (resumed by ${byId ? 'session id' : 'ticket'})`];
  return master;
}

const MAX_REMEMBERED = 4096;

/** Keeps a master secret for sessions that resume by this session id or ticket. */
export function rememberMaster(
  sessions: TlsSessions,
  by: 'id' | 'ticket',
  key: Uint8Array,
  master: Uint8Array,
): void {
  const map = by === 'id' ? sessions.masterBySessionId : sessions.masterByTicket;
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value ?? '');
  map.set(toHex(key), master);
}

/** The epoch record `index` of a side falls in (the last one starting at or before it). */
function epochOf(side: SideDecryption, index: number): Epoch | undefined {
  for (let i = side.epochs.length - 1; i >= 0; i--) {
    const e = side.epochs[i];
    if (e && e.start <= index) return e;
  }
  return undefined;
}

/**
 * Decrypts the `index`th encrypted record of a side (`fragment`: its bytes after the 5-byte header). On the
 * summary pass (`advance`) a record not decrypted before moves the side on (IV chain, epochs); otherwise
 * the record is decrypted again with what the summary pass settled.
 */
export function decryptRecord(
  d: SessionDecryption,
  sideIndex: TlsSide,
  index: number,
  type: number,
  recordVersion: number,
  fragment: Uint8Array,
  advance: boolean,
  frame: number,
): Plaintext | null {
  if (d.blocked) return null;
  const side = d.sides[sideIndex];
  const fresh = advance && index >= side.next;
  if (fresh) side.next = index + 1;
  const epoch = epochOf(side, index);
  const iv = fresh ? side.chainIv : (side.ivs.get(index) ?? null);
  let result = epoch
    ? epoch.decrypter.decrypt(BigInt(index - epoch.start), type, recordVersion, fragment, iv ?? undefined)
    : null;
  if (fresh && side.chainIv) {
    side.ivs.set(index, side.chainIv);
    if (result?.ok && result.nextIv) side.chainIv = result.nextIv;
  }
  // TLS 1.3: a failing handshake-epoch record may be the first under the application secret (its Finished
  // was not seen, or the key log lacked the handshake secret).
  if (fresh && (!result || !result.ok) && (!epoch || epoch.handshake) && side.applicationSecret && d.suite) {
    const decrypter = tls13Decrypter(d.suite, side.applicationSecret);
    const trial = decrypter.decrypt(0n, type, recordVersion, fragment);
    if (trial.ok) {
      side.epochs.push({ start: index, decrypter, secret: side.applicationSecret, handshake: false });
      side.applicationSecret = null;
      result = trial;
    }
  }
  if (!result || !result.ok) {
    if (fresh) {
      side.failed++;
      if (!epoch) d.fail(frame, 'no key', `no ${SECRET_OF[sideIndex].handshake} in the key log`);
      else d.fail(frame, 'bad record MAC/tag', result && !result.ok ? result.detail : 'decryption failed');
    }
    return null;
  }
  if (fresh) side.decrypted++;
  return { type: result.contentType, bytes: result.plaintext };
}

/**
 * TLS 1.3 key changes a decrypted handshake record makes for the records after it, on the summary pass:
 * the side's Finished switches to its application secret; a KeyUpdate to the next generation.
 */
export function afterHandshakeRecord(
  d: SessionDecryption,
  sideIndex: TlsSide,
  index: number,
  plain: Uint8Array,
): void {
  const suite = d.suite;
  if (!suite?.tls13) return;
  const side = d.sides[sideIndex];
  if (index + 1 !== side.next) return;
  for (let p = 0; p + 4 <= plain.length;) {
    const type = plain[p] ?? 0;
    const length = ((plain[p + 1] ?? 0) << 16) | ((plain[p + 2] ?? 0) << 8) | (plain[p + 3] ?? 0);
    if (type === 20 && side.applicationSecret) {
      const secret = side.applicationSecret;
      side.epochs.push({
        start: index + 1,
        decrypter: tls13Decrypter(suite, secret),
        secret,
        handshake: false,
      });
      side.applicationSecret = null;
    } else if (type === 24) {
      const current = epochOf(side, index);
      if (current?.secret) {
        const secret = nextTrafficSecret(suite.prfHash, current.secret);
        side.epochs.push({
          start: index + 1,
          decrypter: tls13Decrypter(suite, secret),
          secret,
          handshake: false,
        });
      }
    }
    p += 4 + length;
  }
}

/** Records decrypted, and records sent encrypted (the session's index of them), in both directions. */
export function recordCounts(session: TlsSession): { decrypted: number; encrypted: number } {
  const d = session.decryption;
  return {
    decrypted: d ? d.sides[0].decrypted + d.sides[1].decrypted : 0,
    encrypted: session.records(0).count + session.records(1).count,
  };
}

/** The state the user sees for a session. */
export function sessionState(session: TlsSession): 'decrypted' | 'partial' | 'failed' | 'plain' {
  const d = session.decryption;
  if (!d) return 'plain';
  const { decrypted, encrypted } = recordCounts(session);
  if (d.blocked) return 'failed';
  if (decrypted === 0) return encrypted === 0 ? 'plain' : 'failed';
  return decrypted === encrypted ? 'decrypted' : 'partial';
}
