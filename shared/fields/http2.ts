/** HTTP/2 (RFC 9113) and its header compression (RFC 7541): fields as Wireshark 4.0 names them. */
import { defineProtocol, field, type FieldDef } from './types.js';

export const HTTP2_FRAME_TYPES: Readonly<Record<number, string>> = {
  0: 'DATA',
  1: 'HEADERS',
  2: 'PRIORITY',
  3: 'RST_STREAM',
  4: 'SETTINGS',
  5: 'PUSH_PROMISE',
  6: 'PING',
  7: 'GOAWAY',
  8: 'WINDOW_UPDATE',
  9: 'CONTINUATION',
  10: 'ALTSVC',
  11: 'BLOCKED',
  12: 'ORIGIN',
  16: 'PRIORITY_UPDATE',
};

/** RFC 9113 §7 error codes. */
export const HTTP2_ERRORS: Readonly<Record<number, string>> = {
  0: 'NO_ERROR',
  1: 'PROTOCOL_ERROR',
  2: 'INTERNAL_ERROR',
  3: 'FLOW_CONTROL_ERROR',
  4: 'SETTINGS_TIMEOUT',
  5: 'STREAM_CLOSED',
  6: 'FRAME_SIZE_ERROR',
  7: 'REFUSED_STREAM',
  8: 'CANCEL',
  9: 'COMPRESSION_ERROR',
  10: 'CONNECT_ERROR',
  11: 'ENHANCE_YOUR_CALM',
  12: 'INADEQUATE_SECURITY',
  13: 'HTTP_1_1_REQUIRED',
};

/** SETTINGS identifiers (RFC 9113 §6.5.2, RFC 8441) as Wireshark names them, with each value's field. */
export const HTTP2_SETTINGS: Readonly<Record<number, readonly [string, string, string]>> = {
  1: ['Header table size', 'header_table_size', 'Header table size'],
  2: ['Enable PUSH', 'enable_push', 'Enable PUSH'],
  3: ['Max concurrent streams', 'max_concurrent_streams', 'Max concurrent streams'],
  4: ['Initial Windows size', 'initial_window_size', 'Initial Windows Size'],
  5: ['Max frame size', 'max_frame_size', 'Max frame size'],
  6: ['Max header list size', 'max_header_list_size', 'Max header list size'],
  8: ['Extended CONNECT', 'extended_connect', 'Extended CONNECT'],
};

/** Header names that have a field of their own (`http2.headers.content_type`): HPACK's static table's. */
const NAMED_HEADERS = [
  ':authority',
  ':method',
  ':path',
  ':scheme',
  ':status',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'accept',
  'access-control-allow-origin',
  'age',
  'allow',
  'authorization',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-range',
  'content-type',
  'cookie',
  'date',
  'etag',
  'expect',
  'expires',
  'from',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'last-modified',
  'link',
  'location',
  'max-forwards',
  'proxy-authenticate',
  'proxy-authorization',
  'range',
  'referer',
  'refresh',
  'retry-after',
  'server',
  'set-cookie',
  'strict-transport-security',
  'transfer-encoding',
  'user-agent',
  'vary',
  'via',
  'www-authenticate',
] as const;

/** `http2.headers.<name>` for a header name, as Wireshark registers them (`-` becomes `_`). */
export function headerFieldId(name: string): string {
  return `http2.headers.${name.replace(/^:/, '').replace(/-/g, '_')}`;
}

/** The per-header fields, by header name (`:method` → `http2.headers.method`). */
export const HTTP2_HEADER_FIELDS: Readonly<Record<string, FieldDef>> = Object.fromEntries(
  NAMED_HEADERS.map((name) => [name, field(headerFieldId(name), name, 'string')]),
);

const u32 = (id: string, label: string, options = {}): FieldDef =>
  field(`http2.${id}`, label, 'uint32', options);

