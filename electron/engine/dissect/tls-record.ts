/**
 * One SSL 3.0 / TLS record (Wireshark's `dissect_ssl3_record`): the 5-byte header, the version tracking
 * that names the Protocol column, and the content by type: ChangeCipherSpec, Alert, Handshake (see
 * tls-handshake.ts), Application Data, Heartbeat.
 *
 *   0        1        2        3        4        5
 *   +--------+--------+--------+--------+--------+---------------------+
 *   |  type  |     version     |     length      |  fragment ...       |
 *   +--------+--------+--------+--------+--------+---------------------+
 */
import { TLS } from '../../../shared/fields/tls.js';
import {
  ContentType,
  HandshakeType,
  TLS_ALERT_DESCRIPTIONS,
  TLS_ALERT_LEVELS,
  TLS_CONTENT_TYPES,
  TLS_HANDSHAKE_TYPES,
  TlsVersion,
} from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from './stream-info.js';
import { needMore, shortName, TLS_APP_PORTS, type TlsCall } from './tls-call.js';
import { dissectHandshake } from './tls-handshake.js';
import { hexOf } from './tls-reader.js';
import { TLS_STATE } from './tls-session.js';
import type { MutableField } from './tree.js';
import {
  afterHandshakeRecord,
  decryptRecord,
  setUpDecryption,
  toHex,
  type Plaintext,
} from './tls-decrypt.js';
import { decryptedApplicationData, DECRYPTED_SOURCE } from './tls-plaintext.js';

const F = TLS.fields;
export const TLS_RECORD = { contentType: [0, 1], version: [1, 3], length: [3, 5] } as const;
export const TLS_RECORD_HEADER = 5;

export function isContentType(type: number): boolean {
  return type >= ContentType.ChangeCipherSpec && type <= ContentType.ConnectionId;
}

/** TLS 1.0-1.2 ignore records of unknown type (RFC 2246 §6); Wireshark then skips the rest of the bytes. */
function ignoresUnknown(version: number): boolean {
  return (
    version === TlsVersion.TLSv1 ||
    version === TlsVersion.TLSv1_1 ||
    version === TlsVersion.TLSv1_2 ||
    version === TlsVersion.GMTLS
  );
}

/** The record at `p`; where the next starts, or -1 when TCP must bring more (or an exception ended it). */
export function ssl3Record(ctx: FrameContext, call: TlsCall, p: number, end: number): number {
  const available = end - p;
  if (ignoresUnknown(call.version) && !isContentType(ctx.u8(p))) {
    ctx.appendSep('Ignored Unknown Record');
    ctx.tree?.add(F.ignoredUnknownRecord, p, end, null, 'Ignored Unknown Record');
    return end;
  }
  if (available < TLS_RECORD_HEADER) return needMore(ctx, call, p, end, DESEGMENT_ONE_MORE_SEGMENT);
  if (!ctx.need('tls', p, TLS_RECORD_HEADER, end)) return -1;
  const type = ctx.u8(p);
  const length = ctx.u16(p + 3);
  if (!isContentType(type)) {
    ctx.appendSep('Continuation Data');
    return p + TLS_RECORD_HEADER + length;
  }
  if (available < length + TLS_RECORD_HEADER)
    return needMore(ctx, call, p, end, length + TLS_RECORD_HEADER - available);
  // Wireshark reads the byte after the header (a handshake's type) even for an empty record.
  if (!ctx.need('tls', p + TLS_RECORD_HEADER, 1, end)) return -1;
  recordBody(ctx, call, p, type, length);
  return p + TLS_RECORD_HEADER + length;
}

/** Version tracking, the record's tree, its content. */
function recordBody(ctx: FrameContext, call: TlsCall, p: number, type: number, length: number): void {
  const recordVersion = ctx.u16(p + 1);
  const body = p + TLS_RECORD_HEADER;
  let version = call.version;
  if (version === 0) {
    const settled = authoritativeVersion(type, ctx.u8(body), recordVersion);
    if (settled !== 0) call.setVersion(settled);
    ctx.setProtocol(shortName(recordVersion, 'SSL'));
    version = recordVersion;
  }
  const index = noteRecord(ctx, call, p, type, length);
  const node = ctx.tree ? addRecordHeader(ctx, call, p, type, recordVersion, length) : null;
  const plain = decrypt(ctx, call, index, p, type, length);
  if (plain) {
    decryptedBody(ctx, call, node, plain, index, version);
    return;
  }
  switch (type) {
    case ContentType.ChangeCipherSpec:
      changeCipherSpec(ctx, call, node, body, length);
      break;
    case ContentType.Alert:
      alert(ctx, call, node, body, length);
      break;
    case ContentType.Handshake:
      dissectHandshake(ctx, call, node, body, body + length, version);
      break;
    case ContentType.ApplicationData:
      applicationData(ctx, call, node, body, length, version);
      break;
    case ContentType.Heartbeat:
      heartbeat(ctx, node, body, length);
      break;
  }
}

/**
 * Wireshark's `ssl_try_set_version`: any record but a ClientHello says which version the conversation
 * uses (TLS 1.3 drafts count as 1.3); 0 when this one does not.
 */
