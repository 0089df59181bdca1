/**
 * The preload's engine client against the real engine, through a real MessageChannel (Node's
 * worker_threads ports have the DOM port's addEventListener/start/postMessage/close).
 */
import { resolve } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneId, LaneInfo, ViewId } from '../../shared/contract/index.js';
import { createDispatcher } from '../engine/dispatch.js';
import { Engine } from '../engine/engine.js';
import { BridgedCallError, EngineClient, type ClientPort } from './engine-client.js';

/** Node's port dispatches MessageEvents like the DOM's; only its typings say plain Event. */
const asClientPort = (port: MessagePort): ClientPort => port as unknown as ClientPort;

const SAMPLE = resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap');

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** One engine host end: what main's utilityProcess does with its port. */
function engineBehind(port: MessagePort): Engine {
  const engine = new Engine();
  const dispatcher = createDispatcher(engine, (message) => port.postMessage(message));
  port.on('message', (data: unknown) => void dispatcher.receive(data));
  cleanups.push(
    () => dispatcher.detach(),
    () => port.close(),
    () => engine.dispose(),
  );
  return engine;
}

function connected() {
  const channel = new MessageChannel();
  engineBehind(channel.port1);
  const client = new EngineClient();
  client.attach(asClientPort(channel.port2));
  cleanups.push(() => channel.port2.close());
  return client;
}

describe('engine client (preload) against the real engine', () => {
  it('opens the bundled sample and reads a window of rows', async () => {
    const { api } = connected();
    const done = new Promise<LaneInfo>((resolve) => {
      const off = api.on('lane.progress', (info) => {
        if (info.state !== 'loading') {
          off();
          resolve(info);
        }
      });
    });
    const lane = await api.invoke('file.open', { path: SAMPLE });
    expect(lane).toMatchObject({ lane: 1, title: 'loopback-http.pcap' });
    expect(await done).toMatchObject({ state: 'done', frames: 34 });
    const rows = await api.invoke('packets.rows', { lane: lane.lane, view: 0 as ViewId, start: 0, count: 3 });
    expect(rows.total).toBe(34);
    expect(rows.rows.map((row) => row.number)).toEqual([1, 2, 3]);
    expect(rows.rows[0]).toMatchObject({ source: '127.0.0.1', protocol: 'TCP' });
  });

  it('matches concurrent responses to their requests', async () => {
    const { api } = connected();
    const [opened, listed] = await Promise.all([
      api.invoke('file.open', { path: SAMPLE }),
      api.invoke('lanes.list', {}),
      api.invoke('lanes.close', { lane: 99 as LaneId }),
    ]);
    expect(opened.lane).toBe(1);
    expect(listed).toHaveProperty('lanes');
  });

  it("rejects with the contract's error code and message", async () => {
    const { api } = connected();
    const failure = api.invoke('packets.rows', { lane: 7 as LaneId, view: 0 as ViewId, start: 0, count: 1 });
    await expect(failure).rejects.toBeInstanceOf(BridgedCallError);
    await expect(failure).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/^\[not-found\] /),
    });
    const invalid = api.invoke('file.open', { path: '' });
    await expect(invalid).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('queues requests made before the port arrives', async () => {
    const client = new EngineClient();
    const listed = client.api.invoke('lanes.list', {});
    const channel = new MessageChannel();
    engineBehind(channel.port1);
    cleanups.push(() => channel.port2.close());
    client.attach(asClientPort(channel.port2));
    await expect(listed).resolves.toEqual({ lanes: [] });
  });

  it('rejects what the old engine never answered when a new one is attached', async () => {
    const client = new EngineClient();
    const dead = new MessageChannel(); // nobody answers on port1: a crashed engine
    cleanups.push(() => dead.port1.close());
    client.attach(asClientPort(dead.port2));
    const lost = client.api.invoke('lanes.list', {});
    const fresh = new MessageChannel();
    engineBehind(fresh.port1);
    cleanups.push(() => fresh.port2.close());
    client.attach(asClientPort(fresh.port2));
    await expect(lost).rejects.toMatchObject({
      code: 'transport',
      message: '[transport] the engine restarted before answering',
    });
    await expect(client.api.invoke('lanes.list', {})).resolves.toEqual({ lanes: [] });
  });
});
