/** The front-leg preset's host name, resolved while typed (the start resolves it again: addresses change). */
import { useEffect, useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';

const DEBOUNCE_MS = 500;

export type Resolution = {
  readonly host: string;
  readonly addresses: readonly string[];
  readonly error: string | null;
};

export function useResolve(engine: EngineApi, host: string): Resolution | null {
  const [result, setResult] = useState<Resolution | null>(null);
  const name = host.trim();
  useEffect(() => {
    if (!name) return;
    let live = true;
    const timer = setTimeout(() => {
      engine
        .invoke('capture.resolve', { host: name })
        .then(({ addresses }) => live && setResult({ host: name, addresses, error: null }))
        .catch((error: Error) => live && setResult({ host: name, addresses: [], error: error.message }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, name]);
  return result && result.host === name ? result : null;
}
