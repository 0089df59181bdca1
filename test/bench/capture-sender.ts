/**
 * The capture benchmark's load: UDP datagrams to 127.0.0.1 at a paced rate for a fixed time, from
 * a child `node` inside the benchmark's own namespace (its loopback is the benchmark's alone).
 * A socket bound to the port and never read (python3, sleeping) swallows them: without it every
 * datagram draws an ICMP "port unreachable" (not rate-limited on loopback) and every other send
 * on the connected socket fails with ECONNREFUSED. Bounded: rate × seconds datagrams at most, and
 * both children are killed if they overstay.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SENDER = `
const [rate, seconds, port, size] = process.argv.slice(1).map(Number);
const s = require('node:dgram').createSocket('udp4');
const payload = Buffer.alloc(size, 0x61);
const total = Math.floor(rate * seconds);
let sent = 0, done = 0, failed = 0;
s.on('error', () => {});
s.connect(port, '127.0.0.1', () => {
  const t0 = process.hrtime.bigint();
  const tick = () => {
    const due = Math.min(total, Math.floor(rate * Number(process.hrtime.bigint() - t0) / 1e9));
    for (let n = 0; sent < due && n < 4000; n++, sent++) s.send(payload, (e) => { done++; if (e) failed++; });
    if (sent < total) return setImmediate(tick);
    const took = Number(process.hrtime.bigint() - t0) / 1e9;
    const drain = () => done < sent ? setTimeout(drain, 5)
      : (process.stdout.write(JSON.stringify({ sent: sent - failed, seconds: took })), s.close());
    drain();
  };
  tick();
});`;

const SINK = `
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.bind(('127.0.0.1', int(sys.argv[1])))
print('bound', flush=True)
time.sleep(float(sys.argv[2]))`;

export interface Sent {
  readonly sent: number;
  readonly seconds: number;
}

/** The never-read socket on `port`; resolves once bound, with the function that removes it. */
function startSink(namespace: string, port: number, seconds: number): Promise<() => void> {
  const argv = ['netns', 'exec', namespace, 'python3', '-c', SINK, String(port), String(seconds + 30)];
  const child = spawn('ip', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(() => void child.kill('SIGKILL')));
    child.once('close', (code) =>
      reject(new Error(`the sink socket did not start (python3 exited ${code})`)),
    );
    child.once('error', reject);
  });
}

/** udp-blast.c built with the system compiler (once), or null: then the Node sender does it. */
function fastSender(): string | null {
  const binary = resolve(import.meta.dirname, '../../out/bench/udp-blast');
  if (existsSync(binary)) return binary;
  mkdirSync(dirname(binary), { recursive: true });
  const source = resolve(import.meta.dirname, '../../test/bench/udp-blast.c');
  const cc = spawnSync('cc', ['-O2', '-o', binary, source], { encoding: 'utf8', timeout: 60_000 });
  return cc.status === 0 ? binary : null;
}

/** Which sender runs: "sendmmsg (C)" or "node dgram". */
export function senderKind(): string {
  return fastSender() ? 'sendmmsg (C)' : 'node dgram (no C compiler: the sender may cap the rate)';
}

function send(namespace: string, rate: number, seconds: number, port: number, size: number): Promise<Sent> {
  const args = [String(rate), String(seconds), String(port), String(size)];
  const blast = fastSender();
  const program = blast ? [blast, ...args] : [process.execPath, '-e', SENDER, ...args];
  const child = spawn('ip', ['netns', 'exec', namespace, ...program], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 20) * 1000);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && out) resolve(JSON.parse(out) as Sent);
      else reject(new Error(`the load sender exited ${code}: ${err}`));
    });
  });
}

/** `rate` datagrams/s of `size` payload bytes for `seconds` to 127.0.0.1:`port` inside `namespace`. */
export async function sendLoad(
  namespace: string,
  rate: number,
  seconds: number,
  port: number,
  size = 18,
): Promise<Sent> {
  const stopSink = await startSink(namespace, port, seconds);
  try {
    return await send(namespace, rate, seconds, port, size);
  } finally {
    stopSink();
  }
}
