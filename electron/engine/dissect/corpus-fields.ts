/**
 * For the corpus test: the DNS and HTTP fields that tshark's `.fields.tsv` lists, read from our details
 * tree and written the way `tshark -T fields` writes them (occurrences joined with `,`, Transaction ID in
 * hex, booleans as 1/0), so that they compare as strings.
 */
import type { DissectedField, FrameDissection } from '../../../shared/dissection.js';

/** The compared fields and how tshark renders each value. */
export const COMPARED_FIELDS: Readonly<Record<string, (value: DissectedField['value']) => string>> = {
  'dns.id': (v) => `0x${Number(v).toString(16).padStart(4, '0')}`,
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
