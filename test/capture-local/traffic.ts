/**
 * Bounded test traffic: UDP datagrams to loopback or to an address inside a namespace the test
 * made, never anywhere else. Every sender has a packet count and a time limit.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';

export interface Burst {
  readonly address: string;
  readonly port: number;
  readonly count: number;
  readonly size?: number;
  /** Datagrams per millisecond tick; paces the burst so a small socket buffer does not drop. */
  readonly perTick?: number;
}

const LIMIT_MS = 10_000;

function assertContained(address: string): void {
  if (!/^127\.|^10\.2(4[0-9]|5[0-5])\./.test(address))
    throw new Error(`test traffic goes to loopback or the test namespaces only, not ${address}`);
}

/** Sends from this process (the root namespace's loopback). */
export async function sendUdp(burst: Burst): Promise<void> {
  assertContained(burst.address);
  const socket = createSocket('udp4');
  socket.on('error', () => {});
  const payload = Buffer.alloc(burst.size ?? 32, 0x61);
  const started = Date.now();
  try {
    for (let sent = 0; sent < burst.count;) {
      if (Date.now() - started > LIMIT_MS) throw new Error(`sending took over ${LIMIT_MS} ms`);
      const n = Math.min(burst.perTick ?? 50, burst.count - sent);
      await Promise.all(
        Array.from(
          { length: n },
          () => new Promise((r) => socket.send(payload, burst.port, burst.address, r)),
        ),
      );
      sent += n;
      await new Promise((r) => setTimeout(r, 1));
    }
  } finally {
    socket.close();
  }
}

/** Sends from inside namespace `ns` (a child `node`, itself bounded by count and a kill timer). */
export function sendUdpFrom(ns: string, burst: Burst): Promise<void> {
  assertContained(burst.address);
  const script = `
    const s = require('node:dgram').createSocket('udp4'); const p = Buffer.alloc(${burst.size ?? 32}, 0x61);
    let sent = 0; const tick = () => { const n = Math.min(${burst.perTick ?? 50}, ${burst.count} - sent);
      let left = n; if (n === 0) return s.close();
      for (let i = 0; i < n; i++) s.send(p, ${burst.port}, '${burst.address}', () => { if (--left === 0) setTimeout(tick, 1); });
      sent += n; };
    tick();`;
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', script], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`sender in ${ns} exited ${code}: ${stderr}`));
    });
  });
}
