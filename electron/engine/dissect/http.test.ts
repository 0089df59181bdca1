import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { TcpConversation, tcpFrame, text } from './stream-test-support.js';
import { allFields, field, findAll, layerLines } from './test-support.js';

// Expected columns are tshark 4.0.17's for the same frames (built by the same rules, written as a pcap).
const REQUEST =
  'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\nAccept: */*\r\n' +
  'X-Forwarded-For: 203.0.113.7\r\n\r\n';
const BODY = '<html><body>hello</body></html>\n';
const RESPONSE = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`;

function splitExchange(): TcpConversation {
  const c = new TcpConversation(40000, 80);
  c.fromClient(REQUEST);
  c.fromServer('', 'A');
  c.fromServer(RESPONSE.slice(0, 40));
  c.fromServer(RESPONSE.slice(40, 70), 'A');
  c.fromServer(RESPONSE.slice(70));
  return c;
}

describe('HTTP columns', () => {
  it('a request in one segment, a response in three', () => {
    const c = new TcpConversation(40000, 80);
    const columns = [
      c.fromClient(REQUEST),
      c.fromServer('', 'A'),
      c.fromServer(RESPONSE.slice(0, 40)),
      c.fromServer(RESPONSE.slice(40, 70), 'A'),
      c.fromServer(RESPONSE.slice(70)),
    ].map((o) => [o.protocol, o.info]);
    expect(columns).toEqual([
      ['HTTP', 'GET /index.html HTTP/1.1 '],
      ['TCP', '80 → 40000 [ACK] Seq=1 Ack=108 Win=65535 Len=0'],
      ['TCP', 'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]'],
      ['TCP', 'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]'],
      ['HTTP', 'HTTP/1.1 200 OK  (text/html)'],
    ]);
  });

  it('replays every frame to the columns the summary pass gave', () => {
    const c = splitExchange();
    for (let n = 1; n <= c.frames; n++) {
      const first = c.lane.replay(n);
      expect(c.lane.replay(n)).toEqual(first);
    }
    expect(c.lane.replay(8).info).toBe('HTTP/1.1 200 OK  (text/html)');
    expect(c.lane.replay(6).info).toBe('HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]');
  });

  it('a chunked, gzip-encoded JSON body', () => {
    const c = new TcpConversation(40001, 80, 2000, 6000);
    const gz = gzipSync(Buffer.from('{"hello": "world"}\n'.repeat(3)));
    const head =
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n';
    const body = [
      text(`14\r\n`),
      gz.subarray(0, 20),
      text(`\r\n${(gz.length - 20).toString(16)}\r\n`),
      gz.subarray(20),
      text('\r\n0\r\n\r\n'),
    ];
    const all = Uint8Array.from([...text(head), ...body.flatMap((b) => [...b])]);
    expect(c.fromClient('GET /gz HTTP/1.1\r\nHost: a\r\n\r\n').info).toBe('GET /gz HTTP/1.1 ');
    expect(c.fromServer(all.subarray(0, 60)).info).toBe(
      'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]',
    );
    const last = c.fromServer(all.subarray(60));
    expect([last.protocol, last.info]).toEqual([
      'HTTP/JSON',
      'HTTP/1.1 200 OK , JavaScript Object Notation (application/json)',
    ]);
    const d = c.lane.details(c.frames);
    expect(d.sources?.map((s) => s.name)).toEqual([
      `Reassembled TCP (${all.length} bytes)`,
      `De-chunked entity body (${gz.length} bytes)`,
      'Uncompressed entity body (57 bytes)',
    ]);
    expect(findAll(d, 'http.chunk_size').map((f) => f.value)).toEqual([20, gz.length - 20, 0]);
    const fileData = field(d, 'http.file_data');
    expect([fileData.display, fileData.source]).toEqual([
      'File Data: 57 bytes',
      'Uncompressed entity body (57 bytes)',
    ]);
    expect(d.layers.at(-1)?.id).toBe('json');
  });

  it('100-continue: the interim response, then the body completes the request', () => {
    const c = new TcpConversation(40003, 80, 4000, 8000);
    const post =
      'POST /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\n';
    const infos = [
      c.fromClient(post),
      c.fromServer('HTTP/1.1 100 Continue\r\n\r\n'),
      c.fromClient('a=1&b=2'),
      c.fromServer('HTTP/1.1 204 No Content\r\n\r\n'),
    ].map((o) => o.info);
    expect(infos).toEqual([
      'POST /up HTTP/1.1  [TCP segment of a reassembled PDU]',
      'HTTP/1.1 100 Continue ',
      'POST /up HTTP/1.1  (application/x-www-form-urlencoded)',
      'HTTP/1.1 204 No Content ',
    ]);
  });

  it('pipelined requests in one segment follow each other in Info; a HEAD response has no body', () => {
    const c = new TcpConversation(40002, 80, 3000, 7000);
    const requests = c.fromClient('HEAD /h HTTP/1.1\r\nHost: a\r\n\r\nGET /g HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(requests.info).toBe('HEAD /h HTTP/1.1 GET /g HTTP/1.1 ');
    // tshark 4.0 keeps only the last request's method, so it waits for the HEAD response's 1234 bytes
    // ("[TCP segment of a reassembled PDU]"); the responses are matched to the requests in order here.
    const responses = c.fromServer(
      'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/plain\r\n\r\n' +
        'HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\nContent-Type: text/plain\r\n\r\nno\n',
    );
    expect(responses.info).toBe('HTTP/1.1 200 OK HTTP/1.1 404 Not Found  (text/plain)');
    const d = c.lane.details(c.frames);
    expect(findAll(d, 'http.response.code').map((f) => f.value)).toEqual([200, 404]);
  });

  it('a capture that starts inside a body: its bytes are not parsed as a message', () => {
    const c = new TcpConversation(40004, 80, 4999, 8999, false);
    const first = c.fromServer('tail of some earlier body</html>\r\n');
    expect([first.protocol, first.info]).toEqual([
      'TCP',
      '80 → 40004 [PSH, ACK] Seq=1 Ack=1 Win=65535 Len=34',
    ]);
    expect(c.fromClient('GET /next HTTP/1.1\r\nHost: a\r\n\r\n').info).toBe('GET /next HTTP/1.1 ');
    c.advanceServer(10);
    const later = c.fromServer('more body bytes\r\n');
    expect([later.protocol, later.info]).toEqual([
      'HTTP',
      '[TCP Previous segment not captured] Continuation',
    ]);
  });

  it('HTTP on a port of its own is found by its first line', () => {
    const c = new TcpConversation(40005, 12345, 5000, 9000);
    expect(c.fromClient('GET /x HTTP/1.1\r\nHost: a\r\n\r\n').info).toBe('GET /x HTTP/1.1 ');
    expect(c.fromServer('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok').info).toBe('HTTP/1.1 200 OK ');
  });

  it('out of order and retransmitted with other bytes: not dissected again (tshark does not either)', () => {
    const c = new TcpConversation(40006, 80, 100, 500);
    const r = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\n0123456789abcdefghij';
    c.fromClient('GET / HTTP/1.1\r\n\r\n');
    const infos = [
      c.serverAt(0, r.slice(0, 30)),
      c.serverAt(60, r.slice(60)),
      c.serverAt(30, r.slice(30, 60)),
      c.serverAt(30, 'X'.repeat(30)),
    ].map((o) => [o.protocol, o.info]);
    expect(infos).toEqual([
      ['TCP', 'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]'],
      ['HTTP', '[TCP Previous segment not captured] Continuation'],
      ['TCP', '[TCP Out-Of-Order] 80 → 40006 [PSH, ACK] Seq=31 Ack=19 Win=65535 Len=30'],
      ['TCP', '[TCP Retransmission] 80 → 40006 [PSH, ACK] Seq=31 Ack=19 Win=65535 Len=30'],
    ]);
  });
});

describe('HTTP details', () => {
  it('a request: every line at its range', () => {
    const c = new TcpConversation(40000, 80);
    c.fromClient(REQUEST);
    const d = c.lane.details(c.frames);
    const at = 54;
    expect(layerLines(d, 'http')).toEqual([
      ['_text', 'GET /index.html HTTP/1.1\\r\\n', [at, at + 26]],
      ['http.request.method', 'Request Method: GET', [at, at + 3]],
      ['http.request.uri', 'Request URI: /index.html', [at + 4, at + 15]],
      ['http.request.version', 'Request Version: HTTP/1.1', [at + 16, at + 24]],
      ['http.host', 'Host: example.com\\r\\n', [at + 26, at + 45]],
      ['http.user_agent', 'User-Agent: t/1\\r\\n', [at + 45, at + 62]],
      ['http.accept', 'Accept: */*\\r\\n', [at + 62, at + 75]],
      ['http.x_forwarded_for', 'X-Forwarded-For: 203.0.113.7\\r\\n', [at + 75, at + 105]],
      ['_text', '\\r\\n', [at + 105, at + 107]],
      ['http.request.full_uri', '[Full request URI: http://example.com/index.html]', [at, at]],
    ]);
    expect(field(d, 'http.host').value).toBe('example.com');
  });

  it('a reassembled response: its own byte source, the segments it came from, the body', () => {
    const c = splitExchange();
    const d = c.lane.details(8);
    const name = `Reassembled TCP (${RESPONSE.length} bytes)`;
    expect(d.sources?.[0]?.name).toBe(name);
    expect(new TextDecoder().decode(d.sources?.[0]?.bytes)).toBe(RESPONSE);
    expect(field(d, 'tcp.segments').display).toBe(
      `[3 Reassembled TCP Segments (${RESPONSE.length} bytes): #6(40), #7(30), #8(${RESPONSE.length - 70})]`,
    );
    const code = field(d, 'http.response.code');
    expect([code.value, code.range, code.source]).toEqual([200, [9, 12], name]);
    expect(field(d, 'http.content_length').value).toBe(BODY.length);
    expect(d.layers.find((l) => l.id === 'data-text-lines')?.title).toBe(
      'Line-based text data: text/html (1 lines)',
    );
    expect(field(c.lane.details(6), 'tcp.reassembled_in').value).toBe(8);
    expect(field(c.lane.details(7), 'tcp.segment_data').display).toBe('TCP segment data (30 bytes)');
  });

  it('frame.protocols names the body dissector', () => {
    const d = splitExchange().lane.details(8);
    expect(field(d, 'frame.protocols').value).toBe('eth:ethertype:ip:tcp:http:data-text-lines');
  });
});

