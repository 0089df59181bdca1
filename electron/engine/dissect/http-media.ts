/**
 * What Wireshark 4.0 does with an HTTP body, by its media type (its `media_type` dissector table): which
 * dissector takes it (its name in `frame.protocols`), what it adds to Info (` (text/html)`, ` (PNG)`,
 * ` (JPEG JFIF image)`) or to the Protocol column (`HTTP/XML`), and the layer it shows. Only these words
 * are reproduced; the bodies themselves are shown as bytes (and text lines for text).
 */

export interface MediaHandler {
  /** Name in `frame.protocols`. */
  readonly chain: string;
  /** Added to the Protocol column (`/XML`), or ''. */
  readonly protocolSuffix: string;
  /** Info text after the message's, from the media type and the body's first bytes. */
  info(type: string, body: Uint8Array): string;
  /** The layer's title. */
  title(type: string, body: Uint8Array): string;
  /** Replaces the protocol column and Info altogether (OCSP). */
  readonly replaces?: { readonly protocol: string; info(type: string): string };
  /** Whether the dissector takes this body (image dissectors check the file signature); default yes. */
  accepts?(body: Uint8Array): boolean;
}

const parenthesised = (type: string): string => ` (${type})`;

const TEXT_LINES: MediaHandler = {
  chain: 'data-text-lines',
  protocolSuffix: '',
  info: parenthesised,
  title: (type, body) => `Line-based text data: ${type} (${countLines(body)} lines)`,
};

const MEDIA: MediaHandler = {
  chain: 'media',
  protocolSuffix: '',
  info: parenthesised,
  title: (type, body) => `Media Type: ${type} (${body.length} bytes)`,
};

function startsWithBytes(body: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => body[i] === b);
}

/**
 * Wireshark's JFIF dissector takes a start-of-image marker followed by an APP0 (JFIF) or APP1 (Exif)
 * segment; other JPEGs (a Photoshop APP13 first) fall to `media`.
 */
const JFIF: MediaHandler = {
  chain: 'image-jfif',
  protocolSuffix: '',
  info: () => ' (JPEG JFIF image)',
  title: () => 'JPEG File Interchange Format',
  accepts: (body) => startsWithBytes(body, [0xff, 0xd8, 0xff]) && (body[3] === 0xe0 || body[3] === 0xe1),
};

const HANDLERS: Readonly<Record<string, MediaHandler>> = {
  'image/jpeg': JFIF,
  'image/jpg': JFIF,
  'image/jfif': JFIF,
  'image/pjpeg': JFIF,
  'image/png': {
    chain: 'png',
    protocolSuffix: '',
    info: () => ' (PNG)',
    title: () => 'Portable Network Graphics',
    accepts: (body) => startsWithBytes(body, [0x89, 0x50, 0x4e, 0x47]),
  },
  'image/gif': {
    chain: 'image-gif',
    protocolSuffix: '',
    info: (_type, body) => ` (${gifVersion(body)})`,
    title: (_type, body) => `Compuserve GIF, Version: ${gifVersion(body)}`,
    accepts: (body) => startsWithBytes(body, [0x47, 0x49, 0x46, 0x38]),
  },
  'application/json': {
    chain: 'json',
    protocolSuffix: '/JSON',
    info: (type) => `, JavaScript Object Notation (${type})`,
    title: (type) => `JavaScript Object Notation: ${type}`,
  },
  'application/x-www-form-urlencoded': {
    chain: 'urlencoded-form',
    protocolSuffix: '',
    info: parenthesised,
    title: (type) => `HTML Form URL Encoded: ${type}`,
  },
  'application/ocsp-request': {
    chain: 'ocsp',
    protocolSuffix: '',
    info: () => '',
    title: () => 'Online Certificate Status Protocol',
    replaces: { protocol: 'OCSP', info: () => 'Request' },
  },
  'application/ocsp-response': {
    chain: 'ocsp',
    protocolSuffix: '',
    info: () => '',
    title: () => 'Online Certificate Status Protocol',
    replaces: { protocol: 'OCSP', info: () => 'Response' },
  },
};

const XML: MediaHandler = {
  chain: 'xml',
  protocolSuffix: '/XML',
  info: () => '',
  title: () => 'eXtensible Markup Language',
};

/** Media types the line-based text dissector registers for besides `text/*`. */
const TEXT_TYPES = new Set([
  'text/plain',
  'text/html',
  'text/css',
  'text/javascript',
  'text/richtext',
  'text/enriched',
  'text/parameters',
  'text/vnd.sun.j2me.app-descriptor',
  'application/x-javascript',
  'application/x-ns-proxy-autoconfig',
  'application/vnd.poc.refer-to',
  'application/vnd.drm.message',
  'application/x-wms-logplaystats',
  'application/x-rtsp-udp-packetpair',
]);

function isXml(type: string): boolean {
  return type === 'text/xml' || type === 'application/xml' || type.endsWith('+xml');
}

const XML_DECLARATION = [0x3c, 0x3f, 0x78, 0x6d, 0x6c] as const;

/**
 * The handler for a body of (lower-case, parameter-free) media type `type`: HTTP tries the XML heuristic
 * first (a body starting with `<?xml`), then the media type table, then the generic media dissector.
 */
export function mediaHandler(type: string, body: Uint8Array): MediaHandler {
  if (startsWithBytes(body, XML_DECLARATION)) return XML;
  const known = HANDLERS[type];
  if (known && (known.accepts?.(body) ?? true)) return known;
  if (known || isXml(type)) return known ? MEDIA : XML;
  return TEXT_TYPES.has(type) ? TEXT_LINES : MEDIA;
}

function gifVersion(body: Uint8Array): string {
  let text = '';
  for (let i = 0; i < 6 && i < body.length; i++) text += String.fromCharCode(body[i] ?? 0);
  return text;
}

export function countLines(body: Uint8Array): number {
  if (body.length === 0) return 0;
  let lines = 0;
  for (let i = 0; i < body.length; i++) if (body[i] === 0x0a) lines++;
  return body[body.length - 1] === 0x0a ? lines : lines + 1;
}

/** The boundary parameter of a multipart type (`boundary=xyz` or quoted). */
export function multipartBoundary(parameters: string): string {
  const match = /boundary\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(parameters);
  return match ? (match[2] ?? match[1] ?? '') : '';
}
