/**
 * TLS conversations for the tests (tls.test.ts), built from tls-test-support.ts: a TLS 1.3 and a TLS 1.2
 * handshake with what follows, a HelloRetryRequest, a capture starting mid-connection. Each returns the
 * conversation and the columns of its frames; tshark 4.0.17 gave the expected columns for the same frames.
 */
import { TcpConversation } from './stream-test-support.js';
import type { SummaryOut } from './index.js';
import {
  bytes,
  certificateMessage,
  ciphertext,
  clientHello,
  handshake,
  HRR_RANDOM,
  record,
  serverHello,
  serverKeyExchange,
  vector,
} from './tls-test-support.js';

export type Flow = { c: TcpConversation; out: SummaryOut[] };

/** TLS 1.3 on 443: hellos, the encrypted rest, a record split over two segments, two records in one. */
export function tls13Flow(port = 443): Flow {
  const c = new TcpConversation(50000, port);
  const long = record(23, 0x0303, ciphertext(300));
  const out = [
    c.fromClient(record(22, 0x0301, clientHello())),
    c.fromServer(
      bytes(record(22, 0x0303, serverHello()), record(20, 0x0303, [1]), record(23, 0x0303, ciphertext(40))),
    ),
    c.fromClient(bytes(record(20, 0x0303, [1]), record(23, 0x0303, ciphertext(53)))),
    c.fromServer(long.subarray(0, 100)),
    c.fromServer(long.subarray(100)),
    c.fromServer(bytes(record(23, 0x0303, ciphertext(30)), record(23, 0x0303, ciphertext(31)))),
    c.fromClient(record(23, 0x0303, ciphertext(19, 7))),
  ];
  return { c, out };
}

/** TLS 1.2: the server's flight in one record each, the client's key exchange, encrypted Finished, alerts. */
export function tls12Flow(): Flow {
  const c = new TcpConversation(50001, 443);
  const cke = handshake(16, vector(1, new Uint8Array(32).fill(0x35)));
  const out = [
    c.fromClient(record(22, 0x0303, clientHello('www.example.test'))),
    c.fromServer(
      bytes(
        record(22, 0x0303, serverHello({ tls12: true })),
        record(22, 0x0303, certificateMessage()),
        record(22, 0x0303, serverKeyExchange(), handshake(14)),
      ),
    ),
    c.fromClient(bytes(record(22, 0x0303, cke), record(20, 0x0303, [1]), record(22, 0x0303, ciphertext(40)))),
    c.fromServer(bytes(record(20, 0x0303, [1]), record(22, 0x0303, ciphertext(40, 9)))),
    c.fromClient(record(23, 0x0303, ciphertext(64))),
    c.fromServer(record(21, 0x0303, ciphertext(26))),
    c.fromServer(record(21, 0x0303, [1, 0])),
  ];
  return { c, out };
}

/** A HelloRetryRequest (its random is SHA-256 of "HelloRetryRequest") with the middlebox ChangeCipherSpec. */
export function hrrFlow(): Flow {
  const c = new TcpConversation(50002, 443);
  const out = [
    c.fromClient(record(22, 0x0301, clientHello())),
    c.fromServer(bytes(record(22, 0x0303, serverHello({ random: HRR_RANDOM })), record(20, 0x0303, [1]))),
  ];
  return { c, out };
}

/** No handshake seen: application data first, then bytes that are no record, then an unknown type. */
export function midstreamFlow(): Flow {
  const c = new TcpConversation(50003, 443, 1000, 5000, false);
  const out = [c.fromServer(record(23, 0x0303, ciphertext(48))), c.fromServer(bytes([0x99], ciphertext(20)))];
  return { c, out };
}

/** Bytes that are no TLS record from the first segment on: the version stays unknown. */
export function garbageFlow(): Flow {
  const c = new TcpConversation(50004, 443);
  return { c, out: [c.fromServer(ciphertext(40, 0x83))] };
}
