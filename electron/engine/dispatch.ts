/**
 * The engine's boundary: raw messages in (from a MessagePort, a WebSocket, anything), validated
 * against the contract, answered with response envelopes; engine events out as event envelopes.
 * Every host uses this, so no host can reach the engine with an unchecked request.
 */
import type { EventMessage, ResponseMessage } from '../../shared/contract/index.js';
import { parseRequest } from '../../shared/contract/index.js';
import { Engine, EngineError } from './engine.js';

export type Outgoing = ResponseMessage | EventMessage;

export interface Dispatcher {
  /** Handles one incoming message; resolves once its response has been sent. */
  receive(raw: unknown): Promise<void>;
  /** Stops forwarding events (the transport closed). */
  detach(): void;
}

export function createDispatcher(engine: Engine, send: (message: Outgoing) => void): Dispatcher {
  const detach = engine.on((channel, payload) => send({ type: 'event', channel, payload } as EventMessage));
  return {
    detach,
    async receive(raw) {
      const parsed = parseRequest(raw);
      if (!parsed.ok) {
        // A request too malformed to carry an id cannot be answered; id -1 says so to the peer.
        send({ type: 'response', id: parsed.id ?? -1, ok: false, error: parsed.error });
        return;
      }
      const { id, channel, payload } = parsed.message;
      try {
        const result = await engine.handle(channel, payload);
        send({ type: 'response', id, ok: true, result } as ResponseMessage);
      } catch (error) {
        const known = error instanceof EngineError;
        send({
          type: 'response',
          id,
          ok: false,
          error: {
            code: known ? error.code : 'internal',
            message: known || error instanceof Error ? (error as Error).message : String(error),
          },
        });
      }
    },
  };
}
