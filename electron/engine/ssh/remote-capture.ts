/**
 * The running remote capture: the exec channel's stdout as pcap chunks (coalesced, with
 * backpressure: a slow consumer pauses the channel, SSH's window then holds tcpdump back), its
 * stderr read at the same time line by line, and how it ended: stopped by us, tcpdump exited by
 * itself (count reached, or an error, whose stderr is the message), or the connection was lost.
 */
import type { ClientChannel } from 'ssh2';
import type { LiveCapture } from '../capture/stream-source.js';
import type { SshConnection } from './connect.js';
import { endpointLabel, SshError } from './errors.js';
import { parseCounters, type TcpdumpCounters } from './tcpdump-counters.js';

export interface RemoteCaptureOptions {
  readonly command: string;
  readonly onStderr?: (line: string) => void;
  /** After `stop`, how long tcpdump gets to exit before the connection is closed under it. */
  readonly stopTimeoutMs?: number;
}

export interface RemoteCapture extends LiveCapture {
  /** tcpdump announced itself ("listening on"), sent data, or ended: whichever comes first. */
  readonly started: Promise<void>;
  /** Why it ended, once it has (null: stopped by us or ended by itself with status 0). */
  endError(): SshError | null;
  readonly ended: boolean;
  readonly stderrLines: readonly string[];
  counters(): TcpdumpCounters | null;
}

const HIGH_WATER = 8 * 1024 * 1024;
const LOW_WATER = 1024 * 1024;
const COALESCE = 512 * 1024;
const STDERR_KEEP = 200;

function openChannel(connection: SshConnection, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    connection.client.exec(command, (error, channel) =>
      error
        ? reject(new SshError('remote-exit', `the host refused to run the capture command: ${error.message}`))
        : resolve(channel),
    ),
  );
}

export async function startRemoteCapture(
  connection: SshConnection,
  options: RemoteCaptureOptions,
): Promise<RemoteCapture> {
  const channel = await openChannel(connection, options.command);
  return new ChannelCapture(connection, channel, options);
}

class ChannelCapture implements RemoteCapture {
  readonly stderrLines: string[] = [];
  readonly started: Promise<void>;
  ended = false;
  private stderrText = '';
  private partialLine = '';
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private paused = false;
  private wake: (() => void) | null = null;
  private markStarted: () => void = () => {};
  private error: SshError | null = null;
  private exit: { code: number | null; signal: string | null } | null = null;
  private stopping = false;
  private readonly finished: Promise<void>;
  private finish: () => void = () => {};
  readonly chunks: AsyncIterable<Uint8Array>;

  constructor(
    private readonly connection: SshConnection,
    private readonly channel: ClientChannel,
    private readonly options: RemoteCaptureOptions,
  ) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    this.finished = new Promise((resolve) => (this.finish = resolve));
    channel.on('data', (chunk: Buffer) => this.onData(chunk));
    channel.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk.toString('utf8')));
    channel.on(
      'exit',
      (code: number | null, signal?: string) => (this.exit = { code, signal: signal ?? null }),
    );
    channel.on('close', () => void this.onClose());
    void connection.closed.then((reason) => this.onConnectionClosed(reason));
    this.chunks = this.read();
  }

  counters(): TcpdumpCounters | null {
    return parseCounters(this.stderrText);
  }

  endError(): SshError | null {
    return this.error;
  }

  async stop(): Promise<void> {
    if (!this.ended && !this.stopping) {
      this.stopping = true;
      // EOF on stdin: the remote script stops tcpdump, which prints its counters and exits.
      this.channel.end();
      const grace = this.options.stopTimeoutMs ?? 5000;
      const timer = setTimeout(() => this.connection.close(), grace);
      await this.finished;
      clearTimeout(timer);
    }
    await this.finished;
  }

  private onData(chunk: Buffer): void {
    this.markStarted();
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > HIGH_WATER && !this.paused) {
      this.paused = true;
      this.channel.pause();
    }
    this.wake?.();
  }

  private onStderr(text: string): void {
    if (this.stderrText.length < 64 * 1024) this.stderrText += text;
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const raw of lines) this.addLine(raw);
  }

  private addLine(raw: string): void {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    if (/listening on/.test(line)) this.markStarted();
    this.stderrLines.push(line);
    if (this.stderrLines.length > STDERR_KEEP) this.stderrLines.shift();
    this.options.onStderr?.(line);
  }

  private async onClose(): Promise<void> {
    if (this.partialLine) this.addLine(this.partialLine);
    this.partialLine = '';
    if (!this.exit && !this.stopping) {
      // No exit status: the connection went, not tcpdump. Wait briefly for the reason.
      const reason = await Promise.race([
        this.connection.closed,
        new Promise<string>((resolve) =>
          setTimeout(() => resolve('the channel closed without an exit status'), 1000),
        ),
      ]);
      return this.end(this.lost(reason));
    }
    this.end(this.exitError());
  }

  private onConnectionClosed(reason: string): void {
    if (!this.ended && !this.stopping) this.end(this.lost(reason));
    else if (!this.ended) this.end(null);
  }

  private lost(reason: string): SshError {
    return new SshError(
      'connection-lost',
      `the connection to ${endpointLabel(this.connection.endpoint)} was lost (${reason})`,
    );
  }

  private exitError(): SshError | null {
    const exit = this.exit;
    if (this.stopping || !exit || (exit.code === 0 && !exit.signal)) return null;
    const status = exit.signal ? `signal ${exit.signal}` : `status ${exit.code}`;
    const said = this.stderrLines.filter((l) => !/listening on|packets? (captured|received|dropped)/.test(l));
    return new SshError(
      'remote-exit',
      `the remote capture on ${endpointLabel(this.connection.endpoint)} exited with ${status}` +
        (said.length > 0 ? `: ${said.slice(-3).join(' | ')}` : ''),
    );
  }

  private end(error: SshError | null): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.markStarted();
    this.wake?.();
    this.finish();
  }

  private async *read(): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.queue.length > 0) {
        yield this.take();
        continue;
      }
      if (this.ended) {
        if (this.error) throw this.error;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  /** Everything queued, up to COALESCE bytes, as one chunk: fewer turns of the consumer's loop. */
  private take(): Buffer {
    let size = 0;
    let count = 0;
    while (
      count < this.queue.length &&
      (count === 0 || size + (this.queue[count]?.length ?? 0) <= COALESCE)
    ) {
      size += this.queue[count]?.length ?? 0;
      count++;
    }
    const parts = this.queue.splice(0, count);
    this.queued -= size;
    if (this.paused && this.queued < LOW_WATER) {
      this.paused = false;
      this.channel.resume();
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
  }
}
