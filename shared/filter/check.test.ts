/**
 * The semantic check against the field registry: names, types, literals, operators, functions.
 * Messages are tshark 4.0.17's (`tshark -r F -Y …` prints them with a caret under the same span),
 * except where noted: Hammerhead quotes the name in "neither a field nor a protocol" as the issue
 * asks, and accepts `true`/`false` and `xor` as Wireshark 4.2 does.
 */
import { describe, expect, it } from 'vitest';
import { checkFilter } from './check.js';

function problem(text: string) {
  const result = checkFilter(text);
  expect(result.ok, text).toBe(false);
  return result.error;
}

describe('checkFilter', () => {
  it.each([
    ['htpp', 0, 4, '"htpp" is neither a field nor a protocol name.'],
    ['tcp.port == abc', 12, 3, '"abc" is not a valid number.'],
    ['tcp.port == 70000', 12, 5, '"70000" too big for this field, maximum 65535.'],
    ['ip.proto == tcp', 12, 3, 'ip.proto and tcp are not of compatible types.'],
    ['ip.src == eth.src', 10, 7, 'ip.src and eth.src are not of compatible types.'],
    [
      'tcp.port contains 80',
      0,
      8,
      'tcp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.',
    ],
    [
      'tcp.port matches "x"',
      0,
      8,
      'tcp.port (type=Unsigned integer (2 bytes)) cannot participate in matches comparison.',
    ],
    ['ip.src == 1.2.3', 10, 5, '"1.2.3" is not a valid hostname or IPv4 address.'],
    ['eth.src == zz', 11, 2, '"zz" is not a valid Ethernet address.'],
    [
      'frame.len[0:2] == 00:00',
      0,
      9,
      '"frame.len" is a Unsigned integer (4 bytes) and cannot be sliced into a sequence of bytes.',
    ],
    ['foo(1)', 0, 3, "Function 'foo' does not exist"],
    ['"abc"', 0, 5, '"abc" is neither a field nor a protocol name.'],
    ['tcp.port == "80"', 12, 4, 'Unsigned integer (2 bytes) cannot be converted from a string ("80").'],
    ['ip.addr == 10.0.0.0/33', 11, 11, 'Netmask bits in a CIDR IPv4 address should be <= 32, not 33'],
    [
      'tcp.analysis.retransmission == 1',
      0,
      27,
      'tcp.analysis.retransmission (type=Label) cannot participate in == comparison.',
    ],
    ['upper(tcp.port) == 3', 6, 8, 'Only string type fields can be used as parameter for upper()'],
    ['80 == tcp.port', 0, 2, 'Left side of "==" expression must be a field or function, not 80.'],
    [
      'eth.src == "00:00:01:00:00:00"',
      11,
      19,
      'Ethernet or other MAC address cannot be converted from a string ("00:00:01:00:00:00").',
    ],
    ['ip.src == "1.2.3.4"', 10, 9, 'IPv4 address cannot be converted from a string ("1.2.3.4").'],
    [
      'frame.time > 1084443429',
      13,
      10,
      '"1084443429" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"',
    ],
    ['ip.proto == bogus', 12, 5, '"bogus" cannot be found among the possible values for ip.proto.'],
    ['tcp.port == 80 && http.hots == "x"', 18, 9, '"http.hots" is neither a field nor a protocol name.'],
  ])('%s', (text, position, length, message) => {
    expect(problem(text)).toEqual({ position, length, message });
  });

  it('accepts every type of literal', () => {
    for (const text of [
      'tcp.port == 443',
      'tcp.port == 0x1bb || tcp.port == 0673 || tcp.port == 0b110111011',
      'ip.addr == 10.20.0.0/24',
      'ipv6.addr == fe80::/10 && ipv6.src == ::ffff:10.0.0.1',
      'eth.addr == 00:1a:2b:3c:4d:5e || eth.src == 001a.2b3c.4d5e || eth.dst == 00-1a-2b-3c-4d-5e',
      'eth.src[0:3] == 00:1a:2b',
      'http.host == "example.com" && http.request.method == GET',
      'http.user_agent contains "curl" && http.request.uri matches "(?i)^/API"',
      'tcp.flags.syn == 1 && tcp.flags.ack == Set && tcp.flags.fin == false',
      'ip.proto == TCP && ip.proto == "udp" && ip.proto == ipv6_hop_by_hop_option',
      'tls.handshake.type == client_hello || tls.handshake.type == "Server Hello"',
      "ip.ttl == 'a'",
      'frame.time >= "2024-01-02 03:04:05.25" && frame.time < "Jan  2, 2024 03:04:06"',
      'frame.time_relative > 1.5 && frame.time_delta < 0.001',
      'tcp.payload contains "GET" && tcp.payload[0:4] == 47:45:54:20',
    ]) {
      const result = checkFilter(text);
      expect(result.error, text).toBeNull();
    }
  });

  it('types functions and arithmetic as Wireshark does', () => {
    for (const text of [
      'len(http.host) > 10',
      'count(ip.addr) == 2',
      'lower(http.host) == "x"',
      'string(frame.number) == "1"',
      'max(tcp.srcport, tcp.dstport) == 443',
      'tcp.srcport + 1 == tcp.dstport',
      '{frame.len * 2} > 100',
      'tcp.flags & 0x12',
    ]) {
      expect(checkFilter(text).error, text).toBeNull();
    }
    expect(checkFilter('len(tcp.port) > 1').error?.message).toBe(
      'tcp.port (type=Unsigned integer (2 bytes)) has no length.',
    );
    expect(checkFilter('abs(-1) == 1').error?.message).toBe('Function abs needs a field as its argument.');
    expect(checkFilter('{1 + 2} == frame.len').error?.message).toBe(
      'Constant arithmetic expression on the LHS is invalid.',
    );
  });

  it('warns about deprecated names and keeps working', () => {
    const result = checkFilter('tcp.flags.ns == 1');
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { position: 0, length: 12, message: '"tcp.flags.ns" is deprecated; use "tcp.flags.ae" instead.' },
    ]);
  });

  it('knows the either-side fields and markers', () => {
    expect(checkFilter('ip.addr == 1.2.3.4 && tcp.port == 80 && udp.port == 53 && ipv6.addr == ::1').ok).toBe(
      true,
    );
    expect(checkFilter('http.request && !http.response').ok).toBe(true);
  });

  it('gives the normal form', () => {
    expect(checkFilter('tcp.port eq 443 and not tcp.analysis.retransmission').normalized).toBe(
      'tcp.port == 443 && !tcp.analysis.retransmission',
    );
    expect(checkFilter('').ok).toBe(true);
    expect(checkFilter('').test).toBeNull();
  });
});
