import { describe, expect, it } from 'vitest';
import { forgetRecent, readRecent, rememberRecent, type RecentStore } from './recent-files.js';

function memory(): RecentStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('recent files', () => {
  it('keeps the newest first, without duplicates, at most ten', () => {
    const store = memory();
    rememberRecent(['/a.pcap'], store);
    rememberRecent(['/b.pcap', '/c.pcap'], store);
    expect(rememberRecent(['/a.pcap'], store)).toEqual(['/a.pcap', '/c.pcap', '/b.pcap']);
    for (let i = 0; i < 20; i++) rememberRecent([`/f${i}`], store);
    expect(readRecent(store)).toHaveLength(10);
    expect(readRecent(store)[0]).toBe('/f19');
  });

  it('survives garbage in storage and forgets a path on request', () => {
    const store = memory();
    store.setItem('hammerhead.recent-files', '{not json');
    expect(readRecent(store)).toEqual([]);
    rememberRecent(['/x', '/y'], store);
    expect(forgetRecent('/x', store)).toEqual(['/y']);
  });
});
