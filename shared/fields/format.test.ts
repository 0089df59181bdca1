import { describe, expect, it } from 'vitest';
import { formatFieldLine, formatValue } from './format.js';
import { allFieldIds, fieldById, PROTOCOLS, protocolById } from './index.js';
import { field, SET_NOT_SET } from './types.js';

describe('tree lines as Wireshark writes them', () => {
  it.each([
    [field('tcp.srcport', 'Source Port', 'uint16'), 443, 'Source Port: 443'],
    [
      field('eth.type', 'Type', 'uint16', { base: 'hex', strings: { 0x0800: 'IPv4' } }),
      0x0800,
      'Type: IPv4 (0x0800)',
    ],
    [field('eth.type', 'Type', 'uint16', { base: 'hex', strings: {} }), 0x9999, 'Type: Unknown (0x9999)'],
    [
      field('ip.id', 'Identification', 'uint16', { base: 'hex_dec' }),
      0x29a9,
      'Identification: 0x29a9 (10665)',
    ],
    [field('icmp.ident', 'Identifier (BE)', 'uint16', { base: 'dec_hex' }), 1, 'Identifier (BE): 1 (0x0001)'],
    [field('ip.proto', 'Protocol', 'uint8', { strings: { 6: 'TCP' } }), 6, 'Protocol: TCP (6)'],
    [field('ip.version', 'Version', 'uint8', { mask: 0xf0 }), 4, '0100 .... = Version: 4'],
    [
      field('ip.flags.df', "Don't fragment", 'boolean', { mask: 0x40, tfs: SET_NOT_SET }),
      true,
      ".1.. .... = Don't fragment: Set",
    ],
    [
      field('tcp.flags.syn', 'Syn', 'boolean', { mask: 0x002, bits: 12, tfs: SET_NOT_SET }),
      true,
      '.... .... ..1. = Syn: Set',
    ],
    [
      field('ip.frag_offset', 'Fragment Offset', 'uint16', { mask: 0x1fff }),
      185,
      '...0 0000 1011 1001 = Fragment Offset: 185',
    ],
    [field('tcp.stream', 'Stream index', 'uint32', { generated: true }), 3, '[Stream index: 3]'],
    [field('ip.src', 'Source Address', 'ipv4'), '10.0.0.1', 'Source Address: 10.0.0.1'],
    [
      field('tcp.options.nop', 'TCP Option - No-Operation (NOP)', 'none'),
      null,
      'TCP Option - No-Operation (NOP)',
    ],
    [field('x.len', 'Length', 'uint16', { unit: ' bytes' }), 8, 'Length: 8 bytes'],
  ])('%#: %s', (def, value, line) => {
    expect(formatFieldLine(def, value)).toBe(line);
  });

  it('booleans default to True/False without a bit mask', () => {
    expect(formatValue(field('arp.isgratuitous', 'Is gratuitous', 'boolean'), false)).toBe('False');
  });
});

describe('the field registry', () => {
  it('gives field ids in Wireshark display-filter syntax; an id declared twice (display variants) keeps one type', () => {
    // Wireshark registers some abbreviations more than once (mDNS's class with its cache-flush bit,
    // the AD flag of queries and responses): a filter on the id matches either, so the type must agree.
    const types = new Map<string, string>();
    for (const f of PROTOCOLS.flatMap((p) => Object.values(p.fields))) {
      // Wireshark's ASN.1 fields keep their ASN.1 names' capitals (`x509af.serialNumber`, `x509ce.dNSName`).
      expect(f.id).toMatch(/^[a-z0-9_]+(\.[A-Za-z0-9_]+)*$/);
      expect(types.get(f.id) ?? f.type, f.id).toBe(f.type);
      types.set(f.id, f.type);
    }
    expect(types.size).toBeGreaterThan(300);
  });

  it('finds fields and protocols by id', () => {
    expect(fieldById('tcp.srcport')).toMatchObject({ label: 'Source Port', type: 'uint16' });
    expect(fieldById('ip.src')?.type).toBe('ipv4');
    expect(protocolById('ipv6.fraghdr')?.name).toBe('Fragment Header for IPv6');
    expect(fieldById('no.such.field')).toBeUndefined();
    expect(allFieldIds()).toContain('icmpv6.nd.ns.target_address');
  });

  it('every field of a protocol lives under its id', () => {
    for (const { protocol, fields } of PROTOCOLS) {
      for (const def of Object.values(fields))
        expect(def.id.startsWith(`${protocol.id}.`) || protocol.id === 'frame').toBe(true);
    }
  });
});
