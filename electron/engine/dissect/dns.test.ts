import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { readName } from './dns-name.js';
import { TcpConversation, udpFrame } from './stream-test-support.js';
import { allFields, details, field, findAll, hex, layerLines, summarize, TestLane } from './test-support.js';

// DNS messages (the UDP payload; Ethernet/IPv4/UDP headers come from udpFrame, 42 bytes). Expected
// columns and fields are tshark 4.0.17's for the same frames.
const QUERY = hex(`
  0x0000:  1234 0120 0001 0000 0000 0001 0377 7777   # id 0x1234, RD AD, 1 question, 1 additional; www
  0x0010:  0765 7861 6d70 6c65 0363 6f6d 0000 0100   # example com <root>, type A
  0x0020:  0100 0029 1000 0000 8000 000c 000a 0008   # class IN; OPT: <root>, size 4096, DO, 12 bytes: COOKIE 8
  0x0030:  0102 0304 0506 0708                        # client cookie
`);
const RESPONSE = hex(`
  0x0000:  1234 8180 0001 0006 0001 0000 0377 7777   # response, RD RA; 1 question, 6 answers, 1 authority
  0x0010:  0765 7861 6d70 6c65 0363 6f6d 0000 0100   # www.example.com A
  0x0020:  01c0 0c00 0500 0100 0001 2c00 0603 7765   # IN; CNAME (name -> 12), TTL 300, 6 bytes: web
  0x0030:  62c0 1003 7765 62c0 1000 0100 0100 0000   # ->16 (example.com); A web.example.com
  0x0040:  3c00 045d b8d8 22c0 1000 1c00 0100 000e   # TTL 60, 93.184.216.34; AAAA example.com TTL 3600
  0x0050:  1000 1020 010d b800 0000 0000 0000 0000   # 2001:db8::1
  0x0060:  0000 01c0 1000 0f00 0100 0151 8000 0900   # MX example.com TTL 86400
  0x0070:  0a04 6d61 696c c010 c010 0010 0001 0000   # pref 10 mail.example.com; TXT example.com
  0x0080:  0078 000c 0568 656c 6c6f 0577 6f72 6c64   # TTL 120: "hello" "world"
  0x0090:  045f 7369 7004 5f74 6370 c010 0021 0001   # _sip._tcp.example.com SRV
  0x00a0:  0000 1c20 000c 0001 0005 13c4 0373 6970   # TTL 7200: prio 1 weight 5 port 5060 sip.
  0x00b0:  c010 c010 0006 0001 0000 0384 0021 026e   # example.com; SOA example.com TTL 900: ns.
  0x00c0:  73c0 1005 6164 6d69 6ec0 1078 a3f1 7500   # example.com admin.example.com serial
  0x00d0:  001c 2000 000e 1000 1275 0000 0001 2c      # refresh 7200 retry 3600 expire 1209600 min 300
`);
const LOOP = hex(`
  0x0000:  0001 0100 0001 0000 0000 0000 c00c 0001   # the question's name is a pointer to itself
  0x0010:  0001
`);
const OUT_OF_RANGE = hex(`
  0x0000:  0002 0100 0001 0000 0000 0000 c0ff 0001   # a pointer to offset 255, past the message
  0x0010:  0001
`);
const BAD_RDLENGTH = hex(`
  0x0000:  0003 8180 0001 0001 0000 0000 0161 0162   # a.b
  0x0010:  0000 0100 01c0 0c00 0100 0100 0000 3c00   # A IN; answer A, TTL 60,
  0x0020:  2801 0203 04                               # data length 40 (4 bytes follow)
`);
const NXDOMAIN = hex(`
  0x0000:  0004 8183 0001 0000 0000 0000 0134 0133   # rcode 3; 4.3.2.1.in-addr.arpa PTR
  0x0010:  0132 0131 0769 6e2d 6164 6472 0461 7270
  0x0020:  6100 000c 0001
`);
const MDNS_QUERY = hex(`
  0x0000:  0000 0000 0001 0000 0000 0000 055f 6874   # _http._tcp.local PTR, class IN with the QU bit
  0x0010:  7470 045f 7463 7005 6c6f 6361 6c00 000c
  0x0020:  8001
`);
const MDNS_RESPONSE = hex(`
  0x0000:  0000 8400 0000 0001 0000 0000 0468 6f73   # AA; host.local A, class IN with cache flush
  0x0010:  7405 6c6f 6361 6c00 0001 8001 0000 0078   # TTL 120
  0x0020:  0004 c0a8 0107                             # 192.168.1.7
`);

