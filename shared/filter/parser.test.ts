/**
 * The grammar: precedence as Wireshark's (`and` over `or`, `xor` between, `!` over both, `&` over
 * comparisons, `*` over `+`), every operator spelling, sets, slices, layers, functions, and syntax
 * errors at the exact character, with tshark 4's messages (checked against tshark 4.0.17 by hand).
 */
import { describe, expect, it } from 'vitest';
import type { ExprNode } from './ast.js';
import { FilterError } from './errors.js';
import { parseFilter } from './parser.js';
import { printFilter } from './printer.js';

function shape(node: ExprNode | null): string {
  return printFilter(node);
}

function error(text: string): { position: number; length: number; message: string } {
  try {
    parseFilter(text);
  } catch (e) {
    if (e instanceof FilterError) return { position: e.position, length: e.length, message: e.message };
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('display-filter grammar', () => {
  it('binds and tighter than xor, xor tighter than or, as Wireshark does', () => {
    const ast = parseFilter('a || b && c');
    expect(ast?.kind === 'logical' && ast.op).toBe('or');
    expect(shape(parseFilter('(a || b) && c'))).toBe('(a || b) && c');
    const x = parseFilter('a ^^ b && c || d');
    expect(x?.kind === 'logical' && x.op).toBe('or');
    expect(shape(x)).toBe('a ^^ b && c || d');
    expect(shape(parseFilter('a || (b || c)'))).toBe('a || (b || c)');
  });

  it('negates a whole relation: !a == 1 is !(a == 1)', () => {
    const ast = parseFilter('!tcp.port == 80');
    expect(ast?.kind).toBe('not');
    expect(ast?.kind === 'not' && ast.operand.kind).toBe('compare');
    expect(shape(ast)).toBe('!(tcp.port == 80)');
    expect(shape(parseFilter('not not tcp'))).toBe('!!tcp');
  });

  it('reads every comparison spelling as its Wireshark 4 operator', () => {
    const ops = [
      '==',
      'eq',
      'any_eq',
      '!=',
      'ne',
      'all_ne',
      '===',
      'all_eq',
      '!==',
      'any_ne',
      '>',
      'gt',
      '<',
      'lt',
      '>=',
      'ge',
      '<=',
      'le',
    ];
    const printed = ops.map((op) => shape(parseFilter(`a ${op} 1`)));
    expect(printed).toEqual([
      'a == 1',
      'a == 1',
      'a == 1',
      'a != 1',
      'a != 1',
      'a != 1',
      'a === 1',
      'a === 1',
      'a !== 1',
      'a !== 1',
      'a > 1',
      'a > 1',
      'a < 1',
      'a < 1',
      'a >= 1',
      'a >= 1',
      'a <= 1',
      'a <= 1',
    ]);
    expect(shape(parseFilter('a && b and c || d or e ^^ f xor g'))).toBe('a && b && c || d || e ^^ f ^^ g');
    expect(shape(parseFilter('x ~ "y" && x matches "z" && x contains 00:01'))).toBe(
      'x matches "y" && x matches "z" && x contains 00:01',
    );
  });

  it('keeps addresses, prefixes and byte strings as single words', () => {
    const ast = parseFilter(
      'ip.addr == 10.20.0.0/24 && ipv6.addr == fe80::1/64 && eth.src == 00:1a:2b:3c:4d:5e',
    );
    expect(shape(ast)).toBe(
      'ip.addr == 10.20.0.0/24 && ipv6.addr == fe80::1/64 && eth.src == 00:1a:2b:3c:4d:5e',
    );
  });

  it('reads sets with commas and ranges, and not in', () => {
    const ast = parseFilter('tcp.port in {443, 8443, 9000..9100}');
    expect(ast?.kind === 'in' && ast.elements.length).toBe(3);
    expect(ast?.kind === 'in' && ast.elements[2]?.high?.kind).toBe('word');
    expect(shape(parseFilter('tcp.port not in {80,-1..2}'))).toBe('tcp.port not in {80, -1..2}');
  });

  it('reads slices, layers, functions and arithmetic with Wireshark precedence', () => {
    expect(shape(parseFilter('eth.src[0:3] == 00:1a:2b'))).toBe('eth.src[0:3] == 00:1a:2b');
    expect(shape(parseFilter('x[1-2,4,:2,3:]'))).toBe('x[1-2,4,0:2,3:]');
    expect(shape(parseFilter('ip.src#2 == 1.2.3.4 && ip.dst#[1-2]'))).toBe(
      'ip.src#2 == 1.2.3.4 && ip.dst#[1-2]',
    );
    expect(shape(parseFilter('len(http.host) > 10 && count(ip.addr) == 2 && max(a, b) < 3'))).toBe(
      'len(http.host) > 10 && count(ip.addr) == 2 && max(a, b) < 3',
    );
    const arith = parseFilter('a + b * c == {a + b} * c');
    expect(shape(arith)).toBe('a + b * c == {a + b} * c');
    const bitand = parseFilter('tcp.flags & 0x02 == 2');
    expect(bitand?.kind === 'compare' && bitand.left.kind).toBe('arith');
  });

  it('reads strings with escapes, raw strings and character constants', () => {
    const ast = parseFilter('a == "x\\"y\\\\z\\n\\x41\\101" && b == r"\\d+" && c == \'\\n\'');
    expect(shape(ast)).toBe('a == "x\\"y\\\\z\\nAA" && b == "\\\\d+" && c == \'\\x0a\'');
  });

  it('reads quantifiers', () => {
    expect(shape(parseFilter('all tcp.port > 1024 && any ip.addr == 1.2.3.4'))).toBe(
      'all tcp.port > 1024 && any ip.addr == 1.2.3.4',
    );
  });

  it('accepts an empty filter', () => {
    expect(parseFilter('   ')).toBeNull();
  });
});

describe('syntax errors at the exact character, in tshark 4 words', () => {
  it.each([
    ['tcp.port ==', 11, 0, 'Unexpected end of filter expression.'],
    ['tcp.port == 80 &&', 17, 0, 'Unexpected end of filter expression.'],
    ['(tcp.port == 80', 15, 0, 'Unexpected end of filter expression.'],
    ['tcp.port == 80)', 14, 1, '")" was unexpected in this context.'],
    ['tcp.port in {80 443}', 16, 3, '"443" was unexpected in this context.'],
    ['tcp.port in {}', 13, 1, '"}" was unexpected in this context.'],
    ['tcp.port in {80,}', 16, 1, '"}" was unexpected in this context.'],
    ['tcp.port = 80', 9, 1, '"=" was unexpected in this context.'],
    ['== 80', 0, 2, '"==" was unexpected in this context.'],
    ['tcp.port 80', 9, 2, '"80" was unexpected in this context.'],
    ['()', 1, 1, '")" was unexpected in this context.'],
    ['http.host == "abc', 13, 4, 'The final quote was missing from a quoted string.'],
    ['http.host == "\\d"', 14, 2, '\\d is not a valid character escape sequence'],
    ['eth.src[0:3', 11, 0, 'The right bracket was missing from a slice.'],
    ['eth.src[x] == 00', 8, 1, '"x" is not a valid number.'],
    ['ip.src#x', 7, 1, 'Expected digit or "[", not "x"'],
    ['tcp.port == 80 == 80', 15, 2, '"==" was unexpected in this context.'],
    ['any tcp.port', 12, 0, 'Unexpected end of filter expression.'],
  ])('%s', (text, position, length, message) => {
    expect(error(text)).toEqual({ position, length, message });
  });
});
