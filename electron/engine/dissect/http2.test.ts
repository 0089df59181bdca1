/**
 * HTTP/2: columns against tshark 4.0.17 (http2-flows.ts written as a pcap), the frame header and each
 * frame type's fields with their ranges, HPACK through the dynamic table across frames, a body put together
 * from DATA frames, problems as values, and a property over arbitrary frames after the preface.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDissection } from './dissection-checks.js';
import { GET_INDEX, h2cFlow, PREFACE, priorKnowledgeFlow } from './http2-flows.js';
import { TcpConversation } from './stream-test-support.js';
import { field, findAll } from './test-support.js';
import { bytes, h2frame } from './tls-test-support.js';

const columns = (out: { protocol: string; info: string }[]) => out.map((o) => [o.protocol, o.info]);

describe('HTTP/2 columns (as tshark 4.0.17 shows the same frames)', () => {
  it('h2c: the upgrade, every frame type, a frame split over two segments', () => {
    expect(columns(h2cFlow().out)).toEqual([
      ['HTTP', 'GET / HTTP/1.1 '],
      ['HTTP2', 'HTTP/1.1 101 Switching Protocols , SETTINGS[0]'],
      ['HTTP2', 'Magic, SETTINGS[0], SETTINGS[0]'],
      ['HTTP2', 'HEADERS[1]: 200 OK, DATA[1] (text/plain)'],
      ['HTTP2', 'HEADERS[3]: GET /index.html'],
      ['HTTP2', 'HEADERS[3]: 200 OK, DATA[3]'],
      ['TCP', '[TCP segment of a reassembled PDU]'],
      ['HTTP2', 'DATA[3] (text/html)'],
      ['HTTP2', 'PUSH_PROMISE[3]: GET /, PING[0]'],
      ['HTTP2', 'HEADERS[5]: GET /index.html, CONTINUATION[5]'],
      ['HTTP2', 'RST_STREAM[5], WINDOW_UPDATE[0]'],
      ['HTTP2', 'GOAWAY[0]'],
    ]);
  });

  it('prior knowledge: the preface, then frames, on port 80', () => {
    expect(columns(priorKnowledgeFlow().out)).toEqual([
      ['HTTP2', 'Magic, SETTINGS[0], HEADERS[1]: GET /index.html'],
      ['HTTP2', 'SETTINGS[0], SETTINGS[0], HEADERS[1]: 200 OK'],
    ]);
  });

  it('replay gives the columns of the summary pass', () => {
    const f = h2cFlow();
    f.out.forEach((o, i) => {
      const again = f.c.lane.replay(i + 4);
      expect([again.protocol, again.info]).toEqual([o.protocol, o.info]);
    });
  });
});

describe('HTTP/2 details', () => {
  it('the frame header: length, type, flags, stream id at their ranges; frame.protocols says http:http2', () => {
    // Frame 7: 54 bytes of headers, then 00000d 01 04 00000001 (HEADERS, END_HEADERS, stream 1).
    const d = h2cFlow().c.lane.details(7);
    expect(findAll(d, 'http2.type').map((f) => f.value)).toEqual([1, 0]);
    expect(field(d, 'http2.length')).toMatchObject({ value: 13, range: [54, 57] });
    expect(field(d, 'http2.type')).toMatchObject({ display: 'Type: HEADERS (1)', range: [57, 58] });
    expect(field(d, 'http2.flags')).toMatchObject({ display: 'Flags: 0x04, End Headers', range: [58, 59] });
    expect(field(d, 'http2.streamid')).toMatchObject({ value: 1, range: [59, 63] });
    expect(field(d, 'frame.protocols').value).toBe('eth:ethertype:ip:tcp:http:http2:data-text-lines');
    expect(d.layers.filter((l) => l.id === 'http2')).toHaveLength(2);
  });

  it('HPACK: names and values, representations, static and dynamic indexes', () => {
    const f = h2cFlow();
    const d = f.c.lane.details(7);
    expect(findAll(d, 'http2.header.name').map((x) => x.value)).toEqual([':status', 'content-type']);
    expect(field(d, 'http2.headers.status')).toMatchObject({ value: '200', range: [63, 64] });
    const type = findAll(d, 'http2.header')[1];
    expect(type?.display).toBe('Header: content-type: text/plain');
    expect(type?.children?.map((c) => c.display)).toEqual([
      'Name Length: 12',
      'Name: content-type',
      'Value Length: 10',
      'Value: text/plain',
      'content-type: text/plain',
      '[Unescaped: text/plain]',
      'Representation: Literal Header Field with Incremental Indexing - Indexed Name',
      'Index: 31',
    ]);
    expect(field(d, 'http2.header.length').value).toBe(7 + 3 + 8 + 12 + 10 + 8);
    // The request: a Huffman-coded :authority, and the full URI.
    const request = f.c.lane.details(8);
    expect(field(request, 'http2.headers.authority').value).toBe('www.example.com');
    expect(field(request, 'http2.request.full_uri').value).toBe('http://www.example.com/index.html');
    expect(field(request, 'http2.headers.method').value).toBe('GET');
    expect(field(request, 'http2.headers.path').value).toBe('/index.html');
  });

  it('padding and priority; the body put together from two DATA frames, handed to its media type', () => {
    const f = h2cFlow();
    const d9 = f.c.lane.details(9);
    expect(findAll(d9, 'http2.pad_length').map((x) => x.value)).toEqual([2, 1]);
    expect(field(d9, 'http2.headers.weight').value).toBe(15);
    expect(field(d9, 'http2.data.data').value).toBe('3c68746d6c3e');
    const d11 = f.c.lane.details(11);
    expect(field(d11, 'http2.body.fragments').display).toBe('2 Body fragments (14 bytes): #9(6), #11(8)');
    const text = d11.layers.find((l) => l.id === 'data-text-lines');
    expect(text?.title).toBe('Line-based text data: text/html (1 lines)');
    expect(d11.sources?.map((s) => s.name)).toContain('Reassembled body (14 bytes)');
  });

  it('a header block continued: each fragment gives the fields it completes', () => {
    const d = h2cFlow().c.lane.details(13);
    const names = findAll(d, 'http2.header.name').map((x) => x.value);
    expect(names).toEqual([':method', ':path', ':scheme', ':authority']);
    const authority = findAll(d, 'http2.header').at(-1);
    // Begun in the HEADERS frame (its 41 byte), finished in the CONTINUATION: ranged from the fragment on.
    expect(authority?.range[0]).toBe(54 + 9 + 4 + 9);
  });

  it('SETTINGS, PING, PUSH_PROMISE, RST_STREAM, WINDOW_UPDATE and GOAWAY fields', () => {
    const f = h2cFlow();
    expect(field(f.c.lane.details(5), 'http2.settings.max_concurrent_streams').value).toBe(100);
    const d12 = f.c.lane.details(12);
    expect(field(d12, 'http2.push_promise.promised_stream_id').value).toBe(2);
    expect(field(d12, 'http2.ping').value).toBe('70696e67706f6e67');
    const d14 = f.c.lane.details(14);
    expect(field(d14, 'http2.rst_stream.error').display).toBe('Error: CANCEL (0x00000008)');
    expect(field(d14, 'http2.window_update.window_size_increment').value).toBe(65535);
    expect(field(f.c.lane.details(15), 'http2.goaway.last_stream_id').value).toBe(5);
  });
});

describe('HTTP/2 problems', () => {
  it('an index past both tables is a problem, and the frame still says what it is', () => {
    const c = new TcpConversation(52010, 80);
    // be: Indexed Header Field 62, an empty dynamic table.
    const out = c.fromClient(bytes(PREFACE, h2frame(1, 0x5, 1, [0xbe])));
    expect(out.info).toBe('Magic, HEADERS[1]');
    expect(c.lane.details(4).problems.map((p) => p.message)).toEqual(['HPACK: index 62 is not in the table']);
  });

  it('padding longer than the frame is malformed', () => {
    const c = new TcpConversation(52011, 80);
    c.fromClient(bytes(PREFACE, h2frame(0, 0x8, 1, [9], [1, 2])));
    expect(c.lane.details(4).problems[0]?.message).toMatch(/padding of 9 bytes/);
  });

  it('never throws; ranges stay inside their buffers, whatever the frames after the preface', () => {
    const frame = fc
      .tuple(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 7 }),
        fc.uint8Array({ maxLength: 60 }),
      )
      .map(([type, flags, stream, payload]) => h2frame(type, flags, stream, payload));
    fc.assert(
      fc.property(
        fc.array(fc.array(frame, { minLength: 1, maxLength: 4 }), { maxLength: 4 }),
        fc.boolean(),
        (segments, cut) => {
          const c = new TcpConversation(52100, 80);
          c.fromClient(bytes(PREFACE, h2frame(1, 0x5, 1, GET_INDEX)));
          for (const list of segments) {
            const all = bytes(...list);
            c.fromServer(cut ? all.subarray(0, Math.max(1, all.length - 3)) : all);
          }
          for (let n = 1; n <= c.frames; n++) checkDissection(c.lane.details(n));
        },
      ),
      { numRuns: 300 },
    );
  });
});
