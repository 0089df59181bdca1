import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

/** A utilityProcess child: records what main posts; `crash` plays an unexpected exit. */
class FakeChild extends EventEmitter {
  readonly posted: { message: unknown; transfer: unknown[] }[] = [];
  killed = false;
  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ message, transfer });
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', 9);
    return true;
  }
  crash(code = 134): void {
    this.emit('exit', code);
  }
}

const fake = vi.hoisted(() => ({
  children: [] as unknown[],
  fork: vi.fn(),
  channels: 0,
}));

vi.mock('electron', () => ({
  utilityProcess: { fork: fake.fork },
  MessageChannelMain: class {
    readonly port1 = { name: `port1#${fake.channels}` };
    readonly port2 = { name: `port2#${fake.channels++}` };
  },
}));

const { EngineSupervisor, MAX_RESTARTS, STOP_GRACE_MS } = await import('./engine-supervisor.js');

class FakeContents extends EventEmitter {
  readonly posted: { channel: string; transfer: unknown[] }[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  loading = true;
  destroyed = false;
  postMessage(channel: string, _message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, transfer });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const children = (): FakeChild[] => fake.children as FakeChild[];
const lastChild = (): FakeChild => children().at(-1) as FakeChild;

function setup() {
  const onGiveUp = vi.fn<(reason: string) => void>();
  const supervisor = new EngineSupervisor({ script: '/app/out/main/engine.js', onGiveUp });
  const contents = new FakeContents();
  supervisor.start();
  supervisor.attach(contents as unknown as WebContents);
  return { supervisor, contents, onGiveUp };
}

describe('engine supervisor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    fake.children.length = 0;
    fake.fork.mockReset().mockImplementation(() => {
      const child = new FakeChild();
      fake.children.push(child);
      return child;
    });
  });
  afterEach(() => vi.useRealTimers());

  it('forks the engine as a named utility process and hands each page load a fresh port pair', () => {
    const { contents } = setup();
    expect(fake.fork).toHaveBeenCalledWith('/app/out/main/engine.js', [], {
      serviceName: 'Hammerhead engine',
    });
    expect(contents.posted).toEqual([]); // still loading: the port waits for did-finish-load
    contents.emit('did-finish-load');
    contents.emit('did-finish-load'); // a renderer reload
    expect(lastChild().posted).toEqual([
      { message: { type: 'engine.port' }, transfer: [expect.objectContaining({ name: 'port1#0' })] },
      { message: { type: 'engine.port' }, transfer: [expect.objectContaining({ name: 'port1#1' })] },
    ]);
    expect(contents.posted).toEqual([
      { channel: 'engine.port', transfer: [expect.objectContaining({ name: 'port2#0' })] },
      { channel: 'engine.port', transfer: [expect.objectContaining({ name: 'port2#1' })] },
    ]);
  });

  it('restarts a crashed engine after a backoff, reconnects the page and tells it why', () => {
    const { contents } = setup();
    contents.emit('did-finish-load');
    lastChild().crash(134);
    expect(fake.fork).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(fake.fork).toHaveBeenCalledTimes(2);
    expect(lastChild().posted).toHaveLength(1);
    expect(contents.posted).toHaveLength(2);
    expect(contents.sent).toEqual([
      { channel: 'engine.restarted', args: [expect.stringContaining('exit code 134')] },
    ]);
  });

  it(`gives up after ${MAX_RESTARTS} restarts within a minute, and start() tries again`, () => {
    const { supervisor, contents, onGiveUp } = setup();
    for (let crash = 1; crash <= MAX_RESTARTS; crash += 1) {
      lastChild().crash();
      vi.advanceTimersByTime(10_000);
    }
    expect(fake.fork).toHaveBeenCalledTimes(MAX_RESTARTS + 1);
    lastChild().crash();
    vi.advanceTimersByTime(60_000);
    expect(fake.fork).toHaveBeenCalledTimes(MAX_RESTARTS + 1);
    expect(onGiveUp).toHaveBeenCalledWith(expect.stringContaining(`${MAX_RESTARTS + 1} times`));
    expect(supervisor.running).toBe(false);
    supervisor.start();
    expect(fake.fork).toHaveBeenCalledTimes(MAX_RESTARTS + 2);
    expect(contents.sent.at(-1)?.channel).toBe('engine.restarted');
  });

  it('forgets crashes older than the window', () => {
    const { onGiveUp } = setup();
    for (let crash = 1; crash <= MAX_RESTARTS + 2; crash += 1) {
      lastChild().crash();
      vi.advanceTimersByTime(61_000);
    }
    expect(onGiveUp).not.toHaveBeenCalled();
    expect(fake.fork).toHaveBeenCalledTimes(MAX_RESTARTS + 3);
  });

  it('stops cleanly on quit: asks the engine to exit and does not restart it', async () => {
    const { supervisor } = setup();
    const child = lastChild();
    const stopped = supervisor.stop();
    expect(child.posted.at(-1)?.message).toEqual({ type: 'engine.stop' });
    child.emit('exit', 0);
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect(fake.fork).toHaveBeenCalledTimes(1);
    expect(child.killed).toBe(false);
    expect(supervisor.running).toBe(false);
  });

  it('kills an engine that does not exit within the grace period', async () => {
    const { supervisor } = setup();
    const stopped = supervisor.stop();
    vi.advanceTimersByTime(STOP_GRACE_MS);
    await stopped;
    expect(lastChild().killed).toBe(true);
    expect(fake.fork).toHaveBeenCalledTimes(1);
  });

  it('cancels a pending restart on quit', async () => {
    const { supervisor } = setup();
    lastChild().crash();
    await supervisor.stop();
    vi.advanceTimersByTime(60_000);
    expect(fake.fork).toHaveBeenCalledTimes(1);
  });

  it('connects a page that already finished loading, and none that was destroyed', () => {
    const onGiveUp = vi.fn();
    const supervisor = new EngineSupervisor({ script: 'engine.js', onGiveUp });
    supervisor.start();
    const loaded = new FakeContents();
    loaded.loading = false;
    supervisor.attach(loaded as unknown as WebContents);
    expect(loaded.posted).toHaveLength(1);
    loaded.destroyed = true;
    loaded.emit('destroyed');
    lastChild().crash();
    vi.advanceTimersByTime(250);
    expect(loaded.posted).toHaveLength(1);
    expect(loaded.sent).toEqual([]);
  });
});
