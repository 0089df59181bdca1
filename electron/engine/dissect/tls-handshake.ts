/**
 * The Handshake protocol in a record (RFC 8446 §4, RFC 5246 §7.4), as Wireshark's `dissect_tls_handshake`
 * reads it: several messages per record, a message spanning records (put together per side, dissected in the
 * record that completes it, from a `Reassembled TLS Handshake` buffer), and records whose bytes are encrypted
 * (`Encrypted Handshake Message`: after that side's ChangeCipherSpec, an explicit nonce, or a type or length
 * that makes no sense).
 *
 *   struct { HandshakeType msg_type; uint24 length; opaque body[length]; } Handshake;
 *   0        1        2        3        4
 *   +--------+--------+--------+--------+------------------------+
 *   |  type  |          length          |  body (length bytes)   |
 *   +--------+--------+--------+--------+------------------------+
 */
import { TLS } from '../../../shared/fields/tls.js';
import { HandshakeType, TLS_HANDSHAKE_TYPES } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import { shortName, type TlsCall } from './tls-call.js';
import { dissectMessageBody } from './tls-messages.js';
import { scanServerHello } from './tls-hello.js';
import { knownVersion } from './tls-record.js';
import { TLS_STATE } from './tls-session.js';
import type { MutableField } from './tree.js';

const F = TLS.fields;
const HEADER = 4;
/** A handshake message larger than this is not put together from fragments (memory bound). */
const MAX_REASSEMBLED_MESSAGE = 1 << 20;
/** Reassembled messages kept for the detail path, per lane. */
const MAX_KEPT_MESSAGES = 4096;

/** The message type's name, as Info and the tree write it (`Encrypted Handshake Message` when unknown). */
function typeName(type: number): string {
  return TLS_HANDSHAKE_TYPES[type] ?? 'Encrypted Handshake Message';
}

/** Wireshark's `is_encrypted_handshake_message` for a record's handshake bytes. */
function looksEncrypted(ctx: FrameContext, call: TlsCall, p: number, end: number): boolean {
  // Anything shorter cannot carry a MAC or an AEAD tag: plaintext.
  if (call.decrypted || end - p < 16) return false;
  if (!ctx.need('tls', p, 5, end)) return false;
  // Two HelloRequests in a row (5 zero bytes) is really a GCM explicit nonce.
  let zero = true;
  for (let i = 0; i < 5; i++) if (ctx.u8(p + i) !== 0) zero = false;
  if (zero || call.ccsBefore) return true;
  return TLS_HANDSHAKE_TYPES[ctx.u8(p)] === undefined || ((ctx.u16(p + 1) << 8) | ctx.u8(p + 3)) >= 0x10000;
}

/** The handshake bytes `[start, end)` of a record; `version` is the record's (for labels). */
export function dissectHandshake(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  start: number,
  end: number,
  version: number,
): void {
  let p = start;
  let first = true;
  if (call.fragmentPending) {
    const next = continueFragment(ctx, call, node, p, end, version);
    if (next < 0) return;
    if (next > p) first = false;
    p = next;
  } else if (looksEncrypted(ctx, call, p, end)) {
    describe(ctx, node, version, 'Encrypted Handshake Message', true, p, end);
    return;
  }
  while (p < end && !ctx.stopped) {
    if (end - p < HEADER || !ctx.need('tls', p, HEADER, end)) {
      if (!ctx.stopped) startFragment(ctx, call, node, p, end, version, first, 0);
      return;
    }
    const total = HEADER + ((ctx.u8(p + 1) << 16) | ctx.u16(p + 2));
    if (end - p < total) {
      startFragment(ctx, call, node, p, end, version, first, total);
      return;
    }
    handshakeMessage(ctx, call, node, p, total, version, first);
    p += total;
    first = false;
  }
}

/** Info and the record's label for a message (or the first of several). */
function describe(
  ctx: FrameContext,
  node: MutableField | null,
  version: number,
  name: string,
  first: boolean,
  start: number,
  end: number,
): MutableField | null {
  ctx.appendSep(name);
  if (!node || !ctx.tree) return null;
  const label = first ? name : 'Multiple Handshake Messages';
  node.display = `${shortName(version, 'TLS')} Record Layer: Handshake Protocol: ${label}`;
  ctx.tree.open(node);
  const message = ctx.tree.add(F.handshake, start, end, null, `Handshake Protocol: ${name}`);
  ctx.tree.close();
  return message;
}

/** One complete message at `p` (of `total` bytes with its header). */
function handshakeMessage(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  p: number,
  total: number,
  version: number,
  first: boolean,
): void {
  const type = ctx.u8(p);
  const known = TLS_HANDSHAKE_TYPES[type] !== undefined;
  // Past the first message, bytes of an unknown type are not reported (they are likely not a message).
  if (!known && !first) return;
  let name = typeName(type);
  if (first && type === HandshakeType.ServerHello && total - HEADER > 2) {
    const scan = scanServerHello(ctx, p + HEADER, p + total);
    const settled = knownVersion(scan.version);
    if (settled !== 0) {
      call.setVersion(settled);
      // The column follows the version the server chose (TLSv1.3 for a 1.3 ServerHello in a 1.2 record).
      ctx.setProtocol(shortName(settled, 'TLS'));
    }
    if (scan.helloRetry) name = 'Hello Retry Request';
  }
  const message = describe(ctx, node, version, name, first, p, p + total);
  if (!known) return;
  const t = ctx.tree;
  if (t && message) {
    t.open(message);
    t.add(F.handshakeType, p, p + 1, type);
    t.add(F.handshakeLength, p + 1, p + HEADER, total - HEADER);
  }
  dissectMessageBody(ctx, call, type, p + HEADER, p + total, name === 'Hello Retry Request');
  if (t && message) t.close();
}

