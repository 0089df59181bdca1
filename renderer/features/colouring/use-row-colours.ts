/**
 * The colouring rule of each row on screen, asked of the engine for the frames not known yet (the
 * engine checks them against the rules and caches the answer), again when the rules change or the
 * lane is dissected again (TLS keys arrived: decrypted frames match other rules).
 */
import { useEffect, useRef, useState } from 'react';
import type { EngineApi, FrameNumber, LaneId } from '../../../shared/contract/index.js';
import type { ColourRule } from '../../../shared/contract/filter-channels.js';
import { startColouring, useColourState } from './colour-store.js';

export type RuleOf = (number: number | undefined) => ColourRule | null;

export function useRowColours(
  engine: EngineApi,
  lane: LaneId,
  numbers: readonly (number | undefined)[],
  dissection = 0,
): RuleOf {
  const { rules, enabled, version } = useColourState();
  const known = useRef(new Map<number, number | null>());
  /** Bumped when the lane or the rules change: answers to older requests are dropped. */
  const generation = useRef(0);
  const [, setTick] = useState(0);
  useEffect(() => void startColouring(engine), [engine]);
  useEffect(() => {
    if (known.current.size === 0) return;
    known.current.clear();
    generation.current++;
    setTick((t) => t + 1);
  }, [lane, version, dissection]);

  const wanted = numbers.filter((n): n is number => n !== undefined && !known.current.has(n));
  const key = wanted.join(',');
  useEffect(() => {
    if (!enabled || wanted.length === 0 || rules.length === 0) return;
    const asked = generation.current;
    for (const n of wanted) known.current.set(n, null);
    engine
      .invoke('colour.frames', { lane, numbers: wanted as FrameNumber[] })
      .then(({ rules: found }) => {
        if (asked !== generation.current) return;
        wanted.forEach((n, i) => known.current.set(n, found[i] ?? null));
        setTick((t) => t + 1);
      })
      .catch(() => wanted.forEach((n) => known.current.delete(n)));
    // `key` stands for `wanted`, which is a new array on every render.
  }, [engine, lane, key, enabled, rules.length, version]);

  return (number) => {
    if (!enabled || number === undefined) return null;
    const index = known.current.get(number);
    return index === null || index === undefined ? null : (rules[index] ?? null);
  };
}