const column = (sport: number, dport: number, message: Uint8Array) => {
  const out = summarize(LinkType.EN10MB, udpFrame(sport, dport, message));
  return [out.protocol, out.info];
};

describe('DNS columns', () => {
  it.each([
    ['query with EDNS', QUERY, 'Standard query 0x1234 A www.example.com OPT'],
    [
      'response with every common type',
      RESPONSE,
      'Standard query response 0x1234 A www.example.com CNAME web.example.com A 93.184.216.34 ' +
        'AAAA 2001:db8::1 MX 10 mail.example.com TXT SRV 1 5 5060 sip.example.com SOA ns.example.com',
    ],
    ['pointer loop', LOOP, 'Standard query 0x0001 A <Name contains a pointer that loops>'],
    ['pointer out of the message', OUT_OF_RANGE, 'Standard query 0x0002[Malformed Packet]'],
    [
      'data length past the message',
      BAD_RDLENGTH,
      'Standard query response 0x0003 A a.b A[Malformed Packet]',
    ],
    ['no such name', NXDOMAIN, 'Standard query response 0x0004 No such name PTR 4.3.2.1.in-addr.arpa'],
  ])('%s', (_name, message, info) => {
    expect(column(40000, 53, message)).toEqual(['DNS', info]);
  });

  it('mDNS: QU questions and cache-flush records', () => {
    expect(column(5353, 5353, MDNS_QUERY)).toEqual([
      'MDNS',
      'Standard query 0x0000 PTR _http._tcp.local, "QU" question',
    ]);
    expect(column(5353, 5353, MDNS_RESPONSE)).toEqual([
      'MDNS',
      'Standard query response 0x0000 A, cache flush 192.168.1.7',
    ]);
  });

  it('a response cut by the snap length keeps the records read before the cut', () => {
    const frame = udpFrame(53, 40000, RESPONSE);
    const out = summarize(LinkType.EN10MB, frame.subarray(0, 120), { originalLength: frame.length });
    expect(out.info).toBe(
      'Standard query response 0x1234 A www.example.com CNAME web.example.com A 93.184.216.34' +
        '[Packet size limited during capture]',
    );
    expect(out.flags & FrameFlag.Truncated).toBeTruthy();
  });

  it('an impossible length is malformed, not truncated', () => {
    const out = summarize(LinkType.EN10MB, udpFrame(40000, 53, BAD_RDLENGTH));
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
  });
});

