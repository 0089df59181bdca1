/**
 * The data of the hello extensions Wireshark dissects, by type. Each reads `[p, end)` (the extension's
 * data), adds its lines to the open extension node on the detail path, and notes in `hello` what the session
 * keeps. Layouts (RFC 8446 §4.2 unless said):
 *
 *   server_name (RFC 6066 §3):  list<2> of { type(1), name<2> }
 *   ALPN (RFC 7301 §3.1):       list<2> of protocol<1>
 *   supported_versions:         ClientHello: versions<1> of uint16; ServerHello/HRR: uint16
 *   supported_groups:           groups<2> of uint16           ec_point_formats (RFC 8422): formats<1>
 *   signature_algorithms(_cert): schemes<2> of uint16
 *   key_share:                  ClientHello: shares<2> of { group(2), key<2> }; ServerHello: one share;
 *                               HelloRetryRequest: selected group(2)
 *   psk_key_exchange_modes:     modes<1>                      renegotiation_info (RFC 5746): data<1>
 */
import { TLS } from '../../../shared/fields/tls.js';
import {
  TLS_HASH_ALGORITHMS,
  TLS_SIGNATURE_ALGORITHMS,
  HandshakeType,
} from '../../../shared/fields/tls-values.js';
import { TLS_SIGNATURE_SCHEMES } from '../../../shared/fields/tls-names.js';
import type { FieldDef } from '../../../shared/fields/types.js';
import type { FrameContext } from './context.js';
import type { HelloExtensions } from './tls-extensions.js';
import { hexOf, text, uint, vectorLength } from './tls-reader.js';

const F = TLS.fields;

export type ExtensionData = (ctx: FrameContext, p: number, end: number, hello: HelloExtensions) => void;

/** A vector of `width`-byte values, each added as `def`, under a `title (N things)` node. */
function list(
  ctx: FrameContext,
  p: number,
  end: number,
  prefix: number,
  width: number,
  lengthDef: FieldDef,
  node: { def: FieldDef; title: string; unit: string } | null,
  item: FieldDef,
): void {
  const length = vectorLength(ctx, p, end, prefix, lengthDef);
  if (length < 0) return;
  const start = p + prefix;
  const count = Math.floor(length / width);
  if (!ctx.need('tls', start, count * width, end)) return;
  const t = ctx.tree;
  if (!t) return;
  if (node)
    t.open(
      t.add(
        node.def,
        start,
        start + length,
        null,
        `${node.title} (${count} ${node.unit}${count === 1 ? '' : 's'})`,
      ),
    );
  for (let i = 0; i < count; i++)
    t.add(item, start + i * width, start + (i + 1) * width, uint(ctx, start + i * width, width));
  if (node) t.close();
}

const serverName: ExtensionData = (ctx, p, end, hello) => {
  if (p >= end) return;
  const length = vectorLength(ctx, p, end, 2, F.serverNameListLength);
  if (length < 0) return;
  const t = ctx.tree;
  const stop = p + 2 + length;
  for (let at = p + 2; at < stop && !ctx.stopped;) {
    if (!ctx.need('tls', at, 1, stop)) return;
    const type = ctx.u8(at);
    if (t) t.open(t.text('Server Name Indication extension', at, stop));
    t?.add(F.serverNameType, at, at + 1, type);
    const n = vectorLength(ctx, at + 1, stop, 2, F.serverNameLength);
    if (n >= 0 && ctx.need('tls', at + 3, n, stop)) {
      const name = text(ctx, at + 3, n);
      t?.add(F.serverName, at + 3, at + 3 + n, name);
      if (type === 0) hello.serverName ??= name;
    }
    if (t) t.close();
    if (n < 0) return;
    at += 3 + n;
  }
};

const alpn: ExtensionData = (ctx, p, end, hello) => {
  const length = vectorLength(ctx, p, end, 2, F.alpnLength);
  if (length < 0) return;
  const t = ctx.tree;
  const stop = p + 2 + length;
  if (t) t.open(t.add(F.alpnList, p + 2, stop, null));
  for (let at = p + 2; at < stop && !ctx.stopped;) {
    const n = vectorLength(ctx, at, stop, 1, F.alpnStringLength);
    if (n < 0 || !ctx.need('tls', at + 1, n, stop)) break;
    const name = text(ctx, at + 1, n);
    t?.add(F.alpnString, at + 1, at + 1 + n, name);
    hello.alpn.push(name);
    at += 1 + n;
  }
  if (t) t.close();
};

const supportedVersions: ExtensionData = (ctx, p, end, hello) => {
  if (hello.message !== HandshakeType.ClientHello) {
    if (!ctx.need('tls', p, 2, end)) return;
    hello.selectedVersion = ctx.u16(p);
    ctx.tree?.add(F.supportedVersion, p, p + 2, hello.selectedVersion);
    return;
  }
  list(ctx, p, end, 1, 2, F.supportedVersionsLength, null, F.supportedVersion);
};

const groups: ExtensionData = (ctx, p, end) =>
  list(
    ctx,
    p,
    end,
    2,
    2,
    F.groupsLength,
    { def: F.groups, title: 'Supported Groups', unit: 'group' },
    F.group,
  );

const pointFormats: ExtensionData = (ctx, p, end) => {
  const length = vectorLength(ctx, p, end, 1, F.pointFormatsLength);
  if (length < 0 || !ctx.need('tls', p + 1, length, end)) return;
  const t = ctx.tree;
  if (!t) return;
  t.open(t.add(F.pointFormats, p + 1, p + 1 + length, null, `Elliptic curves point formats (${length})`));
  for (let i = 0; i < length; i++) t.add(F.pointFormat, p + 1 + i, p + 2 + i, ctx.u8(p + 1 + i));
  t.close();
};

