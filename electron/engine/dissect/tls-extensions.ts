/**
 * Hello extensions (RFC 8446 §4.2, RFC 6066, RFC 7301, RFC 8422; IANA "TLS ExtensionType Values"), in
 * ClientHello, ServerHello, HelloRetryRequest, EncryptedExtensions, Certificate and NewSessionTicket.
 *
 *   struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
 *   +--------+--------+--------+--------+---------------------------+
 *   |      type       |     length      |  data (length bytes)      |
 *   +--------+--------+--------+--------+---------------------------+
 *
 * What the session needs (server name, ALPN, the selected version, early data) is collected on both paths;
 * the tree only on the detail path. Extension-specific layouts are in tls-extension-data.ts.
 */
import { TLS } from '../../../shared/fields/tls.js';
import { TLS_EXTENSION_TYPES } from '../../../shared/fields/tls-values.js';
import type { FrameContext } from './context.js';
import { EXTENSION_DATA } from './tls-extension-data.js';
import { uint, vectorLength } from './tls-reader.js';

const F = TLS.fields;
/** RFC 7366's extension number. */
const ENCRYPT_THEN_MAC = 22;
const SESSION_TICKET = 35;

/** What a hello's extensions say that the session keeps. */
export class HelloExtensions {
  /** The HandshakeType of the message carrying them. */
  message = 0;
  helloRetry = false;
  serverName: string | null = null;
  alpn: string[] = [];
  /** supported_versions in a ServerHello / HelloRetryRequest. */
  selectedVersion = 0;
  earlyData = false;
  /** encrypt_then_mac (RFC 7366) was present. */
  encryptThenMac = false;
  /** A ClientHello's non-empty session_ticket (RFC 5077): the client tries to resume with it. */
  sessionTicket: Uint8Array | null = null;

  reset(message: number, helloRetry: boolean): this {
    this.message = message;
    this.helloRetry = helloRetry;
    this.serverName = null;
    this.alpn = [];
    this.selectedVersion = 0;
    this.earlyData = false;
    this.encryptThenMac = false;
    this.sessionTicket = null;
    return this;
  }
}

/** The extensions vector at `p` (its 2-byte length first), within `[p, end)`. */
export function dissectExtensions(ctx: FrameContext, p: number, end: number, hello: HelloExtensions): void {
  const length = vectorLength(ctx, p, end, 2, F.extensionsLength);
  if (length < 0) return;
  const stop = p + 2 + length;
  for (let at = p + 2; at < stop && !ctx.stopped;) {
    if (stop - at < 4) {
      ctx.problem('malformed', 'tls', 'extension header cut by the end of the extensions', at, stop);
      return;
    }
    if (!ctx.need('tls', at, 4, end)) return;
    const type = ctx.u16(at);
    const declared = ctx.u16(at + 2);
    const dataEnd = Math.min(at + 4 + declared, stop);
    extension(ctx, type, at, declared, dataEnd, hello);
    at += 4 + declared;
  }
}

function extensionName(type: number): string {
  return TLS_EXTENSION_TYPES[type] ?? `Unknown type ${type}`;
}

function extension(
  ctx: FrameContext,
  type: number,
  at: number,
  declared: number,
  dataEnd: number,
  hello: HelloExtensions,
): void {
  const t = ctx.tree;
  if (t) {
    t.open(t.text(`Extension: ${extensionName(type)} (len=${declared})`, at, dataEnd));
    t.add(F.extensionType, at, at + 2, type);
    t.add(F.extensionLength, at + 2, at + 4, declared);
  }
  if (at + 4 + declared > dataEnd)
    ctx.problem('malformed', 'tls', `extension length ${declared} runs past the extensions`, at + 2, at + 4);
  if (type === ENCRYPT_THEN_MAC) hello.encryptThenMac = true;
  if (type === SESSION_TICKET && dataEnd > at + 4 && ctx.available(at + 4, dataEnd) === dataEnd - at - 4)
    hello.sessionTicket = ctx.bytes.slice(at + 4, dataEnd);
  const data = EXTENSION_DATA[type];
  if (data) data(ctx, at + 4, dataEnd, hello);
  else if (t && dataEnd - (at + 4) >= 0) {
    const n = dataEnd - at - 4;
    t.add(F.extensionData, at + 4, dataEnd, null, `Data (${n} byte${n === 1 ? '' : 's'})`);
  }
  if (t) t.close();
}

/** The supported_versions extension's selected version, for Wireshark's `tls_scan_server_hello`. */
export function findSelectedVersion(ctx: FrameContext, p: number, end: number): number {
  while (end - p >= 6) {
    const type = uint(ctx, p, 2);
    const length = uint(ctx, p + 2, 2);
    if (end - p < 4 + length) break;
    if (type === 43) return length === 2 ? uint(ctx, p + 4, 2) : 0;
    p += 4 + length;
  }
  return 0;
}
