/**
 * What the filter bar remembers in the page's storage: recent filters (newest first, as Wireshark's
 * drop-down) and saved filter buttons, with the two the load-balancer scenario needs by default.
 */
export interface FilterStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface SavedFilter {
  readonly name: string;
  readonly filter: string;
}

const HISTORY_KEY = 'hammerhead.filter-history';
const SAVED_KEY = 'hammerhead.saved-filters';
const HISTORY_LIMIT = 30;

export const DEFAULT_SAVED: readonly SavedFilter[] = [
  { name: 'Front leg TLS handshakes', filter: 'tls.handshake' },
  {
    name: 'Back leg without health checks',
    filter: 'http && !(http.user_agent contains "ELB-HealthChecker")',
  },
];

function storage(): FilterStore | null {
  return (globalThis as { localStorage?: FilterStore }).localStorage ?? null;
}

function read<T>(key: string, valid: (item: unknown) => item is T, store: FilterStore | null): T[] | null {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(key) ?? 'null');
    return Array.isArray(parsed) ? parsed.filter(valid) : null;
  } catch {
    return null;
  }
}

const isString = (item: unknown): item is string => typeof item === 'string';
const isSaved = (item: unknown): item is SavedFilter =>
  typeof item === 'object' &&
  item !== null &&
  isString((item as SavedFilter).name) &&
  isString((item as SavedFilter).filter);

export function readHistory(store = storage()): string[] {
  return (read(HISTORY_KEY, isString, store) ?? []).slice(0, HISTORY_LIMIT);
}

/** Puts an applied filter first (once); the empty filter is not remembered. */
export function remember(filter: string, store = storage()): string[] {
  const text = filter.trim();
  const next = text
    ? [text, ...readHistory(store).filter((f) => f !== text)].slice(0, HISTORY_LIMIT)
    : readHistory(store);
  store?.setItem(HISTORY_KEY, JSON.stringify(next));
  return next;
}

export function readSaved(store = storage()): SavedFilter[] {
  return read(SAVED_KEY, isSaved, store) ?? [...DEFAULT_SAVED];
}

export function writeSaved(saved: readonly SavedFilter[], store = storage()): SavedFilter[] {
  store?.setItem(SAVED_KEY, JSON.stringify(saved));
  return [...saved];
}
