/**
 * HPACK (RFC 7541): the examples of Appendix C, byte for byte, with the dynamic table after each block;
 * the Huffman code against Appendix B's published codes; bad input as error values; a property that
 * decoding never throws and every position stays inside the block.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HUFFMAN_CODES, huffmanDecode } from './hpack-huffman.js';
import { HpackDecoder, Representation, type HpackField } from './hpack.js';
import { hex } from './test-support.js';

function decode(decoder: HpackDecoder, text: string): { headers: [string, string][]; fields: HpackField[] } {
  const bytes = hex(text);
  const fields: HpackField[] = [];
  expect(decoder.decode(bytes, 0, bytes.length, fields)).toBeNull();
  return {
    headers: fields
      .filter((f) => f.representation !== Representation.SizeUpdate)
      .map((f) => [f.name, f.value]),
    fields,
  };
}

const table = (d: HpackDecoder) => [d.tableSize, d.tableEntries.map(([n, v]) => `${n}: ${v}`)];

describe('HPACK Huffman code (Appendix B)', () => {
  it('derives the published codes from the code lengths', () => {
    expect(HUFFMAN_CODES[0]).toEqual([0x1ff8, 13]);
    expect(HUFFMAN_CODES[0x61]).toEqual([0x3, 5]); // 'a'
    expect(HUFFMAN_CODES[0x5c]).toEqual([0x7fff0, 19]); // '\'
    expect(HUFFMAN_CODES[220]).toEqual([0xffffffd, 28]);
    expect(HUFFMAN_CODES[255]).toEqual([0x3ffffee, 26]);
    expect(HUFFMAN_CODES[256]).toEqual([0x3fffffff, 30]); // EOS
    expect(HUFFMAN_CODES.reduce((sum, [, bits]) => sum + 2 ** -bits, 0)).toBe(1);
  });

  it('decodes www.example.com (C.4.1) and rejects EOS, long padding and non-EOS padding', () => {
    // f1e3 c2e5 f23a 6ba0 ab90 f4ff  = "www.example.com"
    const www = hex('f1e3 c2e5 f23a 6ba0 ab90 f4ff');
    expect(new TextDecoder().decode(huffmanDecode(www, 0, www.length) ?? new Uint8Array())).toBe(
      'www.example.com',
    );
    const eos = hex('ffff fffc'); // 30 ones: EOS itself
    expect(huffmanDecode(eos, 0, eos.length)).toBeNull();
    const longPadding = hex('1f ff'); // 'a' (00011) then 11 ones of padding
    expect(huffmanDecode(longPadding, 0, longPadding.length)).toBeNull();
    const zeroPadding = hex('18'); // 'a' then 000
    expect(huffmanDecode(zeroPadding, 0, zeroPadding.length)).toBeNull();
  });
});

describe('HPACK header blocks (Appendix C)', () => {
  it('C.2: literal representations and an indexed field', () => {
    const d = new HpackDecoder();
    // 400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572   custom-key: custom-header
    expect(decode(d, '400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572').headers).toEqual([
      ['custom-key', 'custom-header'],
    ]);
    expect(table(d)).toEqual([55, ['custom-key: custom-header']]);
    // 040c 2f73 616d 706c 652f 7061 7468   :path: /sample/path, not indexed
    const { fields } = decode(new HpackDecoder(), '040c 2f73 616d 706c 652f 7061 7468');
    expect(fields[0]).toMatchObject({
      representation: Representation.WithoutIndexing,
      index: 4,
      name: ':path',
      value: '/sample/path',
      start: 0,
      end: 14,
      valueStart: 1,
      valueLength: 13,
    });
    // 1008 7061 7373 776f 7264 0673 6563 7265 74   password: secret, never indexed
    const never = decode(new HpackDecoder(), '1008 7061 7373 776f 7264 0673 6563 7265 74').fields[0];
    expect(never).toMatchObject({
      representation: Representation.NeverIndexed,
      name: 'password',
      value: 'secret',
      nameStart: 1,
      nameLength: 9,
    });
    expect(decode(new HpackDecoder(), '82').headers).toEqual([[':method', 'GET']]);
  });

  it('C.3: requests without Huffman, sharing one dynamic table', () => {
    const d = new HpackDecoder();
    expect(decode(d, '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d').headers).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
    ]);
    expect(table(d)).toEqual([57, [':authority: www.example.com']]);
    decode(d, '8286 84be 5808 6e6f 2d63 6163 6865');
    expect(table(d)).toEqual([110, ['cache-control: no-cache', ':authority: www.example.com']]);
    const third = decode(d, '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65');
    expect(third.headers).toContainEqual(['custom-key', 'custom-value']);
    expect(third.headers).toContainEqual([':authority', 'www.example.com']);
    expect(d.tableSize).toBe(164);
  });

  it('C.4: the same requests with Huffman coding', () => {
    const d = new HpackDecoder();
    decode(d, '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff');
    decode(d, '8286 84be 5886 a8eb 1064 9cbf');
    const third = decode(d, '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf');
    expect(third.headers).toEqual([
      [':method', 'GET'],
      [':scheme', 'https'],
      [':path', '/index.html'],
      [':authority', 'www.example.com'],
      ['custom-key', 'custom-value'],
    ]);
    expect(table(d)).toEqual([
      164,
      ['custom-key: custom-value', 'cache-control: no-cache', ':authority: www.example.com'],
    ]);
  });

  const c5 = [
    '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
    '4803 3330 37c1 c0bf',
    '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31',
  ];
  const c6 = [
    '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
    '4883 640e ffc1 c0bf',
    '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
  ];
  it.each([
    ['C.5 (plain)', c5],
    ['C.6 (Huffman)', c6],
  ])('%s: responses with a 256-byte table, evicting as they go', (_, blocks) => {
    const d = new HpackDecoder();
    d.maxSize = 256;
    decode(d, blocks[0] ?? '');
    expect(d.tableSize).toBe(222);
    const second = decode(d, blocks[1] ?? '');
    expect(second.headers[0]).toEqual([':status', '307']);
    expect(table(d)).toEqual([
      222,
      [
        ':status: 307',
        'location: https://www.example.com',
        'date: Mon, 21 Oct 2013 20:13:21 GMT',
        'cache-control: private',
      ],
    ]);
    const third = decode(d, blocks[2] ?? '');
    expect(third.headers).toEqual([
      [':status', '200'],
      ['cache-control', 'private'],
      ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'],
      ['location', 'https://www.example.com'],
      ['content-encoding', 'gzip'],
      ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1'],
    ]);
    expect(table(d)).toEqual([
      215,
      [
        'set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1',
        'content-encoding: gzip',
        'date: Mon, 21 Oct 2013 20:13:22 GMT',
      ],
    ]);
  });
});

describe('HPACK errors are values', () => {
  const error = (text: string, d = new HpackDecoder()) => {
    const bytes = hex(text);
    return d.decode(bytes, 0, bytes.length, []);
  };

  it('reports an index outside both tables, a cut integer or string, a too large table', () => {
    expect(error('be')).toMatchObject({ kind: 'malformed', message: 'index 62 is not in the table' });
    expect(error('ff')).toMatchObject({ kind: 'truncated' }); // 7-bit prefix full, continuation missing
    expect(error('400a 6375 7374')).toMatchObject({ kind: 'truncated' }); // name of 10 bytes, 3 there
    expect(error('3f e1 ff ff 7f')).toMatchObject({ kind: 'malformed' }); // size update of ~2^28
    expect(error('408a ffff ffff')).toMatchObject({ kind: 'truncated' });
  });

  it('applies a size update: a smaller table evicts, zero empties it', () => {
    const d = new HpackDecoder();
    decode(d, '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d');
    // 20 = Dynamic Table Size Update to 0
    const { fields } = decode(d, '20');
    expect(fields[0]).toMatchObject({ representation: Representation.SizeUpdate, index: 0 });
    expect(table(d)).toEqual([0, []]);
  });

  it('never throws, and every position lies inside the block', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 0, max: 4096 }), (bytes, size) => {
        const d = new HpackDecoder();
        d.maxSize = size;
        const fields: HpackField[] = [];
        d.decode(bytes, 0, bytes.length, fields);
        for (const f of fields) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(bytes.length);
          if (f.valueStart >= 0) expect(f.valueStart + f.valueLength).toBeLessThanOrEqual(f.end);
        }
        expect(d.tableSize).toBeLessThanOrEqual(size);
      }),
      { numRuns: 2000 },
    );
  });
});
