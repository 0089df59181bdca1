/** Autocomplete: names at the start of a test, operators after a field, value names after an operator. */
import { describe, expect, it } from 'vitest';
import { completeFilter } from './complete.js';
import { resolveName } from './fields.js';

const labels = (text: string, cursor = text.length) =>
  completeFilter(text, cursor).suggestions.map((s) => s.label);

describe('completeFilter', () => {
  it('offers field names that start with what is typed, with description and type', () => {
    const { from, to, suggestions } = completeFilter('tcp.port == 80 && tcp.analysis.retr', 35);
    expect([from, to]).toEqual([18, 35]);
    expect(suggestions.map((s) => s.label)).toContain('tcp.analysis.retransmission');
    const srcport = completeFilter('tcp.srcp', 8).suggestions.find((s) => s.label === 'tcp.srcport');
    expect(srcport).toEqual({
      label: 'tcp.srcport',
      kind: 'field',
      detail: 'Source Port · Unsigned integer (2 bytes)',
    });
  });

  it('offers protocols first and functions too', () => {
    const suggestions = completeFilter('ht', 2).suggestions;
    expect(suggestions[0]).toMatchObject({ label: 'http', kind: 'protocol' });
    expect(labels('le')).toContain('len(');
  });

  it.skipIf(!resolveName('tls.handshake.extensions_server_name'))(
    'offers the TLS SNI field after tls.handsh',
    () => {
      expect(labels('tls.handsh')).toContain('tls.handshake.extensions_server_name');
    },
  );

  it('offers operators after a field and logical operators after a test', () => {
    expect(labels('tcp.port ')).toEqual(expect.arrayContaining(['==', '!=', 'in', 'contains']));
    expect(labels('tcp.port == 80 ')).toEqual(['&&', '||', '^^']);
  });

  it('offers value names of enum and boolean fields', () => {
    expect(labels('ip.proto == ')).toEqual(expect.arrayContaining(['TCP', 'UDP', 'ICMP']));
    expect(labels('ip.proto == TC')).toContain('TCP');
    expect(labels('tcp.flags.syn == ')).toEqual(['Set', '"Not set"']);
    expect(labels('ip.proto in {6, U')).toContain('UDP');
  });

  it('offers nothing inside a broken string', () => {
    expect(labels('http.host == "ab')).toEqual([]);
  });
});
