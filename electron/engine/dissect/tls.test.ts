/**
 * TLS: columns against tshark 4.0.17 (the flows of tls-flows.ts, written as a pcap and read by tshark),
 * every ClientHello field with its range, ServerHello, Certificate (X.509 through Node's X509Certificate),
 * ServerKeyExchange, the session kept for decryption, problems (a vector that does not fit, a snap length),
 * and a property: whatever follows a record header, dissection returns and every range stays in its buffer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { TcpConversation, tcpFrame } from './stream-test-support.js';
import { field, findAll, hex } from './test-support.js';
import { garbageFlow, hrrFlow, midstreamFlow, tls12Flow, tls13Flow } from './tls-flows.js';
import { bytes, clientHello, extension, handshake, record, u16, vector } from './tls-test-support.js';
import { checkDissection } from './dissection-checks.js';

const columns = (out: { protocol: string; info: string }[]) => out.map((o) => [o.protocol, o.info]);

describe('TLS columns (as tshark 4.0.17 shows the same frames)', () => {
  it('TLS 1.3: a ClientHello in a TLS 1.0 record, then the 1.3 the server chose', () => {
    expect(columns(tls13Flow().out)).toEqual([
      ['TLSv1', 'Client Hello'],
      ['TLSv1.3', 'Server Hello, Change Cipher Spec, Application Data'],
      ['TLSv1.3', 'Change Cipher Spec, Application Data'],
      ['TCP', '[TCP segment of a reassembled PDU]'],
      ['TLSv1.3', 'Application Data'],
      ['TLSv1.3', 'Application Data, Application Data'],
      ['TLSv1.3', 'Application Data'],
    ]);
  });

  it('the same on 8443, found by the heuristic', () => {
    expect(columns(tls13Flow(8443).out)).toEqual(columns(tls13Flow().out));
  });

  it('TLS 1.2: the server flight, encrypted Finished messages, encrypted and plain alerts', () => {
    expect(columns(tls12Flow().out)).toEqual([
      ['TLSv1.2', 'Client Hello'],
      ['TLSv1.2', 'Server Hello, Certificate, Server Key Exchange, Server Hello Done'],
      ['TLSv1.2', 'Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message'],
      ['TLSv1.2', 'Change Cipher Spec, Encrypted Handshake Message'],
      ['TLSv1.2', 'Application Data'],
      ['TLSv1.2', 'Encrypted Alert'],
      ['TLSv1.2', 'Alert (Level: Warning, Description: Close Notify)'],
    ]);
  });

  it('a HelloRetryRequest is told by its random', () => {
    expect(columns(hrrFlow().out)[1]).toEqual(['TLSv1.3', 'Hello Retry Request, Change Cipher Spec']);
  });

  it('mid-connection: the record version settles the conversation; non-records are named as tshark does', () => {
    expect(columns(midstreamFlow().out)).toEqual([
      ['TLSv1.2', 'Application Data'],
      ['TLSv1.2', 'Ignored Unknown Record'],
    ]);
    expect(columns(garbageFlow().out)).toEqual([['SSL', 'Continuation Data']]);
  });

  it('replays every frame to the columns of the summary pass', () => {
    for (const flow of [tls13Flow(), tls12Flow(), hrrFlow()])
      for (let n = 1; n <= flow.c.frames; n++) {
        const { protocol, info } = flow.c.lane.replay(n);
        const first = flow.c.lane.replay(n);
        expect([first.protocol, first.info]).toEqual([protocol, info]);
      }
    const f = tls13Flow();
    expect(f.c.lane.replay(8).info).toBe('Application Data');
  });
});

describe('TLS details', () => {
  // Frame 4 of tls13Flow: Ethernet (14) + IPv4 (20) + TCP (20), then the record at offset 54:
  //   0x0036:  1603 0105 ..      Handshake, TLS 1.0, length
  //   0x003b:  0100 05..         ClientHello, length
  //   0x003f:  0303 0001 0203 …  legacy_version TLS 1.2, random 00 01 02 …
  const hello = () => tls13Flow().c.lane.details(4);

  it('the record and the ClientHello, each field at its range', () => {
    const d = hello();
    expect(field(d, 'tls.record.content_type')).toMatchObject({
      value: 22,
      range: [54, 55],
      display: 'Content Type: Handshake (22)',
    });
    expect(field(d, 'tls.record.version')).toMatchObject({
      value: 0x0301,
      range: [55, 57],
      display: 'Version: TLS 1.0 (0x0301)',
    });
    expect(field(d, 'tls.record')).toMatchObject({
      display: 'TLSv1 Record Layer: Handshake Protocol: Client Hello',
    });
    expect(field(d, 'tls.handshake.type')).toMatchObject({ value: 1, range: [59, 60] });
    expect(field(d, 'tls.handshake.version')).toMatchObject({ value: 0x0303, range: [63, 65] });
    expect(field(d, 'tls.handshake.random')).toMatchObject({
      range: [65, 97],
      value: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
    });
    expect(field(d, 'tls.handshake.random_time').value).toBe('Jan  1, 1970 18:20:51.000000000 UTC');
    expect(field(d, 'tls.handshake.session_id')).toMatchObject({ range: [98, 130], value: 'ee'.repeat(32) });
    expect(findAll(d, 'tls.handshake.ciphersuite').map((f) => f.display)).toEqual([
      'Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)',
      'Cipher Suite: TLS_AES_256_GCM_SHA384 (0x1302)',
      'Cipher Suite: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xc02f)',
    ]);
    expect(field(d, 'tls.handshake.extensions_server_name')).toMatchObject({ value: 'app.example.test' });
    expect(findAll(d, 'tls.handshake.extensions_alpn_str').map((f) => f.value)).toEqual(['h2', 'http/1.1']);
    expect(findAll(d, 'tls.handshake.extensions.supported_version').map((f) => f.display)).toEqual([
      'Supported Version: TLS 1.3 (0x0304)',
      'Supported Version: TLS 1.2 (0x0303)',
    ]);
    expect(findAll(d, 'tls.handshake.sig_hash_alg').map((f) => f.display)).toEqual([
      'Signature Algorithm: ecdsa_secp256r1_sha256 (0x0403)',
      'Signature Algorithm: rsa_pss_rsae_sha256 (0x0804)',
      'Signature Algorithm: rsa_pkcs1_sha256 (0x0401)',
    ]);
  });

  it('a post-quantum hybrid key share: X25519MLKEM768 (4588) with its 1216-byte key', () => {
    const d = hello();
    expect(findAll(d, 'tls.handshake.extensions_key_share_group').map((f) => f.display)).toEqual([
      'Group: X25519MLKEM768 (4588)',
      'Group: x25519 (29)',
    ]);
    expect(findAll(d, 'tls.handshake.extensions_key_share_key_exchange_length').map((f) => f.value)).toEqual([
      1216, 32,
    ]);
    const key = findAll(d, 'tls.handshake.extensions_key_share_key_exchange')[0];
    expect(key && key.range[1] - key.range[0]).toBe(1216);
    expect(field(d, 'tls.handshake.extensions_supported_group').display).toBe(
      'Supported Group: X25519MLKEM768 (0x11ec)',
    );
  });

  it('ServerHello: the chosen suite and version; TLS 1.3 application data has an opaque type', () => {
    const d = tls13Flow().c.lane.details(5);
    expect(field(d, 'tls.handshake.ciphersuite').display).toBe(
      'Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)',
    );
    expect(field(d, 'tls.handshake.extensions.supported_version').value).toBe(0x0304);
    expect(field(d, 'tls.record.opaque_type').display).toBe('Opaque Type: Application Data (23)');
    // ServerHello record 127 bytes, ChangeCipherSpec record 6, then the application data record's header.
    expect(field(d, 'tls.app_data').range).toEqual([54 + 127 + 6 + 5, 54 + 127 + 6 + 5 + 40]);
  });

  it('Certificate: subject, issuer, validity, serial number and names, through X509Certificate', () => {
    const d = tls12Flow().c.lane.details(5);
    expect(field(d, 'tls.handshake.certificate').display).toMatch(
      /^Certificate: 308201f9.*… \(id-at-commonName=app\.example\.test,id-at-organizationName=Hammerhead Test,id-at-countryName=US\)$/,
    );
    expect(field(d, 'tls.handshake.certificate_length').value).toBe(509);
    expect(field(d, 'x509af.serialNumber')).toMatchObject({ value: '0102', display: 'serialNumber: 0x0102' });
    expect(findAll(d, 'x509af.utcTime').map((f) => f.value)).toEqual([
      '2026-11-25 08:41:25 (UTC)',
      '2036-11-22 08:41:25 (UTC)',
    ]);
    expect(field(d, 'x509af.rdnSequence').display).toBe(
      'rdnSequence: 3 items (id-at-commonName=app.example.test,id-at-organizationName=Hammerhead Test,id-at-countryName=US)',
    );
    expect(findAll(d, 'x509ce.dNSName').map((f) => f.value)).toEqual([
      'app.example.test',
      'www.example.test',
    ]);
    expect(field(d, 'x509af.signature_element').display).toBe('signature (ecdsa-with-SHA256)');
  });

  it('ServerKeyExchange: named curve, point and signature scheme', () => {
    const d = tls12Flow().c.lane.details(5);
    expect(field(d, 'tls.handshake.server_named_curve').display).toBe('Named Curve: x25519 (0x001d)');
    expect(field(d, 'tls.handshake.server_point_len').value).toBe(32);
    expect(findAll(d, 'tls.handshake.sig_hash_alg').at(-1)?.value).toBe(0x0403);
  });

  it('a record split over two segments is read from its reassembled buffer', () => {
    const d = tls13Flow().c.lane.details(8);
    const data = field(d, 'tls.app_data');
    expect(data.source).toMatch(/^Reassembled TCP/);
    expect(data.range).toEqual([5, 305]);
    expect(d.sources?.[0]?.bytes.length).toBe(305);
  });

  it('alerts: level and description, or an encrypted alert', () => {
    const f = tls12Flow();
    expect(field(f.c.lane.details(10), 'tls.alert_message.desc').display).toBe(
      'Description: Close Notify (0)',
    );
    expect(field(f.c.lane.details(9), 'tls.alert_message').display).toBe('Alert Message: Encrypted Alert');
  });
});

describe('TLS session, kept for decryption', () => {
  it('client random, suite, version, ALPN; encrypted records addressable by frame and stream offset', () => {
    const f = tls13Flow();
    const session = f.c.lane.dissector.tlsSessions().byStream.get(0);
    expect(session?.clientRandom).toEqual(Uint8Array.from({ length: 32 }, (_, i) => i));
    expect([session?.cipherSuite, session?.version, session?.serverVersion]).toEqual([
      0x1301, 0x0304, 0x0304,
    ]);
    expect([session?.serverName, session?.alpnOffered, session?.serverDirection]).toEqual([
      'app.example.test',
      ['h2', 'http/1.1'],
      1,
    ]);
    const server = session?.records(1);
    expect(server?.count).toBe(4);
    // The split record: dissected in frame 8, from the reassembled PDU, 141 bytes into the server's stream.
    expect(server?.get(1)).toEqual({
      frame: 8,
      // After the server's first flight (127 + 6 + 45 bytes), from relative sequence number 1.
      streamOffset: 1 + 178,
      pdu: 0,
      offset: 0,
      contentType: 23,
      length: 300,
    });
    expect(session?.records(0).get(0)).toMatchObject({ frame: 6, contentType: 23, length: 53, offset: 6 });
  });

  it('a record is read back through the TCP PDU that held it', () => {
    const f = tls13Flow();
    const sessions = f.c.lane.dissector.tlsSessions();
    const session = sessions.byClientRandom(Uint8Array.from({ length: 32 }, (_, i) => i));
    const ref = session?.records(1).get(1);
    const pdu = ref ? f.c.lane.dissector.pduBytes(ref.frame, ref.pdu) : null;
    // 17 0303 012c: the split record's header, read back from frames 7 and 8.
    expect(pdu?.subarray(ref?.offset, (ref?.offset ?? 0) + 5)).toEqual(hex('1703 03 012c'));
    expect(pdu?.length).toBe(305);
  });
});

describe('TLS problems', () => {
  it('an SNI extension too short for its list length: [Malformed Packet], as tshark', () => {
    const c = new TcpConversation(50010, 443);
    // 0000 0001 01: server_name, extension length 1 — no room for the 2-byte list length.
    const bad = handshake(
      1,
      u16(0x0303),
      new Uint8Array(32),
      vector(1),
      vector(2, u16(0x1301)),
      vector(1, [0]),
      vector(2, extension(0, [1])),
    );
    const out = c.fromClient(record(22, 0x0301, bad));
    expect([out.protocol, out.info]).toEqual(['TLSv1', 'Client Hello[Malformed Packet]']);
    expect(out.flags & FrameFlag.Malformed).not.toBe(0);
  });

  it('a ClientHello cut by the snap length: [Packet size limited during capture]', () => {
    const c = new TcpConversation(50011, 443);
    const full = tcpFrame(50011, 443, 1001, 5001, 'PA', record(22, 0x0301, clientHello()));
    const out = c.frame(full.subarray(0, 150), { originalLength: full.length });
    expect(out.info).toBe('Client Hello[Packet size limited during capture]');
    expect(out.flags & FrameFlag.Truncated).not.toBe(0);
  });

  it('never throws; ranges stay inside their buffers, whatever follows a record header', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(20, 21, 22, 23, 24, 0x80, 0x16), fc.uint8Array({ maxLength: 300 })),
          { maxLength: 4 },
        ),
        (segments) => {
          const c = new TcpConversation(50100, 443);
          c.fromClient(record(22, 0x0301, clientHello()));
          for (const [type, tail] of segments)
            c.fromServer(bytes([type, 3, 3], u16(tail.length + (type & 3)), tail));
          for (let n = 1; n <= c.frames; n++) checkDissection(c.lane.details(n));
        },
      ),
      { numRuns: 300 },
    );
  });
});
