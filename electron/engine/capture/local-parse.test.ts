/** The helpers' text, parsed: interface lists, OS counters, counter reports, filter errors. */
import { describe, expect, it } from 'vitest';
import { compilerMessage, headerOnlyPcap } from './bpf-validate.js';
import { linkTypeOfArphrd, parseInterfaceList, parseNetstat, parseProcNetDev } from './interfaces-parse.js';
import { classifyFailure } from './local-privileges.js';
import { parseStatsLine, StatsParser, type HelperCounters } from './local-stats.js';

describe('interface lists', () => {
  it('reads tcpdump -D with descriptions and flags', () => {
    const text = [
      '1.eth0 [Up, Running, Connected]',
      '3.any (Pseudo-device that captures on all interfaces) [Up, Running]',
      '4.lo [Up, Running, Loopback]',
      '7.bluetooth-monitor (Bluetooth Linux Monitor) [Wireless]',
      '8.nflog (Linux netfilter log (NFLOG) interface) [none]',
    ].join('\n');
    expect(parseInterfaceList(text)).toEqual([
      { name: 'eth0', description: '', flags: ['up', 'running', 'connected'] },
      { name: 'any', description: 'Pseudo-device that captures on all interfaces', flags: ['up', 'running'] },
      { name: 'lo', description: '', flags: ['up', 'running', 'loopback'] },
      { name: 'bluetooth-monitor', description: 'Bluetooth Linux Monitor', flags: ['wireless'] },
      { name: 'nflog', description: 'Linux netfilter log (NFLOG) interface', flags: [] },
    ]);
  });

  it('reads dumpcap -D (a space after the dot, no flags)', () => {
    expect(parseInterfaceList('1. eth0\n4. lo (Loopback)\n')).toEqual([
      { name: 'eth0', description: '', flags: null },
      { name: 'lo', description: 'Loopback', flags: null },
    ]);
  });
});

describe('OS counters', () => {
  it('sums both directions from /proc/net/dev', () => {
    const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0
  eth0: 5000      7    0    0    0     0          0         0     300      3    0    0    0     0       0          0
`;
    expect(parseProcNetDev(text)).toEqual([
      { name: 'lo', packets: 20, bytes: 2000 },
      { name: 'eth0', packets: 10, bytes: 5300 },
    ]);
  });

  it('takes the link rows of macOS netstat -ibn', () => {
    const text = `Name       Mtu   Network       Address            Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll
lo0        16384 <Link#1>                        5     0        500        5     0        500     0
lo0        16384 127           127.0.0.1          5     -        500        5     -        500     -
en0        1500  <Link#4>    a4:83:e7:00:00:01    100     0      9000       50     0       4000     0
`;
    expect(parseNetstat(text)).toEqual([
      { name: 'lo0', packets: 10, bytes: 1000 },
      { name: 'en0', packets: 150, bytes: 13000 },
    ]);
  });

  it('maps kernel device types to pcap link types', () => {
    expect([1, 772, 65534, 9999].map(linkTypeOfArphrd)).toEqual([1, 1, 101, null]);
  });
});

describe('helper counters', () => {
  it('reads tcpdump’s SIGUSR1 line and dumpcap’s final line', () => {
    expect(
      parseStatsLine(
        'tcpdump: 3 packets captured, 6 packets received by filter, 0 packets dropped by kernel',
      ),
    ).toEqual({ captured: 3, stats: { received: 6, droppedByKernel: 0, droppedByInterface: 0 } });
    expect(
      parseStatsLine(
        '1 packet captured, 1 packet received by filter, 2 packets dropped by kernel, 5 packets dropped by interface',
      ),
    ).toEqual({ captured: 1, stats: { received: 1, droppedByKernel: 2, droppedByInterface: 5 } });
    expect(
      parseStatsLine(
        "Packets received/dropped on interface 'Loopback: lo': 10/2 (pcap:1/dumpcap:1/flushed:0/ps_ifdrop:3) (83.3%)",
      ),
    ).toEqual({ captured: 8, stats: { received: 10, droppedByKernel: 1, droppedByInterface: 3 } });
  });

  it('assembles tcpdump’s final report from lines cut anywhere, and keeps other lines to quote', () => {
    const seen: HelperCounters[] = [];
    const parser = new StatsParser((c) => seen.push(c));
    const stderr =
      'tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n' +
      'tcpdump: pcap_loop: The interface disappeared\n12 packets captured\n14 packets received by filter\n1 packet dropped by kernel\n';
    for (let i = 0; i < stderr.length; i += 7) parser.push(stderr.slice(i, i + 7));
    parser.end();
    expect(seen).toEqual([
      { captured: 12, stats: { received: 14, droppedByKernel: 1, droppedByInterface: 0 } },
    ]);
    expect(parser.text()).toBe('tcpdump: pcap_loop: The interface disappeared');
  });
});

describe('helper failures', () => {
  it('are told apart by their words', () => {
    expect(
      classifyFailure("tcpdump: lo: You don't have permission to perform this capture on that device"),
    ).toBe('no-rights');
    expect(classifyFailure('tcpdump: (cannot open BPF device) /dev/bpf0: Permission denied')).toBe(
      'no-rights',
    );
    expect(classifyFailure('tcpdump: nosuch0: No such device exists')).toBe('no-such-device');
    expect(classifyFailure('tcpdump: pcap_loop: The interface disappeared')).toBe('interface-gone');
    expect(classifyFailure("tcpdump: can't parse filter expression: syntax error")).toBe('bad-filter');
    expect(classifyFailure('Segmentation fault')).toBe('other');
  });

  it('filter errors lose tcpdump’s preamble', () => {
    const stderr =
      "reading from file -, link-type EN10MB (Ethernet), snapshot length 262144\ntcpdump: can't parse filter expression: syntax error\n";
    expect(compilerMessage(stderr)).toBe("can't parse filter expression: syntax error");
  });

  it('a header-only pcap carries the link type', () => {
    const header = headerOnlyPcap(276);
    expect(header.length).toBe(24);
    expect(new DataView(header.buffer).getUint32(20, true)).toBe(276);
    expect(new DataView(header.buffer).getUint32(0, true)).toBe(0xa1b2c3d4);
  });
});
