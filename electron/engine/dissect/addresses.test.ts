import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv6, ipv4At, ipv6At, macAt } from './addresses.js';
import { hex } from './test-support.js';

describe('address text, as tshark -n prints it', () => {
  it.each([
    ['00000000000000000000000000000001', '::1'],
    ['00000000000000000000000000000000', '::'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    ['00010000000000010000000000000001', '1:0:0:1::1'],
    ['20010db8000100000001000100010001', '2001:db8:1:0:1:1:1:1'],
    ['00000000000000000000ffff01020304', '::ffff:1.2.3.4'],
    ['00000000000000000000000001020304', '::1.2.3.4'],
    ['0064ff9b000000000000000001020304', '64:ff9b::102:304'],
    ['fe800000000000000211 22ff fe334455', 'fe80::211:22ff:fe33:4455'],
  ])('%s → %s (RFC 5952)', (bytes, text) => {
    expect(ipv6At(hex(bytes), 0)).toBe(text);
  });

  it('MAC addresses in lower case, IPv4 dotted', () => {
    expect(macAt(hex('00 1A 2b 3c 4d 5e'), 0)).toBe('00:1a:2b:3c:4d:5e');
    expect(ipv4At(hex('c0a8 00c7'), 0)).toBe('192.168.0.199');
    expect(ipv4At(hex('0000 0000'), 0)).toBe('0.0.0.0');
  });

  it('the caches never return another address text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const mac = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(':');
        expect(macAt(bytes, 0)).toBe(mac);
        expect(ipv4At(bytes, 0)).toBe(Array.from(bytes.subarray(0, 4)).join('.'));
        expect(ipv6At(bytes, 0)).toBe(formatIpv6(bytes, 0));
      }),
      { numRuns: 3000 },
    );
  });
});
