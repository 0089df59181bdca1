/**
 * The preload as the page sees it: `window.hammerhead` with exactly the bridge's members, the
 * engine reached only through contract channels, the shell only through its named calls.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HammerheadApi } from '../../shared/contract/bridge.js';
import type { LaneId } from '../../shared/contract/index.js';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipc: null as unknown as import('node:events').EventEmitter & { invoke: ReturnType<typeof vi.fn> },
  getPathForFile: vi.fn<(file: unknown) => string>(),
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  fake.ipc = Object.assign(new Emitter(), { invoke: vi.fn() });
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: fake.ipc,
    webUtils: { getPathForFile: fake.getPathForFile },
  };
});

await import('./index.js');
const api = fake.exposed.get('hammerhead') as HammerheadApi;

/** The engine's end of the page's port, as a DOM MessagePort offers it to the preload. */
class FakePort {
  readonly sent: { id: number; channel: string; payload: unknown }[] = [];
  private readonly listeners = new EventEmitter();
  closed = false;
  postMessage(message: { id: number; channel: string; payload: unknown }): void {
    this.sent.push(message);
  }
  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
    this.listeners.on('message', listener);
  }
  start(): void {}
  close(): void {
    this.closed = true;
  }
  answer(data: unknown): void {
    this.listeners.emit('message', { data });
  }
}

function connect(): FakePort {
  const port = new FakePort();
  fake.ipc.emit('engine.port', { ports: [port] });
  return port;
}

