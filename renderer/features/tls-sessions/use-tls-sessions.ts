/**
 * A lane's TLS sessions and what decrypting them gave, fetched again (at most once a second) while the
 * lane grows or is dissected again, and whenever the key sources change.
 */
import { useEffect, useRef, useState } from 'react';
import type { EngineApi, LaneInfo } from '../../../shared/contract/index.js';
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';
import { dissectionOf } from '../../lib/lane-dissection.js';

const INTERVAL_MS = 1000;

export interface TlsSessions {
  /** null until the engine first answered. */
  readonly sessions: readonly TlsSessionStatus[] | null;
  readonly error: string | null;
}

export function useTlsSessions(engine: EngineApi, lane: LaneInfo): TlsSessions {
  const [state, setState] = useState<TlsSessions>({ sessions: null, error: null });
  const [keys, setKeys] = useState(0);
  useEffect(() => engine.on('keys.changed', () => setKeys((n) => n + 1)), [engine]);
  const last = useRef(0);
  const issued = useRef(0);
  const { lane: id, frames, state: laneState } = lane;
  const dissection = dissectionOf(lane);

  useEffect(() => {
    if (frames === 0) return;
    // A deadline fixed by the last fetch, not reset by each change: a growing lane still gets answers.
    const wait = Math.max(0, INTERVAL_MS - (Date.now() - last.current));
    const timer = setTimeout(() => {
      last.current = Date.now();
      const request = ++issued.current;
      const latest = () => request === issued.current;
      engine
        .invoke('tls.sessions', { lane: id })
        .then(({ sessions }) => latest() && setState({ sessions, error: null }))
        .catch((error: Error) => latest() && setState((s) => ({ ...s, error: error.message })));
    }, wait);
    return () => clearTimeout(timer);
  }, [engine, id, frames, laneState, dissection, keys]);

  return state;
}