/** The start of a message that the record does not hold whole: kept (summary pass) until the rest comes. */
function startFragment(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  p: number,
  end: number,
  version: number,
  first: boolean,
  total: number,
): void {
  const type = ctx.available(p, end) >= 1 ? ctx.u8(p) : 0;
  if (first) ctx.appendSep(`[${typeName(type)} Fragment]`);
  const t = ctx.tree;
  if (t && node) {
    node.display = `${shortName(version, 'TLS')} Record Layer: Handshake Protocol: ${first ? `${typeName(type)} (fragment)` : 'Multiple Handshake Messages'}`;
    t.open(node);
    t.add(F.handshake, p, end, null, `Handshake Protocol: ${typeName(type)} (fragment)`);
    t.close();
  }
  call.fragmentPending = ctx.capturedEnd >= end;
  const session = call.session;
  if (!session || !call.fragmentPending || total > MAX_REASSEMBLED_MESSAGE) return;
  const bytes = new Uint8Array(Math.max(total, end - p, 16));
  bytes.set(ctx.bytes.subarray(p, end));
  session.fragments[call.side] = { bytes, length: end - p, total, firstFrame: ctx.frameNumber };
}

/**
 * A record continuing a message from earlier records. Returns where this record's own messages start
 * (after the message's last bytes), or -1 when the whole record is a middle part of it.
 */
function continueFragment(
  ctx: FrameContext,
  call: TlsCall,
  node: MutableField | null,
  p: number,
  end: number,
  version: number,
): number {
  const key = `${ctx.frameNumber}:${ctx.stream.pduIndex}:${p}`;
  const kept = ctx.state(TLS_STATE).reassembled;
  const done = call.session ? addToFragment(ctx, call, p, end, key) : (kept.get(key) ?? null);
  if (!done) {
    if (!call.fragmentPending)
      return looksEncrypted(ctx, call, p, end) ? encryptedRecord(ctx, node, version, p, end) : p;
    underHandshake(ctx, node, p, end, 'Handshake Protocol: (fragment)');
    return -1;
  }
  call.fragmentPending = false;
  underHandshake(
    ctx,
    node,
    p,
    p + done.used,
    `Handshake Protocol: ${typeName(done.bytes[0] ?? 0)} (last fragment)`,
  );
  const name = 'Reassembled TLS Handshake';
  ctx.tree?.addSource(name, done.bytes);
  const saved = ctx.enterSource(done.bytes, done.bytes.length, name);
  handshakeMessage(ctx, call, node, 0, done.bytes.length, version, true);
  ctx.leaveSource(saved);
  return p + done.used;
}

function encryptedRecord(
  ctx: FrameContext,
  node: MutableField | null,
  version: number,
  p: number,
  end: number,
): number {
  describe(ctx, node, version, 'Encrypted Handshake Message', true, p, end);
  return end;
}

function underHandshake(
  ctx: FrameContext,
  node: MutableField | null,
  start: number,
  end: number,
  text: string,
): void {
  const t = ctx.tree;
  if (!t || !node) return;
  t.open(node);
  t.add(F.handshake, start, end, null, text);
  t.close();
}

/** Summary pass: adds the record's part of the pending message; the message when it is now complete. */
function addToFragment(
  ctx: FrameContext,
  call: TlsCall,
  p: number,
  end: number,
  key: string,
): { bytes: Uint8Array; used: number } | null {
  const session = call.session;
  const frag = session?.fragments[call.side];
  if (!session || !frag) return null;
  let used = end - p;
  if (frag.total === 0 && frag.length + used >= HEADER) {
    const head = new Uint8Array(HEADER);
    for (let i = 0; i < HEADER; i++)
      head[i] = i < frag.length ? (frag.bytes[i] ?? 0) : ctx.u8(p + i - frag.length);
    frag.total = HEADER + ((head[1] ?? 0) << 16) + ((head[2] ?? 0) << 8) + (head[3] ?? 0);
  }
  if (frag.total > 0) used = Math.min(used, frag.total - frag.length);
  if (ctx.capturedEnd < p + used || frag.total > MAX_REASSEMBLED_MESSAGE) {
    // Bytes missing: the message cannot be completed, nor where the next one starts known.
    session.fragments[call.side] = null;
    call.fragmentPending = false;
    return null;
  }
  if (frag.length + used > frag.bytes.length) {
    const grown = new Uint8Array(Math.max(frag.total, 2 * frag.bytes.length, frag.length + used));
    grown.set(frag.bytes.subarray(0, frag.length));
    frag.bytes = grown;
  }
  frag.bytes.set(ctx.bytes.subarray(p, p + used), frag.length);
  frag.length += used;
  if (frag.total === 0 || frag.length < frag.total) return null;
  session.fragments[call.side] = null;
  const done = { bytes: frag.bytes.subarray(0, frag.total), used };
  const kept = ctx.state(TLS_STATE).reassembled;
  if (kept.size >= MAX_KEPT_MESSAGES) kept.delete(kept.keys().next().value ?? '');
  kept.set(key, done);
  return done;
}