describe('preload bridge', () => {
  let port: FakePort;
  beforeEach(() => {
    port = connect();
  });

  it('exposes only `engine` and `shell`, with exactly the listed members', () => {
    expect([...fake.exposed.keys()]).toEqual(['hammerhead']);
    expect(Object.keys(api).sort()).toEqual(['engine', 'shell']);
    expect(Object.keys(api.engine).sort()).toEqual(['invoke', 'on']);
    expect(Object.keys(api.shell).sort()).toEqual([
      'kind',
      'onCommand',
      'onEngineRestarted',
      'onOpenFiles',
      'openCaptureDialog',
      'openKeyLogDialog',
      'pathForDroppedFile',
      'saveCaptureDialog',
    ]);
    expect(api.shell.kind).toBe('electron');
    expect(Object.isFrozen(api) && Object.isFrozen(api.engine) && Object.isFrozen(api.shell)).toBe(true);
  });

  it('refuses an unknown channel without sending anything', async () => {
    const invoke = api.engine.invoke as (channel: string, payload: unknown) => Promise<unknown>;
    await expect(invoke('process.exit', {})).rejects.toThrow(/unknown-channel/);
    await expect(invoke('__proto__', {})).rejects.toThrow(/unknown-channel/);
    expect(port.sent).toEqual([]);
    expect(() => api.engine.on('shell.command' as 'lane.closed', () => undefined)).toThrow(/unknown/);
  });

  it('numbers requests and resolves each with its own response', async () => {
    const first = api.engine.invoke('lanes.list', {});
    const second = api.engine.invoke('lanes.close', { lane: 3 as LaneId });
    const [a, b] = port.sent;
    expect(a).toMatchObject({ type: 'request', channel: 'lanes.list', payload: {} });
    expect(b).toMatchObject({ type: 'request', channel: 'lanes.close', payload: { lane: 3 } });
    expect(a?.id).not.toBe(b?.id);
    port.answer({ type: 'response', id: b?.id, ok: true, result: { closed: true } });
    port.answer({ type: 'response', id: a?.id, ok: true, result: { lanes: [] } });
    await expect(first).resolves.toEqual({ lanes: [] });
    await expect(second).resolves.toEqual({ closed: true });
  });

  it('rejects on an error response with the code and message', async () => {
    const request = api.engine.invoke('lanes.close', { lane: 3 as LaneId });
    const id = port.sent[0]?.id;
    port.answer({ type: 'response', id, ok: false, error: { code: 'not-found', message: 'no lane 3' } });
    await expect(request).rejects.toMatchObject({ code: 'not-found', message: '[not-found] no lane 3' });
  });

  it('delivers contract events to subscribers until they unsubscribe, and nothing else', () => {
    const closed = vi.fn();
    const off = api.engine.on('lane.closed', closed);
    port.answer({ type: 'event', channel: 'lane.closed', payload: { lane: 1 } });
    port.answer({ type: 'event', channel: 'shell.command', payload: { lane: 2 } });
    off();
    port.answer({ type: 'event', channel: 'lane.closed', payload: { lane: 3 } });
    expect(closed.mock.calls).toEqual([[{ lane: 1 }]]);
  });

  it('rejects pending requests when the engine restarts, and tells the page', async () => {
    const reasons = vi.fn();
    const off = api.shell.onEngineRestarted(reasons);
    const pending = api.engine.invoke('lanes.list', {});
    const fresh = connect();
    fake.ipc.emit('engine.restarted', {}, 'the engine stopped unexpectedly (exit code 134)');
    await expect(pending).rejects.toThrow('[transport] the engine restarted before answering');
    expect(port.closed).toBe(true);
    expect(reasons).toHaveBeenCalledWith('the engine stopped unexpectedly (exit code 134)');
    off();
    // Settled by the next test's new port; only where it went matters here.
    api.engine.invoke('lanes.list', {}).catch(() => undefined);
    expect(fresh.sent).toHaveLength(1);
  });

  it('forwards only known menu commands, until unsubscribed', () => {
    const commands = vi.fn();
    const off = api.shell.onCommand(commands);
    fake.ipc.emit('shell.command', {}, 'file.open');
    fake.ipc.emit('shell.command', {}, 'keys.load');
    fake.ipc.emit('shell.command', {}, 'rm -rf');
    fake.ipc.emit('shell.command', {}, { command: 'file.open' });
    off();
    fake.ipc.emit('shell.command', {}, 'file.save');
    expect(commands.mock.calls).toEqual([['file.open'], ['keys.load']]);
  });

  it('passes on the files the OS asked to open, as strings only', () => {
    const opened = vi.fn();
    const off = api.shell.onOpenFiles(opened);
    fake.ipc.emit('shell.open-files', {}, ['/c/a.pcap', 7, '/c/b.pcapng']);
    fake.ipc.emit('shell.open-files', {}, 'not a list');
    off();
    fake.ipc.emit('shell.open-files', {}, ['/c/late.pcap']);
    expect(opened.mock.calls).toEqual([[['/c/a.pcap', '/c/b.pcapng']]]);
  });

  it('calls the shell dialogs through their own IPC channels', async () => {
    fake.ipc.invoke
      .mockResolvedValueOnce(['/c/a.pcap', 42])
      .mockResolvedValueOnce('/c/out.pcapng')
      .mockResolvedValueOnce('/c/keys.log')
      .mockResolvedValueOnce({ path: '/c/keys.log' });
    await expect(api.shell.openCaptureDialog()).resolves.toEqual(['/c/a.pcap']);
    await expect(api.shell.saveCaptureDialog('out')).resolves.toBe('/c/out.pcapng');
    await expect(api.shell.openKeyLogDialog()).resolves.toBe('/c/keys.log');
    await expect(api.shell.openKeyLogDialog()).resolves.toBeNull();
    expect(fake.ipc.invoke.mock.calls).toEqual([
      ['shell.open-dialog'],
      ['shell.save-dialog', 'out'],
      ['shell.key-log-dialog'],
      ['shell.key-log-dialog'],
    ]);
  });

  it('gives a dropped file its path, and null for anything else', () => {
    fake.getPathForFile.mockImplementation((file) => {
      if ((file as { name?: string }).name === undefined) throw new TypeError('not a File');
      return (file as { name: string }).name === 'made-in-page' ? '' : '/c/dropped.pcap';
    });
    expect(api.shell.pathForDroppedFile({ name: 'dropped.pcap' })).toBe('/c/dropped.pcap');
    expect(api.shell.pathForDroppedFile({ name: 'made-in-page' })).toBeNull();
    expect(api.shell.pathForDroppedFile({})).toBeNull();
    expect(api.shell.pathForDroppedFile('/etc/passwd')).toBeNull();
    expect(api.shell.pathForDroppedFile(null)).toBeNull();
  });
});
