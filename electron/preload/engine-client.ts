/**
 * The renderer's end of the engine contract, kept inside the preload: the engine's MessagePort
 * never reaches the page, only `invoke` and `on`. The request bookkeeping is the shared contract
 * client (numbered requests, responses by id, only the contract's channels); this adds the port:
 * requests wait for the first one, and a new one (the engine restarted) fails what the old engine
 * never answered.
 *
 * Sandboxed-preload code: it may import only `electron` and zod-free shared code.
 */
import type { EngineApi } from '../../shared/contract/bridge.js';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/contract/channels.js';
import { ContractCallError, createContractClient } from '../../shared/contract/client.js';
import type { RequestMessage } from '../../shared/contract/envelope.js';

/** What a DOM MessagePort (preload) and node:worker_threads' MessagePort (tests) both offer. */
export interface ClientPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  start(): void;
  close(): void;
}

/**
 * A failed call as the page receives it. contextBridge copies only an Error's message into the
 * page, so the contract's code also leads the message, `[code] message`, for the page to read.
 */
export class BridgedCallError extends ContractCallError {
  constructor(code: ContractCallError['code'], detail: string) {
    super(code, `[${code}] ${detail}`);
    this.name = 'BridgedCallError';
  }
}

export const ENGINE_RESTARTED = 'the engine restarted before answering';

export class EngineClient {
  private readonly contract = createContractClient((message) => this.send(message));
  private port: ClientPort | null = null;
  /** Requests made before the first port arrived, sent when it does. */
  private readonly queued: RequestMessage[] = [];

  /** What the page gets: plain functions (contextBridge copies them without their `this`). */
  readonly api: EngineApi = {
    invoke: <C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> =>
      this.contract.invoke(channel, payload).catch((error: unknown) => {
        throw bridged(error);
      }),
    on: (channel, listener) => this.contract.on(channel, listener),
  };

  /** Connects to the engine; a later call means the engine restarted behind a new port. */
  attach(port: ClientPort): void {
    if (this.port) {
      this.port.close();
      // Requests sent to the old engine will never be answered: its process is gone.
      this.contract.failAll(ENGINE_RESTARTED);
    }
    this.port = port;
    port.addEventListener('message', (event) => this.contract.receive(event.data));
    port.start();
    for (const message of this.queued.splice(0)) port.postMessage(message);
  }

  private send(message: RequestMessage): void {
    if (this.port) this.port.postMessage(message);
    else this.queued.push(message);
  }
}

function bridged(error: unknown): Error {
  if (error instanceof ContractCallError) return new BridgedCallError(error.code, error.message);
  return error instanceof Error ? error : new Error(String(error));
}
