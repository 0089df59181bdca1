/**
 * The sessions whose secrets a save could embed: those of the saved lanes whose client random has
 * secrets in some key source, each once (the same connection may be in two lanes).
 */
import type { EngineApi, LaneId, LaneInfo } from '../../../shared/contract/index.js';
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';

export interface SecretCandidate {
  readonly clientRandom: string;
  readonly lane: LaneId;
  readonly laneTitle: string;
  readonly session: TlsSessionStatus;
}

export interface LaneSessions {
  readonly lane: Pick<LaneInfo, 'lane' | 'title'>;
  readonly sessions: readonly TlsSessionStatus[];
}

export function candidatesOf(results: readonly LaneSessions[]): SecretCandidate[] {
  const seen = new Set<string>();
  const candidates: SecretCandidate[] = [];
  for (const { lane, sessions } of results)
    for (const session of sessions) {
      const { clientRandom } = session;
      if (!clientRandom || session.secrets.length === 0 || seen.has(clientRandom)) continue;
      seen.add(clientRandom);
      candidates.push({ clientRandom, lane: lane.lane, laneTitle: lane.title, session });
    }
  return candidates;
}

/** Asks each lane for its sessions; a lane whose engine cannot tell counts as having none. */
export async function secretCandidates(
  engine: EngineApi,
  lanes: readonly Pick<LaneInfo, 'lane' | 'title'>[],
): Promise<SecretCandidate[]> {
  const results = await Promise.all(
    lanes.map((lane) =>
      engine.invoke('tls.sessions', { lane: lane.lane }).then(
        ({ sessions }) => ({ lane, sessions }),
        () => ({ lane, sessions: [] }),
      ),
    ),
  );
  return candidatesOf(results);
}
