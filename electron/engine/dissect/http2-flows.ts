/**
 * HTTP/2 conversations for the tests (http2.test.ts): an h2c upgrade from HTTP/1.1 with every frame type,
 * and prior knowledge (the preface first). Header blocks use HPACK's static table, literals and Huffman
 * (the `www.example.com` of RFC 7541 C.4.1). tshark 4.0.17 gave the expected columns for the same frames.
 */
import type { SummaryOut } from './index.js';
import { TcpConversation, text } from './stream-test-support.js';
import { ascii, bytes, h2frame, u16 } from './tls-test-support.js';
import { hex } from './test-support.js';

export const PREFACE = ascii('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/** 82 85 86 41 8c f1e3…: :method GET, :path /index.html, :scheme http, :authority www.example.com (Huffman). */
export const GET_INDEX = hex('8285 8641 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff');
/** 88 5f 0a "text/plain": :status 200, content-type (incremental indexing, static name 31). */
export const OK_TEXT = bytes([0x88, 0x5f, 0x0a], ascii('text/plain'));
/** 88 5f 09 "text/html". */
export const OK_HTML = bytes([0x88, 0x5f, 0x09], ascii('text/html'));

export type Flow = { c: TcpConversation; out: SummaryOut[] };

const UPGRADE =
  'GET / HTTP/1.1\r\nHost: www.example.com\r\nConnection: Upgrade, HTTP2-Settings\r\n' +
  'Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n';
const SWITCHING = 'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n';

/** h2c: the upgrade, then DATA, HEADERS with padding and priority, PUSH_PROMISE, PING, CONTINUATION… */
export function h2cFlow(): Flow {
  const c = new TcpConversation(52000, 80);
  const cut = h2frame(0, 0x1, 3, ascii('</html>\n'));
  const block = GET_INDEX;
  const out = [
    c.fromClient(UPGRADE),
    c.fromServer(bytes(text(SWITCHING), h2frame(4, 0, 0, u16(3), [0, 0, 0, 100]))),
    c.fromClient(bytes(PREFACE, h2frame(4, 0, 0), h2frame(4, 0x1, 0))),
    c.fromServer(bytes(h2frame(1, 0x4, 1, OK_TEXT), h2frame(0, 0x1, 1, ascii('hello\n')))),
    c.fromClient(h2frame(1, 0x5, 3, GET_INDEX)),
    c.fromServer(
      bytes(
        h2frame(1, 0x2c, 3, [2], [0, 0, 0, 0, 15], OK_HTML, [0, 0]),
        h2frame(0, 0x8, 3, [1], ascii('<html>'), [0]),
      ),
    ),
    c.fromServer(cut.subarray(0, 12)),
    c.fromServer(cut.subarray(12)),
    c.fromServer(
      bytes(h2frame(5, 0x4, 3, [0, 0, 0, 2], hex('8284 86')), h2frame(6, 0, 0, ascii('pingpong'))),
    ),
    c.fromClient(bytes(h2frame(1, 0x1, 5, block.subarray(0, 4)), h2frame(9, 0x4, 5, block.subarray(4)))),
    c.fromClient(bytes(h2frame(3, 0, 5, [0, 0, 0, 8]), h2frame(8, 0, 0, [0, 0, 0xff, 0xff]))),
    c.fromServer(h2frame(7, 0, 0, [0, 0, 0, 5], [0, 0, 0, 0])),
  ];
  return { c, out };
}

/** Prior knowledge on port 80: the preface, SETTINGS and a request in one segment. */
export function priorKnowledgeFlow(): Flow {
  const c = new TcpConversation(52001, 80);
  const out = [
    c.fromClient(bytes(PREFACE, h2frame(4, 0, 0, u16(2), [0, 0, 0, 0]), h2frame(1, 0x5, 1, GET_INDEX))),
    c.fromServer(bytes(h2frame(4, 0, 0), h2frame(4, 0x1, 0), h2frame(1, 0x5, 1, OK_TEXT))),
  ];
  return { c, out };
}
