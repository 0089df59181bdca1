/**
 * TCP fields answered from recorded state (fast-answers.ts) agree with the same fields read from the
 * dissected tree: each filter is run on a fresh engine alone (the fast path) and joined with a field
 * that forces dissection (`tcp.len >= 0`, true for every TCP segment), over captures with many
 * conversations, retransmissions and duplicate ACKs.
 */
import { expect, it } from 'vitest';
import type { ViewId } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';
import { filterServiceOf } from '../../electron/engine/filter/filter-handlers.js';
import { capturePath, describeCorpus } from '../support/corpus.js';

async function run(capture: string, filter: string): Promise<number[]> {
  const engine = new Engine();
  try {
    const { lane } = await engine.handle('file.open', { path: capturePath(capture) });
    await engine.loaded(lane);
    const { view } = await engine.handle('views.create', { lane, sort: null, filter });
    const done = await filterServiceOf(engine).settled(lane, view as ViewId);
    const rows = await engine.handle('packets.rows', { lane, view, start: 0, count: 5000 });
    expect(rows.total).toBe(done.matched);
    return rows.rows.map((r) => r.number);
  } finally {
    await engine.dispose();
  }
}

describeCorpus('TCP fields from recorded state', () => {
  it.each([
    ['zeek-http-methods.pcap', 'tcp.srcport == 80'],
    ['zeek-http-methods.pcap', 'tcp.port in {80, 46562..46600}'],
    ['zeek-http-methods.pcap', 'tcp.dstport > 1024'],
    ['zeek-http-methods.pcap', 'tcp.analysis.flags'],
    ['zeek-http-methods.pcap', 'tcp.analysis.duplicate_ack_num >= 1'],
    ['dpkt-http.pcap', 'tcp.analysis.retransmission'],
    ['ppp-many-protocols.pcap', 'tcp.port == 443 && !tcp.analysis.retransmission'],
    ['ppp-many-protocols.pcap', 'tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment'],
    ['tls2-no-keys.pcap', 'tcp.analysis.out_of_order || tcp.analysis.fast_retransmission'],
  ])('%s: %s', async (capture, filter) => {
    const fast = await run(capture, filter);
    const dissected = await run(capture, `(${filter}) && tcp.len >= 0`);
    expect(fast).toEqual(dissected);
  });
});

describeCorpus('stream protocols skipped in streams another protocol claimed', () => {
  it.each([
    ['ppp-many-protocols.pcap', 'http.request.method == "GET"'],
    ['ppp-many-protocols.pcap', 'http.host contains "e" || http.response.code == 200'],
    ['zeek-http-methods.pcap', 'http.request && tcp.stream > 2'],
    ['tls2-no-keys.pcap', 'tls.handshake.type == 1'],
    ['tcpdump-dns-tcp.pcap', 'dns.qry.name contains "."'],
  ])('%s: %s', async (capture, filter) => {
    const fast = await run(capture, filter);
    const dissected = await run(capture, `(${filter}) || (frame.len < 0 && tcp.len >= 0)`);
    expect(fast).toEqual(dissected);
  });
});

describeCorpus('fields of protocols a frame did not have, answered from the store', () => {
  it.each([
    ['dpkt-dns-icmp.pcap', 'dns.qry.name contains "wireshark" || icmp.type == 0'],
    ['dpkt-http.pcap', 'dns || http.request.uri contains "pagead"'],
    ['zeek-arp-who-has.pcap', 'arp.opcode == 1'],
    ['ppp-vlan.pcap', 'vlan.id == 209 && icmp.seq > 1'],
    ['tcpdump-icmpv6.pcap', 'ipv6.dst == ff02::1 || icmpv6.type == 143'],
    ['zeek-icmp-payload-trunc.pcap', 'ip.src == 192.168.1.1 || udp.srcport > 0'],
    ['ppp-many-protocols.pcap', 'udp.port == 53 || tcp.len > 1000 || ip.ttl < 10'],
    ['ppp-ip4-fragments.pcap', 'udp || ip.flags.mf == 1'],
  ])('%s: %s', async (capture, filter) => {
    const fast = await run(capture, filter);
    const dissected = await run(capture, `(${filter}) || (frame.len < 0 && frame contains 00)`);
    expect(fast).toEqual(dissected);
  });
});
