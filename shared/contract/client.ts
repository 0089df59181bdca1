/**
 * The caller's half of the contract, for any transport that carries envelopes (the preload's
 * MessagePort, the web host's WebSocket): numbered requests, responses matched by id, events fanned
 * out to subscribers. Zod-free, so the sandboxed preload can bundle it.
 */
import type { EngineApi } from './bridge.js';
import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './channels.js';
import type { ContractError, ErrorCode, RequestMessage } from './envelope.js';
import { isKnownEventChannel, isKnownRequestChannel } from './names.js';

/** A failed call: the engine's error code and message, or a transport failure. */
export class ContractCallError extends Error {
  constructor(
    readonly code: ErrorCode | 'transport',
    message: string,
  ) {
    super(message);
    this.name = 'ContractCallError';
  }
}

export interface ContractClient extends EngineApi {
  /** Feeds one message from the transport (a response or an event); anything else is ignored. */
  receive(message: unknown): void;
  /** Rejects every pending call (the transport closed or the engine restarted). */
  failAll(reason: string): void;
  readonly pending: number;
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type AnyListener = (payload: unknown) => void;

export function createContractClient(send: (message: RequestMessage) => void): ContractClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventChannel, Set<AnyListener>>();

  function invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    if (!isKnownRequestChannel(channel)) {
      return Promise.reject(new ContractCallError('unknown-channel', `unknown channel "${String(channel)}"`));
    }
    const id = nextId++;
    return new Promise<ResponseOf<C>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        send({ type: 'request', id, channel, payload } as RequestMessage);
      } catch (error) {
        pending.delete(id);
        reject(new ContractCallError('transport', error instanceof Error ? error.message : String(error)));
      }
    });
  }

  function on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void {
    if (!isKnownEventChannel(channel))
      throw new ContractCallError('unknown-channel', `unknown event "${channel}"`);
    const set = listeners.get(channel) ?? new Set<AnyListener>();
    listeners.set(channel, set);
    const wrapped = listener as AnyListener;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }

  function receive(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const m = message as { type?: unknown; id?: unknown; ok?: unknown; result?: unknown; error?: unknown };
    if (m.type === 'response' && typeof m.id === 'number') settle(m.id, m.ok === true, m.result, m.error);
    else if (m.type === 'event') deliver(message as { channel?: unknown; payload?: unknown });
  }

  function settle(id: number, ok: boolean, result: unknown, error: unknown): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (ok) call.resolve(result);
    else {
      const e = (error ?? {}) as Partial<ContractError>;
      call.reject(new ContractCallError(e.code ?? 'internal', e.message ?? 'the engine refused the request'));
    }
  }

  function deliver({ channel, payload }: { channel?: unknown; payload?: unknown }): void {
    if (!isKnownEventChannel(channel)) return;
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
  }

  function failAll(reason: string): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(new ContractCallError('transport', reason));
  }

  return {
    invoke,
    on,
    receive,
    failAll,
    get pending() {
      return pending.size;
    },
  };
}
