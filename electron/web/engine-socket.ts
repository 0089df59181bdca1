/**
 * One accepted WebSocket = one renderer: its own dispatcher on the shared engine, JSON text frames
 * both ways (the contract is JSON on every transport). Whatever the peer sends, the host answers or
 * closes the socket; it never throws.
 */
import type { RawData, WebSocket } from 'ws';
import { createDispatcher, type Outgoing } from '../engine/dispatch.js';
import type { Engine } from '../engine/engine.js';

/** Largest message accepted from a page; the biggest request (a 4 KiB path) is far below it. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A page that stops reading while asking for more would grow our memory without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** RFC 6455 close codes used here. */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  internalError: 1011,
  policyViolation: 1008,
  tooBig: 1009,
} as const;

export function attachEngineSocket(engine: Engine, socket: WebSocket): void {
  const send = (message: Outgoing): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const dispatcher = createDispatcher(engine, send);
  socket.on('message', (data, isBinary) => receive(data, isBinary));
  socket.on('close', () => dispatcher.detach());
  // ws reports protocol violations (and `maxPayload`, as 1009) here, then closes the socket itself.
  socket.on('error', () => undefined);

  function receive(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      socket.close(CloseCode.unsupportedData, 'binary messages are not accepted');
      return;
    }
    const parsed = parseJson(rawText(data));
    if (!parsed.ok) {
      // Answer like the dispatcher answers an envelope without an id: the peer learns why.
      send({
        type: 'response',
        id: -1,
        ok: false,
        error: { code: 'bad-request', message: 'malformed JSON' },
      });
      return;
    }
    // The dispatcher turns engine failures into responses; a rejection here means sending failed.
    dispatcher.receive(parsed.value).catch(() => socket.close(CloseCode.internalError, 'internal error'));
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