/** One signature scheme; unknown ones are named after their hash and signature bytes, as Wireshark does. */
export function signatureScheme(ctx: FrameContext, at: number): void {
  const t = ctx.tree;
  if (!t) return;
  const value = ctx.u16(at);
  const hash = value >>> 8;
  const sig = value & 0xff;
  const name =
    TLS_SIGNATURE_SCHEMES[value] ??
    `${TLS_HASH_ALGORITHMS[hash] ?? 'Unknown'} ${TLS_SIGNATURE_ALGORITHMS[sig] ?? 'Unknown'}`;
  t.open(
    t.add(
      F.sigHashAlg,
      at,
      at + 2,
      value,
      `Signature Algorithm: ${name} (0x${value.toString(16).padStart(4, '0')})`,
    ),
  );
  t.add(F.sigHashHash, at, at + 1, hash);
  t.add(F.sigHashSig, at + 1, at + 2, sig);
  t.close();
}

const signatureAlgorithms: ExtensionData = (ctx, p, end) => {
  const length = vectorLength(ctx, p, end, 2, F.sigHashAlgsLength);
  if (length < 0 || !ctx.need('tls', p + 2, length - (length % 2), end)) return;
  const t = ctx.tree;
  if (!t) return;
  const count = length >>> 1;
  t.open(
    t.add(
      F.sigHashAlgs,
      p + 2,
      p + 2 + length,
      null,
      `Signature Hash Algorithms (${count} algorithm${count === 1 ? '' : 's'})`,
    ),
  );
  for (let i = 0; i < count; i++) signatureScheme(ctx, p + 2 + 2 * i);
  t.close();
};

/** A KeyShareEntry: group, then the key (an ML-KEM hybrid's runs to 1,216 bytes). Returns its end. */
function keyShareEntry(ctx: FrameContext, at: number, end: number): number {
  if (!ctx.need('tls', at, 2, end)) return -1;
  const group = ctx.u16(at);
  const t = ctx.tree;
  const keyLength = end - at >= 4 && ctx.available(at, end) >= 4 ? ctx.u16(at + 2) : 0;
  const node = t?.text(
    `Key Share Entry: Group: ${F.keyShareGroup.strings?.[group] ?? 'Unknown'}, Key Exchange length: ${keyLength}`,
    at,
    Math.min(at + 4 + keyLength, end),
  );
  if (t && node) t.open(node);
  t?.add(F.keyShareGroup, at, at + 2, group);
  const n = vectorLength(ctx, at + 2, end, 2, F.keyExchangeLength);
  if (n >= 0 && ctx.need('tls', at + 4, n, end))
    t?.add(F.keyExchange, at + 4, at + 4 + n, hexOf(ctx, at + 4, at + 4 + n));
  if (t && node) t.close();
  return n < 0 ? -1 : at + 4 + n;
}

const keyShare: ExtensionData = (ctx, p, end, hello) => {
  const t = ctx.tree;
  if (hello.helloRetry) {
    if (ctx.need('tls', p, 2, end)) t?.add(F.keyShareSelectedGroup, p, p + 2, ctx.u16(p));
    return;
  }
  if (hello.message !== HandshakeType.ClientHello) {
    if (t) t.open(t.text('Key Share extension', p, end));
    keyShareEntry(ctx, p, end);
    if (t) t.close();
    return;
  }
  if (t) t.open(t.text('Key Share extension', p, end));
  const length = vectorLength(ctx, p, end, 2, F.keyShareClientLength);
  for (let at = p + 2; length >= 0 && at < p + 2 + length && !ctx.stopped;) {
    const next = keyShareEntry(ctx, at, p + 2 + length);
    if (next < 0) break;
    at = next;
  }
  if (t) t.close();
};

const pskModes: ExtensionData = (ctx, p, end) => list(ctx, p, end, 1, 1, F.pskModesLength, null, F.pskMode);

const renegotiationInfo: ExtensionData = (ctx, p, end) => {
  const n = vectorLength(ctx, p, end, 1, F.renegotiationInfoLength);
  if (n > 0) ctx.tree?.text(`Renegotiation Info extension (${n} bytes)`, p + 1, p + 1 + n);
};

const earlyData: ExtensionData = (ctx, p, end, hello) => {
  hello.earlyData = true;
  if (hello.message === HandshakeType.NewSessionTicket && ctx.need('tls', p, 4, end))
    ctx.tree?.add(F.earlyDataMax, p, p + 4, uint(ctx, p, 4));
};

const padding: ExtensionData = (ctx, p, end) => {
  ctx.tree?.add(F.paddingData, p, end, hexOf(ctx, p, end), `Padding Data: ${hexOf(ctx, p, end)}`);
};

const recordSizeLimit: ExtensionData = (ctx, p, end) => {
  if (ctx.need('tls', p, 2, end)) ctx.tree?.add(F.recordSizeLimit, p, p + 2, ctx.u16(p));
};

const statusRequest: ExtensionData = (ctx, p, end) => {
  if (p < end && ctx.need('tls', p, 1, end)) ctx.tree?.add(F.statusRequestType, p, p + 1, ctx.u8(p));
};

export const EXTENSION_DATA: Readonly<Record<number, ExtensionData>> = {
  0: serverName,
  5: statusRequest,
  10: groups,
  11: pointFormats,
  13: signatureAlgorithms,
  16: alpn,
  21: padding,
  28: recordSizeLimit,
  42: earlyData,
  43: supportedVersions,
  45: pskModes,
  // delegated_credentials (RFC 9345 §4.1.1) carries the same list of schemes.
  34: signatureAlgorithms,
  50: signatureAlgorithms,
  51: keyShare,
  65281: renegotiationInfo,
};