export function authoritativeVersion(type: number, handshakeType: number, version: number): number {
  const authoritative =
    type === ContentType.Handshake
      ? isHandshakeType(handshakeType) && handshakeType !== HandshakeType.ClientHello
      : isContentType(type);
  return authoritative ? knownVersion(version) : 0;
}

/** Wireshark's `ssl_is_valid_handshake_type` for TLS (HelloVerifyRequest is DTLS-only). */
export function isHandshakeType(type: number): boolean {
  return type !== 3 && TLS_HANDSHAKE_TYPES[type] !== undefined;
}

/** Wireshark's `tls_try_get_version`: the version a conversation can settle on, else 0. */
export function knownVersion(version: number): number {
  if ((version & 0xff00) === 0x7f00 || version === 0xfb17 || version === 0xfb1a) return TlsVersion.TLSv1_3;
  switch (version) {
    case TlsVersion.SSLv3:
    case TlsVersion.TLSv1:
    case TlsVersion.TLSv1_1:
    case TlsVersion.TLSv1_2:
    case TlsVersion.TLSv1_3:
    case TlsVersion.GMTLS:
      return version;
    default:
      return 0;
  }
}

/**
 * A record sent after its side began encrypting goes into the session's index (summary pass); its index
 * there (the detail path finds it by frame, PDU and offset), or -1 when it is not an encrypted record.
 */
function noteRecord(ctx: FrameContext, call: TlsCall, p: number, type: number, length: number): number {
  const s = ctx.stream;
  const at = p - call.offset;
  if (ctx.detail) {
    const session = ctx.state(TLS_STATE).byStream.get(call.stream);
    return session?.decryption ? session.records(call.side).find(ctx.frameNumber, s.pduIndex, at) : -1;
  }
  const session = call.session;
  if (!session || s.seq < 0) return -1;
  // Application data is always encrypted (a capture that starts mid-session has no ChangeCipherSpec).
  const encrypted =
    type === ContentType.ApplicationData ||
    (call.version !== TlsVersion.TLSv1_3 && session.encrypting[call.side]);
  if (!encrypted) return -1;
  const records = session.encrypted[call.side];
  const streamOffset = (s.seq + at) | 0;
  const before = records.count;
  records.add(ctx.frameNumber, streamOffset, s.pduIndex, at, type, length);
  return records.count > before ? before : records.findOffset(streamOffset);
}

/** The record's plaintext when the session can be decrypted (set up at its first encrypted record). */
function decrypt(
  ctx: FrameContext,
  call: TlsCall,
  index: number,
  p: number,
  type: number,
  length: number,
): Plaintext | null {
  if (index < 0) return null;
  const session = call.session ?? ctx.state(TLS_STATE).byStream.get(call.stream);
  if (!session) return null;
  let d = session.decryption;
  if (!d) {
    if (ctx.detail) return null;
    const random = session.clientRandom;
    const secrets = random ? ctx.lane.keys.secrets(toHex(random)) : undefined;
    d = setUpDecryption(session, secrets, ctx.state(TLS_STATE));
    if (d.blocked) d.fail(ctx.frameNumber, d.blocked, d.blockedDetail);
  }
  const body = p + TLS_RECORD_HEADER;
  if (d.blocked || ctx.available(body, body + length) < length) return null;
  const fragment = ctx.bytes.subarray(body, body + length);
  const plain = decryptRecord(
    d,
    call.side,
    index,
    type,
    ctx.u16(p + 1),
    fragment,
    !ctx.detail,
    ctx.frameNumber,
  );
  if (plain && !ctx.detail && plain.type === ContentType.Handshake)
    afterHandshakeRecord(d, call.side, index, plain.bytes);
  return plain;
}

/** A decrypted record: its content read from the plaintext, shown as a "Decrypted TLS" bytes tab. */
function decryptedBody(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  plain: Plaintext,
  index: number,
  version: number,
): void {
  const bytes = plain.bytes;
  const name = `${DECRYPTED_SOURCE} (${bytes.length} bytes)`;
  ctx.tree?.addSource(name, bytes);
  const saved = ctx.enterSource(bytes, bytes.length, name);
  call.decrypted = true;
  try {
    switch (plain.type) {
      case ContentType.ChangeCipherSpec:
        changeCipherSpec(ctx, call, node, 0, bytes.length);
        break;
      case ContentType.Alert:
        alert(ctx, call, node, 0, bytes.length);
        break;
      case ContentType.Handshake:
        dissectHandshake(ctx, call, node, 0, bytes.length, version);
        break;
      case ContentType.ApplicationData:
        decryptedData(ctx, call, node, bytes, index, version);
        break;
      case ContentType.Heartbeat:
        heartbeat(ctx, node, 0, bytes.length);
        break;
    }
  } finally {
    call.decrypted = false;
    ctx.leaveSource(saved);
  }
}

function decryptedData(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  bytes: Uint8Array,
  index: number,
  version: number,
): void {
  applicationData(ctx, call, node, 0, bytes.length, version);
  const session = call.session ?? ctx.state(TLS_STATE).byStream.get(call.stream);
  const d = session?.decryption;
  if (session && d) decryptedApplicationData(ctx, call, session, d, index, bytes);
}

