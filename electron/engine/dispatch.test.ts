import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Outgoing } from './dispatch.js';
import { Engine } from './engine.js';

const SAMPLE = resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap');

describe('dispatcher (the engine boundary)', () => {
  let engine: Engine;
  afterEach(() => engine.dispose());

  function setup() {
    engine = new Engine();
    const sent: Outgoing[] = [];
    return { sent, dispatcher: createDispatcher(engine, (message) => sent.push(message)) };
  }

  it('answers a valid request with its id and forwards engine events', async () => {
    const { sent, dispatcher } = setup();
    await dispatcher.receive({ type: 'request', id: 1, channel: 'file.open', payload: { path: SAMPLE } });
    expect(sent[0]).toMatchObject({
      type: 'response',
      id: 1,
      ok: true,
      result: { lane: 1, title: 'loopback-http.pcap' },
    });
    await engine.loaded(1 as never);
    expect(sent.some((m) => m.type === 'event' && m.channel === 'lane.progress')).toBe(true);
  });

  it('never lets an invalid request reach the engine', async () => {
    const { sent, dispatcher } = setup();
    await dispatcher.receive({ type: 'request', id: 2, channel: 'file.open', payload: { path: 42 } });
    await dispatcher.receive({ type: 'request', id: 3, channel: 'process.exit', payload: {} });
    await dispatcher.receive(null);
    expect(sent).toEqual([
      {
        type: 'response',
        id: 2,
        ok: false,
        error: { code: 'bad-request', message: expect.stringMatching(/^file\.open: .* at path$/) },
      },
      {
        type: 'response',
        id: 3,
        ok: false,
        error: { code: 'unknown-channel', message: 'unknown channel "process.exit"' },
      },
      {
        type: 'response',
        id: -1,
        ok: false,
        error: { code: 'bad-request', message: 'malformed request envelope' },
      },
    ]);
    expect((await engine.handle('lanes.list', {})).lanes).toEqual([]);
  });

  it('turns engine failures into error responses with a stable code', async () => {
    const { sent, dispatcher } = setup();
    await dispatcher.receive({
      type: 'request',
      id: 4,
      channel: 'packets.rows',
      payload: { lane: 9, view: 0, start: 0, count: 1 },
    });
    expect(sent).toEqual([
      { type: 'response', id: 4, ok: false, error: { code: 'not-found', message: 'no lane 9' } },
    ]);
  });
});
