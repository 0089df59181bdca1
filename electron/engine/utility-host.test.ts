import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LaneId } from '../../shared/contract/index.js';
import { Engine } from './engine.js';
import { EngineHost, type HostParentPort, type HostPort } from './utility-host.js';

const SAMPLE = resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap');

/** A MessagePortMain stand-in: what the host posts is recorded, `deliver` plays the renderer. */
class FakePort extends EventEmitter implements HostPort {
  readonly sent: unknown[] = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  deliver(data: unknown): void {
    this.emit('message', { data });
  }
  response(id: number): unknown {
    return this.sent.find(
      (m) => (m as { type: string; id?: number }).type === 'response' && (m as { id: number }).id === id,
    );
  }
}

class FakeParentPort extends EventEmitter implements HostParentPort {
  hand(port: FakePort | null, type = 'engine.port'): void {
    this.emit('message', { data: { type }, ports: port ? [port] : [] });
  }
}

describe('engine host (utilityProcess wiring)', () => {
  let engine: Engine;
  afterEach(() => engine.dispose());

  function setup() {
    engine = new Engine();
    const parent = new FakeParentPort();
    const exit = vi.fn<(code: number) => void>();
    const host = new EngineHost(parent, engine, exit);
    return { parent, exit, host };
  }

  it('answers requests on the port main handed over', async () => {
    const { parent, host } = setup();
    const port = new FakePort();
    parent.hand(port);
    expect(port.started).toBe(true);
    expect(host.connected).toBe(true);
    port.deliver({ type: 'request', id: 7, channel: 'file.open', payload: { path: SAMPLE } });
    await vi.waitFor(() => expect(port.response(7)).toMatchObject({ ok: true, result: { lane: 1 } }));
    await engine.loaded(1 as LaneId);
    expect(port.sent.some((m) => (m as { type: string }).type === 'event')).toBe(true);
  });

  it('replaces the port on a renderer reload: the old one is closed and hears nothing more', async () => {
    const { parent } = setup();
    const first = new FakePort();
    const second = new FakePort();
    parent.hand(first);
    parent.hand(second);
    expect(first.closed).toBe(true);
    second.deliver({ type: 'request', id: 1, channel: 'file.open', payload: { path: SAMPLE } });
    await vi.waitFor(() => expect(second.response(1)).toMatchObject({ ok: true }));
    await engine.loaded(1 as LaneId);
    expect(first.sent).toEqual([]);
    // One engine for both pages: the lane opened through the second port is there for a third.
    const third = new FakePort();
    parent.hand(third);
    third.deliver({ type: 'request', id: 2, channel: 'lanes.list', payload: {} });
    await vi.waitFor(() =>
      expect(third.response(2)).toMatchObject({ ok: true, result: { lanes: [{ lane: 1 }] } }),
    );
  });

  it('stops forwarding events to a port that closed', async () => {
    const { parent, host } = setup();
    const port = new FakePort();
    parent.hand(port);
    port.emit('close');
    expect(host.connected).toBe(false);
    await engine.handle('file.open', { path: SAMPLE });
    await engine.loaded(1 as LaneId);
    expect(port.sent).toEqual([]);
  });

  it('ignores a port message without a port and unknown parent messages', () => {
    const { parent, host, exit } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    parent.hand(null);
    parent.hand(new FakePort(), 'something.else');
    expect(host.connected).toBe(false);
    expect(exit).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('releases its lanes and exits 0 when main asks it to stop', async () => {
    const { parent, exit } = setup();
    await engine.handle('file.open', { path: SAMPLE });
    parent.hand(null, 'engine.stop');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect((await engine.handle('lanes.list', {})).lanes).toEqual([]);
  });
});
