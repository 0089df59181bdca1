/**
 * RFC 8448 (Example Handshake Traces for TLS 1.3), §3 "Simple 1-RTT Handshake": TLS_AES_128_GCM_SHA256
 * with x25519. Every value below is the RFC's (its "{server} …"/"{client} …" trace entries); the key
 * schedule is walked from the shared secret, and the RFC's protected records are opened.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSecret, hkdfExtract, transcriptHash } from './hkdf.js';
import { tls13TrafficKeys } from './key-schedule.js';
import { RecordDecrypter } from './record-decrypt.js';
import { suiteById } from './suites.js';

/** Hex written the RFC's way, in groups and over several lines. */
const h = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const CLIENT_HELLO = h(`
  010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000
  000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024
  001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305
  030603020308040805080604010501060102010402050206020202002d00020101001c00024001`);
const SERVER_HELLO = h(`
  020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020
  c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304`);
/** {server} extract secret "handshake": IKM (the x25519 shared secret). */
const SHARED_SECRET = h('8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d');

/** {server} send handshake record: EncryptedExtensions, Certificate, CertificateVerify, Finished. */
const SERVER_FLIGHT_RECORD = h(`
  17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca07612ef9
  f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13bd9aefb0e57f27158
  5b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c7d0e509289444c9b3a648f1d
  71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd610928d809810e4b7ed1a8fd991f06aa62482
  04797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a89441ac66272fd8fb330ef8190579b3684596c960
  bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f4415cf9538d51a200c27034272968a264ed6540c84838d89
  f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a36ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961
  ffb138647e92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da
  8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd
  2972fda1fa80f85df881edbe5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8af
  e67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b
  66763038ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd50278
  4016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e750edc53
  370d2b`);
/** {server} send handshake record: payload — starts with EncryptedExtensions, ends with Finished. */
const SERVER_FLIGHT_HEAD = '080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000';
const SERVER_FINISHED = '140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718';

const CLIENT_FINISHED_RECORD = h(`
  170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1caeacab68
  67d726c40546`);
const CLIENT_FINISHED = '14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61';
/** The application data both sides send: 00 01 02 … 31 (50 octets). */
const APP_DATA = Uint8Array.from({ length: 50 }, (_, i) => i);
const CLIENT_DATA_RECORD = h(`
  1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b62974e1f
  5a6292a2977014bd1e3deae63aeebb21694915e4`);
const SERVER_DATA_RECORD = h(`
  17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a59a8fcc49c4b
  f2e5f0a21c0047c2abf332540dd032e167c2955d`);
const CLIENT_ALERT_RECORD = h('1703030013c9872760655666b74d7ff1153efd6db6d0b0e3');
const SERVER_ALERT_RECORD = h('1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9');

const SUITE = suiteById(0x1301)!;
const EMPTY_HASH = createHash('sha256').digest();

/** The record header's fields and the fragment, as the caller of `decrypt` has them. */
function open(decrypter: RecordDecrypter, seq: bigint, record: Uint8Array) {
  const version = (record[1]! << 8) | record[2]!;
  return decrypter.decrypt(seq, record[0]!, version, record.subarray(5));
}

function plaintextOf(result: ReturnType<typeof open>): { type: number; hex: string } {
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
  return { type: result.contentType, hex: hexOf(result.plaintext) };
}

