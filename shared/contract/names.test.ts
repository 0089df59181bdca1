import { describe, expect, it } from 'vitest';
import { events, requests } from './channels.js';
import { EVENT_CHANNELS, REQUEST_CHANNELS, isKnownEventChannel, isKnownRequestChannel } from './names.js';

describe('channel names without zod', () => {
  it('list exactly the contract schemas', () => {
    expect([...REQUEST_CHANNELS].sort()).toEqual(Object.keys(requests).sort());
    expect([...EVENT_CHANNELS].sort()).toEqual(Object.keys(events).sort());
  });

  it('refuse names outside the contract, including inherited object keys', () => {
    expect(isKnownRequestChannel('packets.rows')).toBe(true);
    expect(isKnownRequestChannel('toString')).toBe(false);
    expect(isKnownRequestChannel('shell.exec')).toBe(false);
    expect(isKnownEventChannel('lane.progress')).toBe(true);
    expect(isKnownEventChannel(42)).toBe(false);
  });
});
