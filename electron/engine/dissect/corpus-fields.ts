/**
 * For the corpus test: the DNS, HTTP, TLS and HTTP/2 fields that tshark's `.fields.tsv` lists, read from our
 * details tree and written the way `tshark -T fields` writes them (occurrences joined with `,`, Transaction
 * ID and TLS versions in hex, booleans as 1/0), so that they compare as strings.
 */
import type { DissectedField, FrameDissection } from '../../../shared/dissection.js';

const hex4 = (v: DissectedField['value']): string => `0x${Number(v).toString(16).padStart(4, '0')}`;

/** The compared fields and how tshark renders each value. */
export const COMPARED_FIELDS: Readonly<Record<string, (value: DissectedField['value']) => string>> = {
  'dns.id': hex4,
  'dns.flags.response': (v) => (v ? '1' : '0'),
  'dns.qry.name': String,
  'dns.qry.type': String,
  'dns.a': String,
  'dns.aaaa': String,
  'http.request.method': String,
  'http.request.uri': String,
  'http.response.code': String,
  'http.content_length_header': String,
  'http.transfer_encoding': String,
  'tls.record.content_type': String,
  'tls.record.version': hex4,
  'tls.handshake.type': String,
  'tls.handshake.version': hex4,
  'tls.handshake.ciphersuite': hex4,
  'tls.handshake.extensions_server_name': String,
  'tls.handshake.extensions_alpn_str': String,
  'http2.type': String,
  'http2.streamid': String,
  'http2.header.name': String,
};

function* walk(fields: readonly DissectedField[]): Generator<DissectedField> {
  for (const field of fields) {
    yield field;
    if (field.children) yield* walk(field.children);
  }
}

/** Our value of each compared field in `tshark -T fields` form ('' when absent). */
export function fieldValues(dissection: FrameDissection): Record<string, string> {
  const found: Record<string, string[]> = {};
  for (const layer of dissection.layers)
    for (const field of walk(layer.fields)) {
      const render = COMPARED_FIELDS[field.id];
      if (render) (found[field.id] ??= []).push(render(field.value));
    }
  const out: Record<string, string> = {};
  for (const id of Object.keys(COMPARED_FIELDS)) out[id] = (found[id] ?? []).join(',');
  return out;
}