export const HTTP2 = defineProtocol(
  { id: 'http2', name: 'HyperText Transfer Protocol 2', short: 'HTTP2' },
  {
    magic: field('http2.magic', 'Magic', 'string'),
    stream: field('http2.stream', 'Stream', 'none'),
    length: field('http2.length', 'Length', 'uint24'),
    type: field('http2.type', 'Type', 'uint8', { strings: HTTP2_FRAME_TYPES }),
    flags: field('http2.flags', 'Flags', 'uint8', { base: 'hex' }),
    flagEndStream: field('http2.flags.end_stream', 'End Stream', 'boolean', { mask: 0x01, bits: 8 }),
    flagEndHeaders: field('http2.flags.eh', 'End Headers', 'boolean', { mask: 0x04, bits: 8 }),
    flagPadded: field('http2.flags.padded', 'Padded', 'boolean', { mask: 0x08, bits: 8 }),
    flagPriority: field('http2.flags.priority', 'Priority', 'boolean', { mask: 0x20, bits: 8 }),
    flagAck: field('http2.flags.ack.settings', 'ACK', 'boolean', { mask: 0x01, bits: 8 }),
    flagPingAck: field('http2.flags.ack.ping', 'ACK', 'boolean', { mask: 0x01, bits: 8 }),
    reserved: u32('r', 'Reserved', { base: 'hex', mask: 0x80000000 }),
    streamId: u32('streamid', 'Stream Identifier', { mask: 0x7fffffff }),
    padLength: field('http2.pad_length', 'Pad Length', 'uint8'),
    padding: field('http2.padding', 'Padding', 'bytes'),
    exclusive: field('http2.exclusive', 'Exclusive', 'boolean', { mask: 0x80000000, bits: 32 }),
    dependency: u32('stream_dependency', 'Stream Dependency', { mask: 0x7fffffff }),
    weight: field('http2.headers.weight', 'Weight', 'uint8'),
    weightReal: field('http2.headers.weight_real', 'Weight real', 'uint16'),
    data: field('http2.data.data', 'Data', 'bytes'),
    headerBlock: field('http2.headers', 'Header Block Fragment', 'bytes'),
    headerLength: u32('header.length', 'Header Length', { generated: true }),
    headerCount: u32('header.count', 'Header Count', { generated: true }),
    header: field('http2.header', 'Header', 'string'),
    headerNameLength: u32('header.name.length', 'Name Length'),
    headerName: field('http2.header.name', 'Name', 'string'),
    headerValueLength: u32('header.value.length', 'Value Length'),
    headerValue: field('http2.header.value', 'Value', 'string'),
    headerUnescaped: field('http2.header.unescaped', 'Unescaped', 'string', { generated: true }),
    headerRepresentation: field('http2.header.repr', 'Representation', 'string'),
    headerIndex: u32('header.index', 'Index'),
    tableSizeUpdate: field('http2.header_table_size_update', 'Header table size update', 'none'),
    tableSize: u32('header_table_size_update.header_table_size', 'Header table size'),
    fullUri: field('http2.request.full_uri', 'Full request URI', 'string', { generated: true }),
    rstError: u32('rst_stream.error', 'Error', { strings: HTTP2_ERRORS, base: 'hex' }),
    settings: field('http2.settings', 'Settings', 'none'),
    settingsId: field('http2.settings.id', 'Settings Identifier', 'uint16', {
      strings: Object.fromEntries(Object.entries(HTTP2_SETTINGS).map(([k, v]) => [k, v[0]])),
    }),
    settingsValue: u32('settings.unknown', 'Unknown Settings'),
    promisedStream: u32('push_promise.promised_stream_id', 'Promised-Stream-ID', { mask: 0x7fffffff }),
    pushPromiseBlock: field('http2.push_promise.header', 'Header Block Fragment', 'bytes'),
    ping: field('http2.ping', 'Ping', 'bytes'),
    pong: field('http2.pong', 'Pong', 'bytes'),
    goawayLastStream: u32('goaway.last_stream_id', 'Promised-Stream-ID', { mask: 0x7fffffff }),
    goawayError: u32('goaway.error', 'Error', { strings: HTTP2_ERRORS, base: 'hex' }),
    goawayData: field('http2.goaway.addata', 'Additional Debug Data', 'bytes'),
    windowIncrement: u32('window_update.window_size_increment', 'Window Size Increment', {
      mask: 0x7fffffff,
    }),
    continuationBlock: field('http2.continuation.header', 'Continuation Header', 'bytes'),
    unknown: field('http2.unknown', 'Unknown', 'bytes'),
    bodyFragments: field('http2.body.fragments', 'Body fragments', 'none', { generated: true }),
    bodyFragment: field('http2.body.fragment', 'Body fragment', 'framenum', { generated: true }),
    bodyFragmentCount: u32('body.fragment.count', 'Body fragment count', { generated: true }),
    bodyLength: u32('body.reassembled.length', 'Reassembled body length', { generated: true }),
    hpackUnknown: field('http2.hpack_state_unknown', 'HPACK state unknown', 'none', { generated: true }),
    ...Object.fromEntries(
      Object.values(HTTP2_SETTINGS).map(([, id, label]) => [`setting:${id}`, u32(`settings.${id}`, label)]),
    ),
    ...Object.fromEntries(Object.entries(HTTP2_HEADER_FIELDS).map(([name, def]) => [`header:${name}`, def])),
  },
);
