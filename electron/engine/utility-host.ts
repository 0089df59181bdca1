/**
 * The engine's host inside an Electron utilityProcess, written against the few members of
 * `process.parentPort` and MessagePortMain it uses, so it runs (and is tested) in plain Node: the
 * engine may not import `electron`.
 *
 * Main hands over one MessagePort per renderer page (`{type: 'engine.port'}` with the port
 * attached); a new one replaces the old (the page reloaded). The engine, and the lanes it holds,
 * outlive the page: after a reload the renderer finds them again with `lanes.list`.
 */
import { createDispatcher, type Dispatcher } from './dispatch.js';
import type { Engine } from './engine.js';
import { HOST_MESSAGES } from './host-protocol.js';

/** The subset of Electron's MessagePortMain used here. */
export interface HostPort {
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** The subset of Electron's `process.parentPort` used here. */
export interface HostParentPort {
  on(
    event: 'message',
    listener: (event: { readonly data: unknown; readonly ports: readonly HostPort[] }) => void,
  ): unknown;
}

interface Connection {
  readonly port: HostPort;
  readonly dispatcher: Dispatcher;
}

export class EngineHost {
  private current: Connection | null = null;

  constructor(
    parentPort: HostParentPort,
    private readonly engine: Engine,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {
    parentPort.on('message', (event) => {
      const type = messageType(event.data);
      if (type === HOST_MESSAGES.port) {
        const port = event.ports[0];
        if (port) this.connect(port);
        else console.error('engine: "engine.port" arrived without a port');
      } else if (type === HOST_MESSAGES.stop) {
        void this.stop();
      }
    });
  }

  /** Whether a renderer page is connected. */
  get connected(): boolean {
    return this.current !== null;
  }

  /** A new page's port replaces the previous page's (the renderer reloaded). */
  private connect(port: HostPort): void {
    const previous = this.current;
    if (previous) {
      this.disconnect(previous);
      previous.port.close();
    }
    const dispatcher = createDispatcher(this.engine, (message) => port.postMessage(message));
    const connection: Connection = { port, dispatcher };
    this.current = connection;
    port.on('message', (event) => {
      dispatcher.receive(event.data).catch((error: unknown) => {
        // receive() answers every request itself; this only fires when the port is gone mid-answer.
        console.error('engine: could not answer a request:', error);
      });
    });
    port.on('close', () => this.disconnect(connection));
    port.start();
  }

  private disconnect(connection: Connection): void {
    connection.dispatcher.detach();
    if (this.current === connection) this.current = null;
  }

  /** Releases the lanes' spool files before exiting: main waits for this on quit. */
  private async stop(): Promise<void> {
    if (this.current) this.disconnect(this.current);
    try {
      await this.engine.dispose();
      this.exit(0);
    } catch (error) {
      console.error('engine: could not release its lanes on stop:', error);
      this.exit(1);
    }
  }
}

function messageType(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
}