describe('HTTP problems', () => {
  it('headers cut by the snap length: truncated', () => {
    const c = new TcpConversation(40010, 80);
    const full = tcpFrame(
      80,
      40010,
      5001,
      1001,
      'PA',
      text(`HTTP/1.1 200 OK\r\nDate: Thu, 10 Mar 2011 ${'x'.repeat(100)}`),
    );
    const out = c.frame(full.subarray(0, 54 + 40), { originalLength: full.length });
    expect(out.info).toBe('HTTP/1.1 200 OK [Packet size limited during capture]');
    expect(out.flags & FrameFlag.Truncated).toBeTruthy();
    expect(c.lane.details(c.frames).problems[0]?.kind).toBe('truncated');
  });

  it('a chunk size past 2^31: malformed', () => {
    const c = new TcpConversation(40011, 80);
    const out = c.fromClient(
      'POST / HTTP/1.1\r\nHost: target\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n\r\n',
    );
    expect(out.info).toBe('POST / HTTP/1.1 [Malformed Packet]');
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
  });

  it('a negative Content-Length is ignored: the next request follows (request smuggling shows)', () => {
    const c = new TcpConversation(40012, 80);
    const out = c.fromClient(
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -3\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n',
    );
    expect(out.info).toBe('POST / HTTP/1.1 GET /smuggled HTTP/1.1 ');
  });

  it('no field of a decoded body points outside its source', () => {
    const d = splitExchange().lane.details(8);
    const lengths = new Map<string | undefined, number>([[undefined, 54 + RESPONSE.length - 70]]);
    for (const s of d.sources ?? []) lengths.set(s.name, s.bytes.length);
    for (const f of allFields(d)) expect(f.range[1]).toBeLessThanOrEqual(lengths.get(f.source) ?? -1);
  });
});

