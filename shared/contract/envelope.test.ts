import { describe, expect, it } from 'vitest';
import { parseRequest } from './envelope.js';

describe('parseRequest (the engine boundary)', () => {
  it('accepts a well-formed request and returns its typed payload', () => {
    const parsed = parseRequest({
      type: 'request',
      id: 7,
      channel: 'packets.rows',
      payload: { lane: 1, view: 0, start: 0, count: 100 },
    });
    expect(parsed).toEqual({
      ok: true,
      message: {
        type: 'request',
        id: 7,
        channel: 'packets.rows',
        payload: { lane: 1, view: 0, start: 0, count: 100 },
      },
    });
  });

  it('refuses an unknown channel by name', () => {
    expect(parseRequest({ type: 'request', id: 1, channel: 'shell.exec', payload: {} })).toEqual({
      ok: false,
      id: 1,
      error: { code: 'unknown-channel', message: 'unknown channel "shell.exec"' },
    });
  });

  it('refuses inherited object keys as channel names', () => {
    const parsed = parseRequest({ type: 'request', id: 1, channel: 'toString', payload: {} });
    expect(parsed.ok).toBe(false);
  });

  it('says which field is wrong', () => {
    const parsed = parseRequest({
      type: 'request',
      id: 2,
      channel: 'packets.rows',
      payload: { lane: 1, view: 0, start: -5, count: 10 },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(/^packets\.rows: .* at start$/);
  });

  it('refuses unexpected payload keys and oversized windows', () => {
    expect(
      parseRequest({ type: 'request', id: 3, channel: 'file.open', payload: { path: '/x', extra: 1 } }).ok,
    ).toBe(false);
    expect(
      parseRequest({
        type: 'request',
        id: 4,
        channel: 'packets.rows',
        payload: { lane: 1, view: 0, start: 0, count: 1e6 },
      }).ok,
    ).toBe(false);
    expect(parseRequest({ type: 'request', id: 5, channel: 'file.open', payload: { path: '' } }).ok).toBe(
      false,
    );
  });

  it('refuses a malformed envelope without an id to answer', () => {
    expect(parseRequest('packets.rows')).toEqual({
      ok: false,
      id: null,
      error: { code: 'bad-request', message: 'malformed request envelope' },
    });
    expect(parseRequest({ type: 'request', id: -1, channel: 'lanes.list', payload: {} }).ok).toBe(false);
  });
});
