/**
 * One SSH lane's stream, across connections: the engine's live lane reads `chunks` once, from the
 * first capture to the last. When a connection is lost the lane is marked (frames kept, the reason
 * shown) and the stream waits; `attach` after a reconnect continues it in the same lane, the new
 * tcpdump's file header swallowed (pcap-framer.ts). `stop` ends it, connected or not.
 */
import type { LiveCapture } from './stream-source.js';
import type { RemoteCapture } from '../ssh/remote-capture.js';
import { PcapFramer } from '../ssh/pcap-framer.js';
import type { TcpdumpCounters } from '../ssh/tcpdump-counters.js';

export interface FeedHooks {
  /** The connection went; the lane keeps its frames and says why. */
  disconnected(reason: string): void;
  /** A new connection continues the lane. */
  resumed(): void;
  /** A capture (one connection's) ended with tcpdump's counters. */
  counted(counters: TcpdumpCounters): void;
}

interface Leg {
  readonly capture: RemoteCapture;
  /** Closes the connection the capture ran on. */
  readonly close: () => void;
}

export class SshFeed implements LiveCapture {
  readonly chunks: AsyncIterable<Uint8Array>;
  private leg: Leg | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly framer = new PcapFramer();

  constructor(
    first: Leg,
    private readonly hooks: FeedHooks,
  ) {
    this.leg = first;
    this.chunks = this.read();
  }

  /** Disconnected and not stopped: a reconnect may continue this lane. */
  get waiting(): boolean {
    return this.leg === null && !this.stopped;
  }

  get current(): RemoteCapture | null {
    return this.leg?.capture ?? null;
  }

  attach(leg: Leg): void {
    if (!this.waiting) throw new Error('this capture is not waiting for a reconnect');
    this.framer.newStream();
    this.leg = leg;
    this.hooks.resumed();
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.leg?.capture.stop();
  }

  private async *read(): AsyncGenerator<Uint8Array> {
    while (!this.stopped || this.leg) {
      const leg = this.leg;
      if (!leg) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        for await (const chunk of leg.capture.chunks) {
          const complete = this.framer.push(chunk);
          if (complete) yield complete;
        }
        return; // stopped, or tcpdump ended by itself (a packet count)
      } catch (error) {
        if ((error as { code?: string }).code !== 'connection-lost' || this.stopped) throw error;
        this.hooks.disconnected((error as Error).message);
      } finally {
        const counters = leg.capture.counters();
        if (counters) this.hooks.counted(counters);
        leg.close();
        this.leg = null;
      }
    }
  }
}