describe('RFC 8448 §3 simple 1-RTT handshake', () => {
  const early = hkdfExtract('sha256', new Uint8Array(0), new Uint8Array(32));
  const handshake = hkdfExtract(
    'sha256',
    deriveSecret('sha256', early, 'derived', EMPTY_HASH),
    SHARED_SECRET,
  );
  const helloHash = transcriptHash('sha256', [CLIENT_HELLO, SERVER_HELLO]);
  const clientHs = deriveSecret('sha256', handshake, 'c hs traffic', helloHash);
  const serverHs = deriveSecret('sha256', handshake, 's hs traffic', helloHash);
  const master = hkdfExtract(
    'sha256',
    deriveSecret('sha256', handshake, 'derived', EMPTY_HASH),
    new Uint8Array(32),
  );

  it('walks the key schedule to the handshake traffic secrets', () => {
    expect(hexOf(early)).toBe('33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a');
    expect(hexOf(helloHash)).toBe('860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8');
    expect(hexOf(handshake)).toBe('1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac');
    expect(hexOf(clientHs)).toBe('b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21');
    expect(hexOf(serverHs)).toBe('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38');
    expect(hexOf(master)).toBe('18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919');
  });

  it('derives the handshake write keys and IVs', () => {
    const server = tls13TrafficKeys('sha256', serverHs, 16);
    expect(hexOf(server.key)).toBe('3fce516009c21727d0f2e4e86ee403bc');
    expect(hexOf(server.iv)).toBe('5d313eb2671276ee13000b30');
    const client = tls13TrafficKeys('sha256', clientHs, 16);
    expect(hexOf(client.key)).toBe('dbfaa693d1762c5b666af5d950258d01');
    expect(hexOf(client.iv)).toBe('5bd3c71b836e0b76bb73265f');
  });

  it("opens the server's protected handshake flight and the client's Finished", () => {
    const flight = plaintextOf(open(RecordDecrypter.forTls13(SUITE, serverHs), 0n, SERVER_FLIGHT_RECORD));
    expect(flight.type).toBe(22);
    expect(flight.hex.startsWith(SERVER_FLIGHT_HEAD)).toBe(true);
    expect(flight.hex.endsWith(SERVER_FINISHED)).toBe(true);
    const finished = plaintextOf(open(RecordDecrypter.forTls13(SUITE, clientHs), 0n, CLIENT_FINISHED_RECORD));
    expect(finished).toEqual({ type: 22, hex: CLIENT_FINISHED });
  });

  it('derives the application secrets from the decrypted transcript, and their keys open the data', () => {
    const flight = open(RecordDecrypter.forTls13(SUITE, serverHs), 0n, SERVER_FLIGHT_RECORD);
    if (!flight.ok) throw new Error(flight.detail);
    const finishedHash = transcriptHash('sha256', [CLIENT_HELLO, SERVER_HELLO, flight.plaintext]);
    expect(hexOf(finishedHash)).toBe('9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13');
    const clientAp = deriveSecret('sha256', master, 'c ap traffic', finishedHash);
    const serverAp = deriveSecret('sha256', master, 's ap traffic', finishedHash);
    expect(hexOf(clientAp)).toBe('9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5');
    expect(hexOf(serverAp)).toBe('a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643');
    const serverKeys = tls13TrafficKeys('sha256', serverAp, 16);
    expect(hexOf(serverKeys.key)).toBe('9f02283b6c9c07efc26bb9f2ac92e356');
    expect(hexOf(serverKeys.iv)).toBe('cf782b88dd83549aadf1e984');
    const clientKeys = tls13TrafficKeys('sha256', clientAp, 16);
    expect(hexOf(clientKeys.key)).toBe('17422dda596ed5d9acd890e3c63f5051');
    expect(hexOf(clientKeys.iv)).toBe('5b78923dee08579033e523d9');

    // The client's first records under its application keys; the server's come after its
    // NewSessionTicket (seq 0), so its data is seq 1 and its alert seq 2.
    const client = RecordDecrypter.forTls13(SUITE, clientAp);
    expect(plaintextOf(open(client, 0n, CLIENT_DATA_RECORD))).toEqual({ type: 23, hex: hexOf(APP_DATA) });
    expect(plaintextOf(open(client, 1n, CLIENT_ALERT_RECORD))).toEqual({ type: 21, hex: '0100' });
    const server = RecordDecrypter.forTls13(SUITE, serverAp);
    expect(plaintextOf(open(server, 1n, SERVER_DATA_RECORD))).toEqual({ type: 23, hex: hexOf(APP_DATA) });
    expect(plaintextOf(open(server, 2n, SERVER_ALERT_RECORD))).toEqual({ type: 21, hex: '0100' });
  });

  it('fails with a bad tag under the wrong sequence number or the other side’s secret', () => {
    const server = RecordDecrypter.forTls13(SUITE, serverHs);
    expect(open(server, 1n, SERVER_FLIGHT_RECORD)).toMatchObject({ ok: false, reason: 'bad record MAC/tag' });
    const client = RecordDecrypter.forTls13(SUITE, clientHs);
    expect(open(client, 0n, SERVER_FLIGHT_RECORD)).toMatchObject({ ok: false, reason: 'bad record MAC/tag' });
  });
});
