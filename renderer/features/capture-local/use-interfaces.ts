/**
 * The picker's live data: the interface list (every 10 s: interfaces come and go) and the OS
 * counters (every second) turned into packets-per-second histories for the sparklines.
 */
import { useEffect, useRef, useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import type {
  CaptureReadiness,
  InterfaceCounters,
  LocalInterface,
} from '../../../shared/contract/local-capture-channels.js';
import { nextRates, type RateHistory } from './rates.js';

const LIST_EVERY_MS = 10_000;
const COUNTERS_EVERY_MS = 1000;

export interface InterfacesState {
  readonly interfaces: readonly LocalInterface[];
  readonly readiness: CaptureReadiness | null;
  readonly rates: RateHistory;
  readonly error: string | null;
}

export function useInterfaces(engine: EngineApi): InterfacesState & { refresh(): void } {
  const [state, setState] = useState<InterfacesState>({
    interfaces: [],
    readiness: null,
    rates: new Map(),
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const last = useRef<InterfaceCounters | null>(null);

  useEffect(() => {
    let live = true;
    const list = () =>
      engine
        .invoke('capture.interfaces', {})
        .then(
          ({ interfaces, readiness }) =>
            live && setState((s) => ({ ...s, interfaces, readiness, error: null })),
        )
        .catch((error: Error) => live && setState((s) => ({ ...s, error: error.message })));
    void list();
    const timer = setInterval(() => void list(), LIST_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [engine, generation]);

  useEffect(() => {
    let live = true;
    const poll = () =>
      engine
        .invoke('capture.counters', {})
        .then((counters) => {
          if (!live) return;
          const previous = last.current;
          last.current = counters;
          setState((s) => ({ ...s, rates: nextRates(previous, counters, s.rates) }));
        })
        .catch(() => {});
    void poll();
    const timer = setInterval(() => void poll(), COUNTERS_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [engine]);

  return { ...state, refresh: () => setGeneration((g) => g + 1) };
}
