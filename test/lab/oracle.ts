/**
 * tshark as the lab's independent oracle: what the captures say happened, read by Wireshark's
 * dissectors (not Hammerhead's), compared with the ground truth the clients wrote.
 *
 * Front leg: HTTP/2 HEADERS frames (`http2.headers.method`/`.path`) and HTTP/1.1 requests found
 * only after TLS decryption, with the TLS version of their TCP stream's ServerHello. Back legs:
 * HTTP/1.1 requests with their header lines.
 */
import { run } from './exec.js';

export const TRACE_ID = /^Root=1-([0-9a-f]{8})-[0-9a-f]{24}$/;
export const HEALTH_CHECK_AGENT = 'ELB-HealthChecker/2.0';

type Layers = Record<string, string[] | undefined>;

/** tshark -T json with -e fields: one object per matching frame, every field an array. */
export function tsharkFields(
  file: string,
  filter: string,
  fields: readonly string[],
  prefs: string[] = [],
): Layers[] {
  const prefArgs = prefs.flatMap((pref) => ['-o', pref]);
  const argv = [
    'tshark',
    '-n',
    '-r',
    file,
    ...prefArgs,
    '-Y',
    filter,
    '-T',
    'json',
    ...fields.flatMap((f) => ['-e', f]),
  ];
  const result = run(argv, { timeoutMs: 120_000 });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  const frames = JSON.parse(result.stdout || '[]') as { _source: { layers: Layers } }[];
  return frames.map((frame) => frame._source.layers);
}

const first = (layers: Layers, field: string) => layers[field]?.[0] ?? '';

export function tokenOf(path: string): string | undefined {
  return /tok-[0-9a-f]+-\d+/.exec(path)?.[0];
}

export interface FrontRequest {
  readonly frame: number;
  readonly tcpStream: number;
  readonly clientPort: number;
  readonly httpVersion: '2' | '1.1';
  readonly tlsVersion: string;
  readonly method: string;
  readonly path: string;
}

/** TLS version per TCP stream, from the ServerHello (TLS 1.3 says so in supported_versions). */
function tlsVersions(file: string, prefs: string[]): Map<number, string> {
  const hellos = tsharkFields(
    file,
    'tls.handshake.type == 2',
    ['tcp.stream', 'tls.handshake.version', 'tls.handshake.extensions.supported_version'],
    prefs,
  );
  const name = (hex: string) => ({ '0x0304': 'TLSv1.3', '0x0303': 'TLSv1.2' })[hex] ?? hex;
  return new Map(
    hellos.map((h) => [
      Number(first(h, 'tcp.stream')),
      name(first(h, 'tls.handshake.extensions.supported_version') || first(h, 'tls.handshake.version')),
    ]),
  );
}

/**
 * Every decrypted request on the front leg. `keyLogFile` adds `tls.keylog_file`; without it,
 * tshark uses the Decryption Secrets Block of a pcapng, if any.
 */
export function frontRequests(file: string, keyLogFile?: string): FrontRequest[] {
  const prefs = keyLogFile ? [`tls.keylog_file:${keyLogFile}`] : [];
  const versions = tlsVersions(file, prefs);
  const fields = ['frame.number', 'tcp.stream', 'tcp.srcport'];
  const h2 = ['http2.headers.method', 'http2.headers.path'];
  const h1 = ['http.request.method', 'http.request.uri'];
  const frames = tsharkFields(file, 'http2.headers.method || http.request', [...fields, ...h2, ...h1], prefs);
  return frames.flatMap((layers) => {
    const base = {
      frame: Number(first(layers, 'frame.number')),
      tcpStream: Number(first(layers, 'tcp.stream')),
      clientPort: Number(first(layers, 'tcp.srcport')),
      tlsVersion: versions.get(Number(first(layers, 'tcp.stream'))) ?? '',
    };
    // Each request header block has exactly one :method and one :path, so the arrays pair up.
    const paths = layers['http2.headers.path'] ?? [];
    const requests2 = (layers['http2.headers.method'] ?? []).map((method, i) => ({
      ...base,
      httpVersion: '2' as const,
      method,
      path: paths[i] ?? '',
    }));
    const uris = layers['http.request.uri'] ?? [];
    const requests1 = (layers['http.request.method'] ?? []).map((method, i) => ({
      ...base,
      httpVersion: '1.1' as const,
      method,
      path: uris[i] ?? '',
    }));
    return [...requests2, ...requests1];
  });
}

export interface BackRequest {
  readonly frame: number;
  readonly tcpStream: number;
  readonly source: string;
  readonly method: string;
  readonly path: string;
  /** Header names lower-cased; values as sent. */
  readonly headers: ReadonlyMap<string, string>;
}

export function backRequests(file: string): BackRequest[] {
  const fields = [
    'frame.number',
    'tcp.stream',
    'ip.src',
    'http.request.method',
    'http.request.uri',
    'http.request.line',
  ];
  return tsharkFields(file, 'http.request', fields).map((layers) => {
    if ((layers['http.request.method'] ?? []).length !== 1)
      throw new Error(`${file} frame ${first(layers, 'frame.number')}: more than one request in a frame`);
    const headers = new Map(
      (layers['http.request.line'] ?? []).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
      }),
    );
    return {
      frame: Number(first(layers, 'frame.number')),
      tcpStream: Number(first(layers, 'tcp.stream')),
      source: first(layers, 'ip.src'),
      method: first(layers, 'http.request.method'),
      path: first(layers, 'http.request.uri'),
      headers,
    };
  });
}

/** The longest frame in a capture: above 1514 means segmentation offload leaked into it. */
export function longestFrame(file: string): number {
  const result = run(['tshark', '-n', '-r', file, '-T', 'fields', '-e', 'frame.len'], { timeoutMs: 60_000 });
  return Math.max(0, ...result.stdout.split('\n').filter(Boolean).map(Number));
}

/** Decryption secrets a pcapng carries (capinfos counts its Decryption Secrets Blocks). */
export function embeddedSecrets(file: string): number {
  const match = /Number of decryption secrets in file: (\d+)/.exec(run(['capinfos', file]).stdout);
  return match ? Number(match[1]) : 0;
}
