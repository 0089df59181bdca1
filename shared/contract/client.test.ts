import { describe, expect, it } from 'vitest';
import type { LaneId, ViewId } from './schemas.js';
import type { RequestMessage } from './envelope.js';
import { ContractCallError, createContractClient } from './client.js';

const lane = 1 as LaneId;
const view = 0 as ViewId;

describe('the contract client', () => {
  it('numbers requests and resolves each by its response id, in any order', async () => {
    const sent: RequestMessage[] = [];
    const client = createContractClient((m) => sent.push(m));
    const first = client.invoke('lanes.list', {});
    const second = client.invoke('views.close', { lane, view });
    expect(sent.map((m) => [m.id, m.channel])).toEqual([
      [1, 'lanes.list'],
      [2, 'views.close'],
    ]);
    client.receive({ type: 'response', id: 2, ok: true, result: { closed: false } });
    client.receive({ type: 'response', id: 1, ok: true, result: { lanes: [] } });
    await expect(first).resolves.toEqual({ lanes: [] });
    await expect(second).resolves.toEqual({ closed: false });
    expect(client.pending).toBe(0);
  });

  it('rejects with the engine error code and message', async () => {
    const client = createContractClient(() => {});
    const call = client.invoke('lanes.close', { lane });
    client.receive({
      type: 'response',
      id: 1,
      ok: false,
      error: { code: 'not-found', message: 'no lane 1' },
    });
    await expect(call).rejects.toMatchObject({ code: 'not-found', message: 'no lane 1' });
  });

  it('refuses a channel outside the contract without sending anything', async () => {
    const sent: unknown[] = [];
    const client = createContractClient((m) => sent.push(m));
    const call = client.invoke('shell.exec' as 'lanes.list', {});
    await expect(call).rejects.toBeInstanceOf(ContractCallError);
    expect(sent).toEqual([]);
  });

  it('delivers known events to subscribers until they unsubscribe, and ignores unknown ones', () => {
    const client = createContractClient(() => {});
    const seen: unknown[] = [];
    const off = client.on('lane.closed', (payload) => seen.push(payload));
    client.receive({ type: 'event', channel: 'lane.closed', payload: { lane: 3 } });
    client.receive({ type: 'event', channel: 'toString', payload: {} });
    off();
    client.receive({ type: 'event', channel: 'lane.closed', payload: { lane: 4 } });
    expect(seen).toEqual([{ lane: 3 }]);
  });

  it('fails every pending call when the transport goes away, and a throwing send rejects at once', async () => {
    const client = createContractClient(() => {});
    const a = client.invoke('lanes.list', {});
    client.failAll('engine restarted');
    await expect(a).rejects.toMatchObject({ code: 'transport', message: 'engine restarted' });
    const broken = createContractClient(() => {
      throw new Error('socket closed');
    });
    await expect(broken.invoke('lanes.list', {})).rejects.toMatchObject({ code: 'transport' });
  });
});