describe('DNS details', () => {
  it('the query: header, question and OPT record at their ranges', () => {
    const d = details(LinkType.EN10MB, udpFrame(40000, 53, QUERY));
    const lines = layerLines(d, 'dns').map(
      ([id, display, range]) => `${id} | ${display} | ${range.join('-')}`,
    );
    expect(lines).toEqual([
      'dns.id | Transaction ID: 0x1234 | 42-44',
      'dns.flags | Flags: 0x0120 Standard query | 44-46',
      'dns.flags.response | 0... .... .... .... = Response: Message is a query | 44-46',
      'dns.flags.opcode | .000 0... .... .... = Opcode: Standard query (0) | 44-46',
      'dns.flags.truncated | .... ..0. .... .... = Truncated: Message is not truncated | 44-46',
      'dns.flags.recdesired | .... ...1 .... .... = Recursion desired: Do query recursively | 44-46',
      'dns.flags.z | .... .... .0.. .... = Z: reserved (0) | 44-46',
      'dns.flags.authenticated | .... .... ..1. .... = AD bit: Set | 44-46',
      'dns.flags.checkdisable | .... .... ...0 .... = Non-authenticated data: Unacceptable | 44-46',
      'dns.count.queries | Questions: 1 | 46-48',
      'dns.count.answers | Answer RRs: 0 | 48-50',
      'dns.count.auth_rr | Authority RRs: 0 | 50-52',
      'dns.count.add_rr | Additional RRs: 1 | 52-54',
      '_text | Queries | 54-75',
      '_text | www.example.com: type A, class IN | 54-75',
      'dns.qry.name | Name: www.example.com | 54-71',
      'dns.qry.name.len | [Name Length: 15] | 54-71',
      'dns.count.labels | [Label Count: 3] | 54-71',
      'dns.qry.type | Type: A (Host Address) (1) | 71-73',
      'dns.qry.class | Class: IN (0x0001) | 73-75',
      '_text | Additional records | 75-98',
      '_text | <Root>: type OPT | 75-98',
      'dns.resp.name | Name: <Root> | 75-76',
      'dns.resp.type | Type: OPT (41) | 76-78',
      'dns.rr.udp_payload_size | UDP payload size: 4096 | 78-80',
      'dns.resp.ext_rcode | Higher bits in extended RCODE: 0x00 | 80-81',
      'dns.resp.edns0_version | EDNS0 version: 0 | 81-82',
      'dns.resp.z | Z: 0x8000 | 82-84',
      'dns.resp.z.do | 1... .... .... .... = DO bit: Accepts DNSSEC security RRs | 82-84',
      'dns.resp.z.reserved | .000 0000 0000 0000 = Reserved: 0x0000 | 82-84',
      'dns.resp.len | Data length: 12 | 84-86',
      'dns.opt | Option: COOKIE | 86-98',
      'dns.opt.code | Option Code: COOKIE (10) | 86-88',
      'dns.opt.len | Option Length: 8 | 88-90',
      'dns.opt.data | Option Data: 0102030405060708 | 90-98',
    ]);
  });

  it('the response: every record type, compressed names expanded, at the ranges tshark gives', () => {
    const d = details(LinkType.EN10MB, udpFrame(53, 40000, RESPONSE));
    const at = (id: string) => findAll(d, id).map((f) => `${f.display} | ${f.range.join('-')}`);
    expect(at('dns.cname')).toEqual(['CNAME: web.example.com | 87-93']);
    expect(at('dns.a')).toEqual(['Address: 93.184.216.34 | 109-113']);
    expect(at('dns.aaaa')).toEqual(['AAAA Address: 2001:db8::1 | 125-141']);
    expect(at('dns.mx.mail_exchange')).toEqual(['Mail Exchange: mail.example.com | 155-162']);
    expect(at('dns.txt')).toEqual(['TXT: hello | 175-180', 'TXT: world | 181-186']);
    expect(at('dns.srv.target')).toEqual(['Target: sip.example.com | 214-220']);
    expect(at('dns.srv.service')).toEqual(['Service: _sip | 186-198']);
    expect(at('dns.soa.rname')).toEqual(["Responsible authority's mailbox: admin.example.com | 237-245"]);
    expect(at('dns.soa.expire_limit')).toEqual(['Expire limit: 1209600 (14 days) | 257-261']);
    expect(at('dns.resp.ttl')[0]).toBe('Time to live: 300 (5 minutes) | 81-85');
    expect(at('dns.flags.rcode')).toEqual(['.... .... .... 0000 = Reply code: No error (0) | 44-46']);
    const records = d.layers.find((l) => l.id === 'dns')?.fields.filter((f) => f.id === '_text');
    expect(records?.map((f) => f.display)).toEqual(['Queries', 'Answers', 'Authoritative nameservers']);
    expect(records?.[1]?.children?.map((f) => f.display)).toContain(
      '_sip._tcp.example.com: type SRV, class IN, priority 1, weight 5, port 5060, target sip.example.com',
    );
  });

  it('mDNS class bits', () => {
    const q = details(LinkType.EN10MB, udpFrame(5353, 5353, MDNS_QUERY));
    expect(field(q, 'dns.qry.qu').display).toBe('1... .... .... .... = "QU" question: True');
    expect(field(q, 'dns.qry.class').display).toBe('.000 0000 0000 0001 = Class: IN (0x0001)');
    const r = details(LinkType.EN10MB, udpFrame(5353, 5353, MDNS_RESPONSE));
    expect(field(r, 'dns.resp.cache_flush').display).toBe('1... .... .... .... = Cache flush: True');
    expect(r.layers.find((l) => l.id === 'mdns')?.title).toBe('Multicast Domain Name System (response)');
  });

  it('a malformed message is a problem value, with the range of the bad bytes', () => {
    const d = details(LinkType.EN10MB, udpFrame(40000, 53, OUT_OF_RANGE));
    expect(d.problems.map((p) => p.kind)).toEqual(['malformed']);
  });
});

