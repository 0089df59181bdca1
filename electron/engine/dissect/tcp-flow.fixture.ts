/** A TCP conversation for the tests, with the columns tshark 4.0.17 shows for each frame. */
import type { ColumnCase } from './test-support.js';
import { hex } from './test-support.js';

// One connection, then a port reuse and a second connection. Expected columns are tshark 4.0.17's
// for these frames read in this order (relative sequence numbers, window scaling, analysis flags).
export const FLOW: ColumnCase[] = [
  {
    name: 'syn',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  003c 1c46 4000 4006 b1e6 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 03e8 0000 0000 a002
      0x0030:  faf0 fe30 0000 0204 05b4 0402 080a 0001
      0x0040:  e240 0000 0000 0103 0307
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '54416 → 8443 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=123456 TSecr=0 WS=128',
    ],
  },
  {
    name: 'synack',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 0800 4500
      0x0010:  003c 0000 4000 4006 0000 c0a8 00c7 c0a8
      0x0020:  0001 20fb d490 0000 1388 0000 03e9 a012
      0x0030:  ffff 0000 0000 0204 05b4 0402 080a 0000
      0x0040:  0001 0001 e240 0103 0308
    `),
    expected: [
      '192.168.0.199',
      '192.168.0.1',
      'TCP',
      '8443 → 54416 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=123456 WS=256',
    ],
  },
  {
    name: 'ack',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0034 1c47 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 03e9 0000 1389 8010
      0x0030:  01f6 0000 0000 0101 080a 0001 e241 0000
      0x0040:  0001
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '54416 → 8443 [ACK] Seq=1 Ack=1 Win=64256 Len=0 TSval=123457 TSecr=1',
    ],
  },
  {
    name: 'data',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0039 1c48 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 03e9 0000 1389 8018
      0x0030:  01f6 0000 0000 0101 080a 0001 e242 0000
      0x0040:  0001 6865 6c6c 6f
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '54416 → 8443 [PSH, ACK] Seq=1 Ack=1 Win=64256 Len=5 TSval=123458 TSecr=1',
    ],
  },
  {
    name: 'retrans',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0039 1c49 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 03e9 0000 1389 8018
      0x0030:  01f6 0000 0000 0101 080a 0001 e243 0000
      0x0040:  0001 6865 6c6c 6f
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '[TCP Retransmission] 54416 → 8443 [PSH, ACK] Seq=1 Ack=1 Win=64256 Len=5 TSval=123459 TSecr=1',
    ],
  },
  {
    name: 'ack of data',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 0800 4500
      0x0010:  0034 0001 4000 4006 0000 c0a8 00c7 c0a8
      0x0020:  0001 20fb d490 0000 1389 0000 03ee 8010
      0x0030:  0200 0000 0000 0101 080a 0000 0002 0001
      0x0040:  e243
    `),
    expected: [
      '192.168.0.199',
      '192.168.0.1',
      'TCP',
      '8443 → 54416 [ACK] Seq=1 Ack=6 Win=131072 Len=0 TSval=2 TSecr=123459',
    ],
  },
  {
    name: 'dup ack',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 0800 4500
      0x0010:  0034 0002 4000 4006 0000 c0a8 00c7 c0a8
      0x0020:  0001 20fb d490 0000 1389 0000 03ee 8010
      0x0030:  0200 0000 0000 0101 080a 0000 0003 0001
      0x0040:  e243
    `),
    expected: [
      '192.168.0.199',
      '192.168.0.1',
      'TCP',
      '[TCP Dup ACK 6#1] 8443 → 54416 [ACK] Seq=1 Ack=6 Win=131072 Len=0 TSval=3 TSecr=123459',
    ],
  },
  {
    name: 'window update',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 0800 4500
      0x0010:  0034 0003 4000 4006 0000 c0a8 00c7 c0a8
      0x0020:  0001 20fb d490 0000 1389 0000 03ee 8010
      0x0030:  0300 0000 0000 0101 080a 0000 0004 0001
      0x0040:  e243
    `),
    expected: [
      '192.168.0.199',
      '192.168.0.1',
      'TCP',
      '[TCP Window Update] 8443 → 54416 [ACK] Seq=1 Ack=6 Win=196608 Len=0 TSval=4 TSecr=123459',
    ],
  },
  {
    name: 'keepalive',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0034 1c4a 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 03ed 0000 1389 8010
      0x0030:  01f6 0000 0000 0101 080a 0001 e244 0000
      0x0040:  0004
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '[TCP Keep-Alive] 54416 → 8443 [ACK] Seq=5 Ack=1 Win=64256 Len=0 TSval=123460 TSecr=4',
    ],
  },
  {
    name: 'keepalive ack',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 0800 4500
      0x0010:  0034 0004 4000 4006 0000 c0a8 00c7 c0a8
      0x0020:  0001 20fb d490 0000 1389 0000 03ee 8010
      0x0030:  0300 0000 0000 0101 080a 0000 0005 0001
      0x0040:  e244
    `),
    expected: [
      '192.168.0.199',
      '192.168.0.1',
      'TCP',
      '[TCP Keep-Alive ACK] 8443 → 54416 [ACK] Seq=1 Ack=6 Win=196608 Len=0 TSval=5 TSecr=123460',
    ],
  },
  {
    name: 'lost',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0039 1c4b 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 07d0 0000 1389 8018
      0x0030:  01f6 0000 0000 0101 080a 0001 e245 0000
      0x0040:  0005 6865 6c6c 6f
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '[TCP Previous segment not captured] 54416 → 8443 [PSH, ACK] Seq=1000 Ack=1 Win=64256 Len=5 TSval=123461 TSecr=5',
    ],
  },
  {
    name: 'fin',
    bytes: hex(`
      0x0000:  6677 8899 aabb 0011 2233 4455 0800 4500
      0x0010:  0034 0005 4000 4006 0000 c0a8 00c7 c0a8
      0x0020:  0001 20fb d490 0000 1389 0000 07d5 8011
      0x0030:  0300 0000 0000 0101 080a 0000 0006 0001
      0x0040:  e245
    `),
    expected: [
      '192.168.0.199',
      '192.168.0.1',
      'TCP',
      '[TCP ACKed unseen segment] 8443 → 54416 [FIN, ACK] Seq=1 Ack=1005 Win=196608 Len=0 TSval=6 TSecr=123461',
    ],
  },
  {
    name: 'rst',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0028 1c4c 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0000 07d5 0000 0000 5004
      0x0030:  0000 0000 0000
    `),
    expected: ['192.168.0.1', '192.168.0.199', 'TCP', '54416 → 8443 [RST] Seq=1005 Win=0 Len=0'],
  },
  {
    name: 'new syn same ports',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  003c 1c46 4000 4006 b1e6 c0a8 0001 c0a8
      0x0020:  00c7 d490 20fb 0001 0000 0000 0000 a002
      0x0030:  faf0 fe30 0000 0204 05b4 0402 080a 0001
      0x0040:  e240 0000 0000 0103 0307
    `),
    expected: [
      '192.168.0.1',
      '192.168.0.199',
      'TCP',
      '[TCP Port numbers reused] 54416 → 8443 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=123456 TSecr=0 WS=128',
    ],
  },
  {
    name: 'other stream',
    bytes: hex(`
      0x0000:  0011 2233 4455 6677 8899 aabb 0800 4500
      0x0010:  0028 1c4c 4000 4006 0000 c0a8 0001 c0a8
      0x0020:  00c8 d491 0050 0000 0001 0000 0001 5010
      0x0030:  0100 0000 0000
    `),
    expected: ['192.168.0.1', '192.168.0.200', 'TCP', '54417 → 80 [ACK] Seq=1 Ack=1 Win=256 Len=0'],
  },
];
