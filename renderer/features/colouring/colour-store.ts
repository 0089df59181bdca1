/**
 * The colouring rules in force, shared by every table: Wireshark's defaults (from the engine) unless
 * the user saved their own, which live in the page's storage and are handed to the engine at start.
 * `version` changes with the rules, so tables fetch their rows' colours again.
 */
import { useSyncExternalStore } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import type { ColourRule } from '../../../shared/contract/filter-channels.js';

const KEY = 'hammerhead.colour-rules';
const ENABLED_KEY = 'hammerhead.colourize';

export interface ColourState {
  readonly rules: readonly ColourRule[];
  readonly defaults: readonly ColourRule[];
  /** The packet list is coloured (Wireshark's View → Colorize Packet List). */
  readonly enabled: boolean;
  readonly version: number;
}

let state: ColourState = { rules: [], defaults: [], enabled: true, version: 0 };
let started: Promise<void> | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  return (globalThis as { localStorage?: Storage }).localStorage ?? null;
}

function set(next: Partial<ColourState>): void {
  state = { ...state, ...next, version: state.version + 1 };
  for (const listener of listeners) listener();
}

function stored(): ColourRule[] | null {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY) ?? 'null');
    return Array.isArray(parsed) ? (parsed as ColourRule[]) : null;
  } catch {
    return null;
  }
}

/** Loads the defaults from the engine and gives it the user's rules, once per page. */
export function startColouring(engine: EngineApi): Promise<void> {
  started ??= (async () => {
    const { rules: defaults } = await engine.invoke('colour.rules', {});
    const mine = stored();
    const rules = mine
      ? await engine.invoke('colour.set', { rules: mine }).then(
          (r) => r.rules,
          () => defaults,
        )
      : defaults;
    set({ rules, defaults, enabled: storage()?.getItem(ENABLED_KEY) !== 'false' });
  })().catch(() => {});
  return started;
}

export async function saveColourRules(engine: EngineApi, rules: readonly ColourRule[]): Promise<void> {
  const { rules: accepted } = await engine.invoke('colour.set', { rules: [...rules] });
  storage()?.setItem(KEY, JSON.stringify(accepted));
  set({ rules: accepted });
}

export function setColourize(enabled: boolean): void {
  storage()?.setItem(ENABLED_KEY, String(enabled));
  set({ enabled });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useColourState(): ColourState {
  return useSyncExternalStore(subscribe, () => state);
}
