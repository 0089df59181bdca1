/**
 * A worker of a parallel `decode` (decode-parallel.ts): it dissects the conversations the main thread
 * gives it (decode-shard.ts), in frame order, and sends their lines back as UTF-8, formatted exactly as
 * the single-threaded `decode` formats them (decode-lines.ts).
 */
import { parentPort } from 'node:worker_threads';
import { KeyStore } from '../engine/tls-keys/key-store.js';
import type { ToWorker } from './decode-messages.js';
import { LineDecoder } from './decode-lines.js';

const port = parentPort;
if (!port) throw new Error('decode-worker runs as a worker thread');

const keys = new KeyStore();
/** Made by `init`, which the main thread sends first. */
let decoder: LineDecoder | null = null;

// Messages are handled one at a time, in order: `init` loads the key logs before any frame is read.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'init':
      decoder = new LineDecoder(keys, message.json);
      for (const path of message.keylogs) await keys.addFile(path, { watch: false });
      port?.postMessage({ kind: 'ready' });
      return;
    case 'interface':
      decoder?.addInterface(message.id, message.linkType, message.ticksPerSecond);
      return;
    case 'secrets':
      keys.addText('dsb', 'capture', message.text);
      return;
    case 'frames': {
      decoder?.decodeBatch(message);
      const lines = decoder?.take();
      if (lines)
        port?.postMessage(lines, [
          lines.numbers.buffer,
          lines.ends.buffer,
          lines.bytes.buffer,
        ] as ArrayBuffer[]);
      return;
    }
    case 'end':
      keys.close();
      port?.close();
      return;
  }
}
