/**
 * Channels of TLS decryption (issue "TLS decryption with the browser's key log"). Key sources are the
 * engine's, not a lane's: a browser's key log decrypts whichever lane captured its connections. Adding a
 * source (or a watched file growing) decrypts retroactively: lanes whose sessions gain keys are dissected
 * again and announce it with `lane.progress` (their rows and details change); `keys.changed` tells what
 * the sources hold. Each entry is `name: { request, response }` as in channels.ts; names go in
 * tls-names.ts.
 */
import { z } from 'zod';
import { LaneId } from './schemas.js';

const filePath = z.string().min(1).max(4096);
/** 32 bytes as 64 lowercase hex digits: a ClientHello's random, the key log's index. */
export const ClientRandom = z.string().regex(/^[0-9a-f]{64}$/);

export const KeySourceInfo = z.object({
  id: z.number().int().positive(),
  /** file: a key log on disk; dsb: a pcapng Decryption Secrets Block of a lane; browser: a launched browser's log. */
  kind: z.enum(['file', 'dsb', 'browser']),
  /** The file (file, browser) or the lane's title (dsb). */
  label: z.string(),
  path: z.string().nullable(),
  /** Whether the file is watched for lines the browser appends. */
  watching: z.boolean(),
  /** Distinct client randoms with at least one secret. */
  sessions: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  /** Lines that are not `LABEL <hex> <hex>` with the lengths the label needs: counted, never fatal. */
  malformed: z.number().int().nonnegative(),
  /** Well-formed lines of labels Hammerhead does not use (e.g. EXPORTER_SECRET, early traffic). */
  ignored: z.number().int().nonnegative(),
  /** Why the source cannot be read now (file removed, permission denied); null when it can. */
  error: z.string().nullable(),
});
export type KeySourceInfo = z.infer<typeof KeySourceInfo>;

/** Why a session (or its first failing record) was not decrypted, in the words. */
export const TlsFailure = z.enum([
  'no key',
  'unsupported suite',
  'bad record MAC/tag',
  'handshake not captured',
]);
export type TlsFailure = z.infer<typeof TlsFailure>;

export const TlsSessionStatus = z.object({
  /** tcp.stream of the connection. */
  stream: z.number().int().nonnegative(),
  firstFrame: z.number().int().nonnegative(),
  lastFrame: z.number().int().nonnegative(),
  clientRandom: ClientRandom.nullable(),
  serverName: z.string().nullable(),
  /** `TLSv1.2`, `TLSv1.3`… as the Protocol column names it; null before a ServerHello. */
  version: z.string().nullable(),
  /** The suite's IANA name (`TLS_AES_128_GCM_SHA256`), null before a ServerHello. */
  suite: z.string().nullable(),
  alpn: z.string().nullable(),
  /** Key log labels found for this client random (`CLIENT_RANDOM`, `SERVER_TRAFFIC_SECRET_0`…). */
  secrets: z.array(z.string()),
  /** decrypted: every encrypted record was; partial: some were; failed: none; plain: nothing encrypted seen. */
  state: z.enum(['decrypted', 'partial', 'failed', 'plain']),
  encryptedRecords: z.number().int().nonnegative(),
  decryptedRecords: z.number().int().nonnegative(),
  /** The first record that could not be decrypted, and why. */
  failure: z
    .object({ frame: z.number().int().positive(), reason: TlsFailure, detail: z.string() })
    .nullable(),
});
export type TlsSessionStatus = z.infer<typeof TlsSessionStatus>;

export const BrowserKind = z.enum(['chromium', 'chrome', 'firefox']);
export type BrowserKind = z.infer<typeof BrowserKind>;

export const tlsRequests = {
  /** Reads a key log file (NSS format) as a source; `watch` follows what is appended to it. */
  'keys.add': {
    request: z.object({ path: filePath, watch: z.boolean().optional() }).strict(),
    response: KeySourceInfo,
  },
  'keys.list': {
    request: z.object({}).strict(),
    response: z.object({ sources: z.array(KeySourceInfo) }),
  },
  /** Forgets a source (its keys no longer decrypt; lanes are dissected again). */
  'keys.remove': {
    request: z.object({ id: z.number().int().positive() }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  /** Browsers found on this machine that can log TLS keys. */
  'keys.browsers': {
    request: z.object({}).strict(),
    response: z.object({
      browsers: z.array(z.object({ kind: BrowserKind, name: z.string(), path: z.string() })),
    }),
  },
  /**
   * Starts a browser with SSLKEYLOGFILE set to a new file (mode 0600, owned by the user), watched as a
   * key source, on a fresh profile so that an already running browser does not take the launch over.
   */
  'keys.launchBrowser': {
    request: z.object({ kind: BrowserKind, url: z.string().max(2048).optional() }).strict(),
    response: z.object({ source: KeySourceInfo, pid: z.number().int().positive() }),
  },
  /** Every TLS connection of a lane with what decrypting it gave. */
  'tls.sessions': {
    request: z.object({ lane: LaneId }).strict(),
    response: z.object({ lane: LaneId, sessions: z.array(TlsSessionStatus) }),
  },
  /**
   * Saves lanes as pcapng like `file.save`, with a Decryption Secrets Block holding the secrets of the
   * sessions named (by client random) and only those.
   */
  'file.saveWithSecrets': {
    request: z
      .object({
        path: filePath,
        lanes: z.array(LaneId).min(1),
        clientRandoms: z.array(ClientRandom).max(100_000),
      })
      .strict(),
    response: z.object({
      path: filePath,
      frames: z.number().int().nonnegative(),
      sessions: z.number().int().nonnegative(),
    }),
  },
} as const;

export const tlsEvents = {
  /** Sent whenever a source is added, removed, grows or fails. */
  'keys.changed': z.object({ sources: z.array(KeySourceInfo) }),
} as const;