function addRecordHeader(
  ctx: FrameContext,
  call: TlsCall,
  p: number,
  type: number,
  version: number,
  length: number,
): MutableField | null {
  const t = ctx.tree;
  if (!t) return null;
  const node = t.add(
    F.record,
    p,
    p + TLS_RECORD_HEADER + length,
    null,
    `${shortName(version, 'SSL')} Record Layer`,
  );
  t.open(node);
  const opaque = call.version === TlsVersion.TLSv1_3 && type === ContentType.ApplicationData;
  t.add(opaque ? F.opaqueType : F.contentType, p, p + 1, type);
  t.add(F.recordVersion, p + 1, p + 3, version);
  t.add(F.recordLength, p + 3, p + 5, length);
  t.close();
  return node;
}

/** Appends a field under the record's node. */
export function underRecord(ctx: FrameContext, node: MutableField | null, add: () => void): void {
  const t = ctx.tree;
  if (!t || !node) return;
  t.open(node);
  add();
  t.close();
}

function changeCipherSpec(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  body: number,
  length: number,
): void {
  ctx.appendSep('Change Cipher Spec');
  if (node) {
    node.display = `${shortName(call.version, 'SSL')} Record Layer: Change Cipher Spec Protocol: Change Cipher Spec`;
    underRecord(ctx, node, () => ctx.tree?.add(F.changeCipherSpec, body, body + length, null));
  }
  const session = call.session;
  if (!session) return;
  session.ccsFrame[call.side] = ctx.frameNumber;
  // TLS 1.3 keeps a ChangeCipherSpec for middleboxes only (RFC 8446 §D.4); its records are told by type.
  if (call.version !== TlsVersion.TLSv1_3) session.encrypting[call.side] = true;
}

function alert(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  body: number,
  length: number,
): void {
  const version = shortName(call.version, 'TLS');
  // An alert is two bytes: anything longer is encrypted (Wireshark assumes alerts are not fragmented).
  if (length !== 2) {
    ctx.appendSep('Encrypted Alert');
    if (node) node.display = `${version} Record Layer: Encrypted Alert`;
    underRecord(ctx, node, () =>
      ctx.tree?.add(F.alert, body, body + length, null, 'Alert Message: Encrypted Alert'),
    );
    return;
  }
  if (!ctx.need('tls', body, 2, body + 2)) return;
  const level = ctx.u8(body);
  const description = ctx.u8(body + 1);
  const text = `Alert (Level: ${TLS_ALERT_LEVELS[level] ?? 'Unknown'}, Description: ${TLS_ALERT_DESCRIPTIONS[description] ?? 'Unknown'})`;
  ctx.appendSep(text);
  if (!node) return;
  node.display = `${version} Record Layer: ${text}`;
  const t = ctx.tree;
  underRecord(ctx, node, () => {
    if (!t) return;
    t.open(t.add(F.alert, body, body + 2, null, 'Alert Message'));
    t.add(F.alertLevel, body, body + 1, level);
    t.add(F.alertDescription, body + 1, body + 2, description);
    t.close();
  });
}

/** What ALPN chose names the protocol inside (Wireshark's `session->app_handle`); else the port does. */
const ALPN_PROTOCOLS: Readonly<Record<string, string>> = {
  h2: 'HyperText Transfer Protocol 2',
  'http/1.1': 'Hypertext Transfer Protocol',
};

function applicationData(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  body: number,
  length: number,
  version: number,
): void {
  ctx.appendSep('Application Data');
  if (!node) return;
  const s = ctx.stream;
  const alpn = (call.session ?? ctx.state(TLS_STATE).byStream.get(call.stream))?.alpn;
  const app = ALPN_PROTOCOLS[alpn ?? ''] ?? TLS_APP_PORTS[s.srcPort] ?? TLS_APP_PORTS[s.dstPort];
  node.display = `${shortName(version, 'SSL')} Record Layer: ${TLS_CONTENT_TYPES[ContentType.ApplicationData]} Protocol: ${app ?? 'Application Data'}`;
  underRecord(ctx, node, () => {
    ctx.tree?.add(F.appData, body, body + length, hexOf(ctx, body, body + length));
    if (app) ctx.tree?.add(F.appDataProto, body, body, app);
  });
}

/** RFC 6520: a request or a response, unless it cannot be plaintext (then it is encrypted). */
function heartbeat(ctx: FrameContext, node: MutableField | null, body: number, length: number): void {
  const captured = ctx.available(body, body + length);
  const payload = length >= 3 && captured >= 3 ? ctx.u16(body + 1) : -1;
  const plaintext = payload >= 0 && payload <= length - 16 - 3;
  const type = captured >= 1 ? ctx.u8(body) : 0;
  const text = plaintext
    ? `Heartbeat ${type === 1 ? 'Request' : type === 2 ? 'Response' : 'Unknown'}`
    : 'Encrypted Heartbeat';
  ctx.appendSep(text);
  if (node) node.display = `${node.display}: ${text}`;
}
