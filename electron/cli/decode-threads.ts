/**
 * How many threads `decode` uses: one for small files and stdin (starting workers costs more than it
 * saves), otherwise a worker per core, at most four. `HAMMERHEAD_DECODE_THREADS` sets it (1: one thread;
 * the corpus test compares both ways on every capture) and `HAMMERHEAD_DECODE_PARALLEL_BYTES` the size
 * from which a file is decoded in parallel.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const PARALLEL_BYTES = 32 << 20;
const MAX_THREADS = 4;

export function decodeThreads(path: string, env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.HAMMERHEAD_DECODE_THREADS);
  const threads =
    Number.isInteger(forced) && forced >= 1 ? forced : Math.min(MAX_THREADS, availableParallelism());
  if (threads <= 1 || path === '-') return 1;
  const fromBytes = Number(env.HAMMERHEAD_DECODE_PARALLEL_BYTES ?? PARALLEL_BYTES);
  try {
    return statSync(path).size >= fromBytes ? threads : 1;
  } catch {
    // The decode itself reports the file that cannot be read.
    return 1;
  }
}
