/** Recently opened capture paths, newest first, kept in the page's own storage (no engine state). */
const KEY = 'hammerhead.recent-files';
const LIMIT = 10;

export interface RecentStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readRecent(store: RecentStore = localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((p): p is string => typeof p === 'string').slice(0, LIMIT)
      : [];
  } catch {
    return [];
  }
}

export function rememberRecent(paths: readonly string[], store: RecentStore = localStorage): string[] {
  const next = [...new Set([...[...paths].reverse(), ...readRecent(store)])].slice(0, LIMIT);
  store.setItem(KEY, JSON.stringify(next));
  return next;
}

export function forgetRecent(path: string, store: RecentStore = localStorage): string[] {
  const next = readRecent(store).filter((p) => p !== path);
  store.setItem(KEY, JSON.stringify(next));
  return next;
}
