/** The key sources as the panel shows them: kept in the engine's order, updated one at a time. */
import type { KeySourceInfo } from '../../../shared/contract/tls-channels.js';

export const KIND_TITLES: Readonly<Record<KeySourceInfo['kind'], string>> = {
  file: 'Key log',
  dsb: 'In capture',
  browser: 'Browser',
};

/** The list with one source added or replaced (by id), as the engine's answer to add or launch gives it. */
export function upsertSource(
  list: readonly KeySourceInfo[],
  source: KeySourceInfo,
): readonly KeySourceInfo[] {
  return list.some((s) => s.id === source.id)
    ? list.map((s) => (s.id === source.id ? source : s))
    : [...list, source];
}

/** Sessions with keys across every source: the toolbar button's count. */
export function sessionsWithKeys(sources: readonly KeySourceInfo[]): number {
  return sources.reduce((sum, source) => sum + source.sessions, 0);
}

/** What the lines of a source came to, in words (for screen readers and tooltips). */
export function linesSummary(source: KeySourceInfo): string {
  const parts = [`${source.lines} lines`, `${source.sessions} sessions`];
  if (source.malformed > 0) parts.push(`${source.malformed} malformed`);
  if (source.ignored > 0) parts.push(`${source.ignored} ignored`);
  return parts.join(', ');
}
