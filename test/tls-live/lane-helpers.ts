/**
 * The engine as the test drives it: a local capture on a lab interface through `capture.start` (the
 * helper runs inside the lab's client namespace), stopping it, and polling what decryption gave.
 */
import type { FrameNumber, LaneId } from '../../shared/contract/index.js';
import { tlsRequests, type TlsSessionStatus } from '../../shared/contract/tls-channels.js';
import type { Engine } from '../../electron/engine/engine.js';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { localCaptureOf, setLocalCapture } from '../../electron/engine/capture/local-handlers.js';
import { inNetns, sleep } from '../lab/exec.js';
import { allRows } from '../capture-local/support.js';

/** The engine's local-capture service, with tcpdump started by `ip netns exec <namespace>`. */
export function captureIn(engine: Engine, namespace: string): void {
  setLocalCapture(engine, new LocalCapture(engine, { launcher: inNetns(namespace, []) }));
}

export async function startCapture(engine: Engine, iface: string, filter: string): Promise<LaneId> {
  const { lanes } = await engine.handle('capture.start', { interfaces: [iface], filter, role: 'front' });
  const lane = lanes[0]?.lane;
  if (lane === undefined) throw new Error('capture.start opened no lane');
  return lane;
}

export async function stopCapture(engine: Engine, lane: LaneId): Promise<void> {
  await engine.handle('capture.stop', { lane });
  await localCaptureOf(engine).ended(lane);
}

/** `tls.sessions`, checked against the contract's schema (a host would do that on the wire). */
export async function sessions(engine: Engine, lane: LaneId): Promise<TlsSessionStatus[]> {
  const response = await engine.handle('tls.sessions', { lane });
  return tlsRequests['tls.sessions'].response.parse(response).sessions;
}

/**
 * Polls `tls.sessions` until `done` holds or `timeoutMs` passes; returns the last answer either way
 * (the assertions that follow say what is missing).
 */
export async function sessionsWhen(
  engine: Engine,
  lane: LaneId,
  done: (list: TlsSessionStatus[]) => boolean,
  timeoutMs: number,
): Promise<{ list: TlsSessionStatus[]; ms: number; settled: boolean }> {
  const start = Date.now();
  for (;;) {
    const list = await sessions(engine, lane);
    if (done(list)) return { list, ms: Date.now() - start, settled: true };
    if (Date.now() - start > timeoutMs) return { list, ms: Date.now() - start, settled: false };
    await sleep(100);
  }
}

/** The client's TCP port of each TCP stream of the lane (from the details' tcp layer of its first frame). */
export async function clientPorts(
  engine: Engine,
  lane: LaneId,
  list: readonly TlsSessionStatus[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const session of list) {
    const details = await engine.handle('packets.details', {
      lane,
      number: session.firstFrame as FrameNumber,
    });
    const tcp = details.layers.find((l) => l.id === 'tcp')?.fields ?? [];
    const port = (id: string) => Number(tcp.find((f) => f.id === id)?.value);
    out.set(session.stream, port('tcp.dstport') === 443 ? port('tcp.srcport') : port('tcp.dstport'));
  }
  return out;
}

/** IANA names of the OpenSSL suite names the workload asks for. */
export const IANA_SUITE: Readonly<Record<string, string>> = {
  TLS_AES_128_GCM_SHA256: 'TLS_AES_128_GCM_SHA256',
  TLS_CHACHA20_POLY1305_SHA256: 'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-RSA-CHACHA20-POLY1305': 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
};

/** `check` every 100 ms until it gives a value, for at most `timeoutMs` (then undefined). */
export async function pollUntil<T>(
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() > deadline) return value;
    await sleep(100);
  }
}

/** `TCP ×3, TLSv1.3 ×12`: what a lane's Protocol column shows (for failure messages). */
export async function protocolCounts(engine: Engine, lane: LaneId): Promise<string> {
  const counts = new Map<string, number>();
  for (const row of await allRows(engine, lane))
    counts.set(row.protocol, (counts.get(row.protocol) ?? 0) + 1);
  return [...counts].map(([protocol, n]) => `${protocol} ×${n}`).join(', ');
}