describe('DNS names', () => {
  const source = (bytes: Uint8Array) => ({
    bytes,
    start: 0,
    capturedEnd: bytes.length,
    reportedEnd: bytes.length,
  });

  it('follows pointers backwards and ends at the first pointer', () => {
    const name = readName(source(RESPONSE), 0x2d);
    expect([name.text, name.end, name.labels]).toEqual(['web.example.com', 0x33, 3]);
  });

  it('a pointer loop is a value, not a hang, whatever the cycle', () => {
    const twoStep = hex('0000 0000 0000 0000 0000 0000 c00e c00c');
    expect(readName(source(twoStep), 12).problem).toBe('loop');
    expect(readName(source(LOOP), 12).text).toBe('<Name contains a pointer that loops>');
  });

  it('a pointer past the message is malformed; a name cut by the capture is truncated', () => {
    expect(readName(source(OUT_OF_RANGE), 12).problem).toBe('malformed');
    const cut = { bytes: RESPONSE.subarray(0, 20), start: 0, capturedEnd: 20, reportedEnd: RESPONSE.length };
    expect(readName(cut, 12).problem).toBe('truncated');
  });

  it('escapes control bytes, keeps UTF-8, counts dots as Wireshark does, caps the length', () => {
    const odd = hex('0000 0000 0000 0000 0000 0000 0361 2e62 0478 0120 7900');
    expect(readName(source(odd), 12)).toMatchObject({ text: 'a.b.x\\001 y', labels: 3, length: 8 });
    const long = new Uint8Array(12 + 5 * 64 + 1);
    for (let i = 0; i < 5; i++) long.set([63, ...new Array<number>(63).fill(0x61)], 12 + 64 * i);
    expect(readName(source(long), 12).text).toBe('<Name too long>');
  });
});

describe('DNS over TCP', () => {
  it('a length-prefixed query split across two segments, two responses in one', () => {
    const c = new TcpConversation(40007, 53, 6000, 10000);
    const query = hex('abcd 0100 0001 0000 0000 0000 0765 7861 6d70 6c65 0363 6f6d 0000 0100 01');
    const answer = hex(
      'abcd 8180 0001 0001 0000 0000 0765 7861 6d70 6c65 0363 6f6d 0000 0100 01c0 0c00 0100 0100 0001 2c00 045d b8d8 22',
    );
    const withLength = (m: Uint8Array) => Uint8Array.from([m.length >> 8, m.length & 0xff, ...m]);
    const q = withLength(query);
    const r = withLength(answer);
    const infos = [
      c.fromClient(q.subarray(0, 10)),
      c.fromClient(q.subarray(10)),
      c.fromServer(Uint8Array.from([...r, ...r.subarray(0, 5)])),
      c.fromServer(r.subarray(5)),
    ].map((o) => [o.protocol, o.info]);
    expect(infos).toEqual([
      ['TCP', '40007 → 53 [PSH, ACK] Seq=1 Ack=1 Win=65535 Len=10 [TCP segment of a reassembled PDU]'],
      ['DNS', 'Standard query 0xabcd A example.com'],
      ['DNS', 'Standard query response 0xabcd A example.com A 93.184.216.34'],
      ['DNS', 'Standard query response 0xabcd A example.com A 93.184.216.34'],
    ]);
    const d = c.lane.details(5);
    expect(field(d, 'dns.length').display).toBe('Length: 29');
    expect(field(d, 'dns.qry.name').source).toBe('Reassembled TCP (31 bytes)');
    expect(field(d, 'frame.protocols').value).toBe('eth:ethertype:ip:tcp:dns');
  });
});

describe('DNS properties', () => {
  it('never throws and keeps every range inside the frame, whatever the message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(53, 5353, 5355), (message, port) => {
        const lane = new TestLane();
        const frame = udpFrame(40000, port, message);
        lane.add(LinkType.EN10MB, frame);
        const d = lane.details(1);
        for (const f of allFields(d)) {
          expect(f.range[0]).toBeGreaterThanOrEqual(0);
          expect(f.range[1]).toBeLessThanOrEqual(frame.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('names built from random labels and pointers always end, inside the message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 13, maxLength: 200 }), fc.nat(199), (bytes, at) => {
        const offset = 12 + (at % (bytes.length - 12));
        const name = readName(
          { bytes, start: 0, capturedEnd: bytes.length, reportedEnd: bytes.length },
          offset,
        );
        expect(name.end).toBeGreaterThan(offset);
        expect(name.end).toBeLessThanOrEqual(bytes.length + 1);
      }),
      { numRuns: 1000 },
    );
  });
});
