/**
 * A live capture for benchmarks: a pcap file replayed at a set frame rate, as a capture helper's
 * stdout would deliver it (chunks every 20 ms; record boundaries fall anywhere, as in a pipe).
 */
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveCapture } from '../../electron/engine/capture/stream-source.js';

const TICK_MS = 20;

export function pacedCapture(
  path: string,
  bytesPerFrame: number,
  framesPerSecond: number,
  seconds: number,
): LiveCapture {
  let stopped = false;
  return {
    async stop() {
      stopped = true;
    },
    chunks: (async function* () {
      const file = await open(path, 'r');
      try {
        const perTick = Math.round((bytesPerFrame * framesPerSecond * TICK_MS) / 1000);
        const started = performance.now();
        let sent = 0;
        while (!stopped && performance.now() - started < seconds * 1000) {
          // Catch up with the clock rather than drift: the rate is what arrives per second.
          const due = Math.floor((performance.now() - started) / TICK_MS) + 1;
          const size = 24 + due * perTick - sent;
          const { bytesRead, buffer } = await file.read(
            Buffer.alloc(Math.max(0, size)),
            0,
            Math.max(0, size),
            sent,
          );
          if (bytesRead === 0) break;
          sent += bytesRead;
          yield buffer.subarray(0, bytesRead);
          await sleep(TICK_MS);
        }
      } finally {
        await file.close();
      }
    })(),
  };
}
