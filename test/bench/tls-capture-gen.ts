/**
 * The TLS benchmark's capture (issue 8): at least BENCH_TLS_MB megabytes (110 by default) of real TLS
 * made by Node's own `tls` module, with the client's NSS key log. Each connection runs both ends in this
 * process (tls-traffic.ts); the bytes each side sent become Ethernet/IPv4/TCP frames (tcp-pcap.ts).
 *   - TLS 1.3 with AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305; TLS 1.2 ECDHE-RSA with AES-128-GCM,
 *     AES-256-GCM, ChaCha20-Poly1305 and AES-128-CBC-SHA256 (encrypt-then-MAC, OpenSSL's default);
 *   - HTTP/1.1 keep-alive, or HTTP/2 (ALPN h2, AEAD suites only as RFC 9113 asks), 4 to 12 exchanges a
 *     connection, bodies 1 KiB to 256 KiB (log-uniform), some POSTs; server port 443.
 * Kept in .bench/ (never committed) and reused while BENCH_TLS_MB is unchanged; a manifest records what
 * was made and what tshark found in it, checked once when the capture is made.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpPcapWriter } from './tcp-pcap.js';
import {
  createServers,
  runConnection,
  SERVER_NAME,
  type ConnectionPlan,
  type Exchange,
} from './tls-traffic.js';

export interface TlsCapture {
  readonly pcap: string;
  readonly keys: string;
  readonly manifest: Manifest;
}

export interface Manifest {
  readonly megabytes: number;
  readonly bytes: number;
  readonly frames: number;
  readonly connections: number;
  readonly h2Connections: number;
  readonly requests: number;
  /** Connections per suite. */
  readonly suites: Record<string, number>;
  /** tshark with the key log: requests it decoded, and frames per Protocol column. */
  readonly tshark: { readonly requests: number; readonly protocols: Record<string, number> };
}

const SUITES: readonly { version: ConnectionPlan['version']; cipher: string; aead: boolean }[] = [
  { version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', aead: true },
  { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', aead: true },
  { version: 'TLSv1.3', cipher: 'TLS_CHACHA20_POLY1305_SHA256', aead: true },
  { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', aead: true },
  { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', aead: true },
  { version: 'TLSv1.2', cipher: 'ECDHE-RSA-CHACHA20-POLY1305', aead: true },
  { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA256', aead: false },
];
const H2_SHARE = 0.3;
/** Connections in flight at once: their frames interleave in the capture as on a busy link. */
const CONCURRENCY = 8;

export async function tlsBenchCapture(workDir: string, megabytes: number): Promise<TlsCapture> {
  const base = join(workDir, `tls-${megabytes}mb`);
  const capture = { pcap: `${base}.pcap`, keys: `${base}.keys` };
  const manifestPath = `${base}.json`;
  if (existsSync(capture.pcap) && existsSync(capture.keys) && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.megabytes === megabytes) return { ...capture, manifest };
  }
  const started = performance.now();
  const made = await generate(workDir, capture, megabytes * 1e6);
  console.log(
    `tls capture generated in ${((performance.now() - started) / 1000).toFixed(1)} s; checking with tshark…`,
  );
  const manifest: Manifest = { megabytes, ...made, tshark: tsharkCounts(capture.pcap, capture.keys) };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...capture, manifest };
}

async function generate(
  workDir: string,
  capture: { pcap: string; keys: string },
  targetBytes: number,
): Promise<Omit<Manifest, 'megabytes' | 'tshark'>> {
  const { key, cert } = certificate(workDir);
  const servers = createServers(key, cert);
  const partial = `${capture.pcap}.partial`;
  const writer = new TcpPcapWriter(partial);
  const keylog: Buffer[] = [];
  const random = mulberry32(8);
  const suites: Record<string, number> = {};
  let connections = 0;
  let h2Connections = 0;
  let requests = 0;
  const running = new Set<Promise<void>>();
  while (writer.bytes < targetBytes) {
    const id = connections++;
    const plan = planConnection(id, random);
    suites[plan.cipher] = (suites[plan.cipher] ?? 0) + 1;
    if (plan.h2) h2Connections++;
    requests += plan.exchanges.length;
    writer.open(id, 443, [random() * 2 ** 32, random() * 2 ** 32]);
    const events = {
      send: (fromClient: boolean, bytes: Uint8Array) => writer.send(id, fromClient, bytes),
      fin: (fromClient: boolean) => writer.fin(id, fromClient),
    };
    const done = runConnection(servers, plan, events, (line) => keylog.push(line)).finally(() =>
      running.delete(done),
    );
    running.add(done);
    if (running.size >= CONCURRENCY) await Promise.race(running);
  }
  await Promise.all(running);
  writer.close();
  writeFileSync(capture.keys, Buffer.concat(keylog));
  renameSync(partial, capture.pcap);
  return { bytes: writer.bytes, frames: writer.frames, connections, h2Connections, requests, suites };
}

function planConnection(id: number, random: () => number): ConnectionPlan {
  const suite = SUITES[id % SUITES.length]!;
  const h2 = suite.aead && random() < H2_SHARE;
  const count = 4 + Math.floor(random() * 9);
  const exchanges: Exchange[] = [];
  for (let n = 0; n < count; n++) {
    const responseBody = Math.round(1024 * 256 ** random());
    const post = random() < 0.15;
    const requestBody = post ? Math.round(256 * 128 ** random()) : 0;
    const path = `/api/v1/objects/${id}-${n}?size=${responseBody}`;
    exchanges.push({ method: post ? 'POST' : 'GET', path, requestBody, responseBody });
  }
  return { version: suite.version, cipher: suite.cipher, h2, exchanges };
}

/** A self-signed RSA certificate for the servers, made once with the openssl command line. */
function certificate(workDir: string): { key: string; cert: string } {
  const keyPath = join(workDir, 'tls-bench-key.pem');
  const certPath = join(workDir, 'tls-bench-cert.pem');
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
      '-keyout', keyPath, '-out', certPath,
      '-subj', `/CN=${SERVER_NAME}`, '-addext', `subjectAltName=DNS:${SERVER_NAME}`,
    ], { stdio: 'ignore' }); // prettier-ignore
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

/** tshark's environment: an empty configuration directory, so that no user preference changes its work. */
export function tsharkEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WIRESHARK_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'hh-wireshark-')) };
}

/** One tshark pass with the key log: HTTP/1.1 and HTTP/2 requests decoded, and frames per Protocol. */
function tsharkCounts(pcap: string, keys: string): Manifest['tshark'] {
  const fields = ['_ws.col.Protocol', 'http.request.method', 'http2.headers.method'];
  const result = spawnSync(
    'tshark',
    [
      '-n',
      '-r',
      pcap,
      '-o',
      `tls.keylog_file:${keys}`,
      '-T',
      'fields',
      '-E',
      'occurrence=a',
      '-E',
      'aggregator=,',
    ].concat(fields.flatMap((field) => ['-e', field])),
    { env: tsharkEnv(), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`tshark failed (${result.status}): ${result.stderr.slice(-500)}`);
  let requests = 0;
  const protocols: Record<string, number> = {};
  for (const line of result.stdout.split('\n')) {
    if (line === '') continue;
    const [protocol = '', ...methods] = line.split('\t');
    protocols[protocol] = (protocols[protocol] ?? 0) + 1;
    for (const list of methods) if (list !== '') requests += list.split(',').length;
  }
  return { requests, protocols };
}

/** A small seeded generator: the same plan (suites, sizes, paths) on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
