/**
 * The engine's TLS key sources, kept current by `keys.changed` (a watched file grows, a source fails),
 * and the calls that change them. Sources belong to the engine, not to a lane: keys loaded before a
 * capture decrypt it as it arrives, keys loaded after decrypt what was captured.
 */
import { useCallback, useEffect, useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import type { BrowserKind, KeySourceInfo } from '../../../shared/contract/tls-channels.js';
import { upsertSource } from './key-sources.js';

export interface KeySources {
  /** null until the engine first answered. */
  readonly sources: readonly KeySourceInfo[] | null;
  add(path: string, watch: boolean): Promise<KeySourceInfo>;
  remove(id: number): Promise<void>;
  launch(kind: BrowserKind, url: string): Promise<{ source: KeySourceInfo; pid: number }>;
}

export function useKeySources(engine: EngineApi): KeySources {
  const [sources, setSources] = useState<readonly KeySourceInfo[] | null>(null);
  useEffect(() => {
    // Events and answers come in the engine's order: whichever arrives last is the newest.
    const off = engine.on('keys.changed', ({ sources: now }) => setSources(now));
    engine
      .invoke('keys.list', {})
      .then(({ sources: now }) => setSources(now))
      .catch(() => setSources((s) => s ?? []));
    return off;
  }, [engine]);

  const upsert = useCallback(
    (source: KeySourceInfo) => setSources((list) => upsertSource(list ?? [], source)),
    [],
  );
  const add = useCallback(
    async (path: string, watch: boolean) => {
      const source = await engine.invoke('keys.add', { path, watch });
      upsert(source);
      return source;
    },
    [engine, upsert],
  );
  const remove = useCallback(
    async (id: number) => {
      await engine.invoke('keys.remove', { id });
      setSources((list) => (list ?? []).filter((s) => s.id !== id));
    },
    [engine],
  );
  const launch = useCallback(
    async (kind: BrowserKind, url: string) => {
      const trimmed = url.trim();
      const launched = await engine.invoke('keys.launchBrowser', trimmed ? { kind, url: trimmed } : { kind });
      upsert(launched.source);
      return launched;
    },
    [engine, upsert],
  );
  return { sources, add, remove, launch };
}
