/**
 * The capture filter, compiled by the engine while the user types: one request per pause
 * (debounced), and an answer for an older text never overwrites a newer one.
 */
import { useEffect, useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import type { FilterCheck } from '../../../shared/contract/local-capture-channels.js';

const DEBOUNCE_MS = 250;

export type FilterState =
  | { readonly status: 'checking'; readonly message: null }
  | { readonly status: FilterCheck['status']; readonly message: string | null };

export function useFilterCheck(engine: EngineApi, filter: string, iface: string | undefined): FilterState {
  const [result, setResult] = useState<FilterCheck | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      engine
        .invoke('capture.validate', iface ? { filter, interface: iface } : { filter })
        .then((check) => live && setResult(check))
        .catch((error: Error) => live && setResult({ filter, status: 'unchecked', message: error.message }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, filter, iface]);
  if (!result || result.filter !== filter) return { status: 'checking', message: null };
  return { status: result.status, message: result.message };
}