describe('HTTP bodies delimited by the connection closing', () => {
  // tshark 4.0.17: frame 6 keeps TCP's Info, frame 7 (FIN) shows the response.
  it('waits for FIN, even when FIN comes without data', () => {
    const c = new TcpConversation(40020, 80);
    c.fromClient('GET / HTTP/1.0\r\n\r\n');
    const infos = [
      c.fromServer('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello '),
      c.fromServer('world'),
      c.fromServer('', 'FA'),
    ].map((o) => [o.protocol, o.info]);
    expect(infos).toEqual([
      ['TCP', 'HTTP/1.0 200 OK  [TCP segment of a reassembled PDU]'],
      ['TCP', '80 → 40020 [PSH, ACK] Seq=52 Ack=19 Win=65535 Len=5 [TCP segment of a reassembled PDU]'],
      ['HTTP', 'HTTP/1.0 200 OK  (text/plain)'],
    ]);
    expect(field(c.lane.details(c.frames), 'http.file_data').display).toBe('File Data: 11 bytes');
  });

  it('or ends with the segment that carries FIN', () => {
    const c = new TcpConversation(40021, 80);
    c.fromClient('GET / HTTP/1.0\r\n\r\n');
    c.fromServer('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello ');
    expect(c.fromServer('world', 'FA').info).toBe('HTTP/1.0 200 OK  (text/plain)');
  });
});
