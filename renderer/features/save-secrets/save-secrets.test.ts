import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EngineApi, LaneId } from '../../../shared/contract/index.js';
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';
import { RANDOM_A, RANDOM_B, session } from '../tls-sessions/test-sessions.js';
import { candidatesOf } from './secret-candidates.js';
import { askForSecrets, chooseSecrets, onSecretsQuestion, type SecretsQuestion } from './secrets-question.js';
import { SaveSecretsDialog } from './SaveSecretsPrompt.js';

const front = { lane: 1 as LaneId, title: 'front.pcap' };
const copy = { lane: 2 as LaneId, title: 'front-copy.pcap' };

function engineWith(byLane: Record<number, TlsSessionStatus[] | Error>): EngineApi {
  return {
    invoke: ((channel: string, payload: { lane: number }) => {
      if (channel !== 'tls.sessions') throw new Error(`unexpected ${channel}`);
      const answer = byLane[payload.lane];
      return answer instanceof Error
        ? Promise.reject(answer)
        : Promise.resolve({ lane: payload.lane, sessions: answer ?? [] });
    }) as EngineApi['invoke'],
    on: () => () => undefined,
  };
}

describe('sessions whose secrets a save could embed', () => {
  it('are those with a client random and secrets, each once across lanes', () => {
    const candidates = candidatesOf([
      {
        lane: front,
        sessions: [
          session(),
          session({ stream: 1, clientRandom: RANDOM_B, secrets: [] }),
          session({ stream: 2, clientRandom: null }),
        ],
      },
      { lane: copy, sessions: [session({ stream: 7 })] },
    ]);
    expect(candidates.map((c) => [c.laneTitle, c.session.stream, c.clientRandom])).toEqual([
      ['front.pcap', 0, RANDOM_A],
    ]);
  });

  it('need no question when no session has secrets (and a lane that cannot tell has none)', async () => {
    const engine = engineWith({ 1: [session({ secrets: [] })], 2: new Error('no such channel') });
    await expect(chooseSecrets(engine, [front, copy], '/c/out.pcapng')).resolves.toEqual([]);
  });

  it('are asked about, and the answer is the chosen client randoms, or null for cancel', async () => {
    const asked: SecretsQuestion[] = [];
    const off = onSecretsQuestion((q) => q && asked.push(q));
    const engine = engineWith({ 1: [session(), session({ stream: 1, clientRandom: RANDOM_B })] });
    const answer = chooseSecrets(engine, [front], '/c/out.pcapng');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]?.candidates).toHaveLength(2);
    asked[0]?.answer([RANDOM_B]);
    await expect(answer).resolves.toEqual([RANDOM_B]);
    const cancelled = askForSecrets('/c/x.pcapng', asked[0]?.candidates ?? []);
    asked[1]?.answer(null);
    await expect(cancelled).resolves.toBeNull();
    off();
  });
});

describe('the save-with-secrets dialog', () => {
  it('starts with no session chosen, offers select all, and saves without secrets until one is chosen', () => {
    const candidates = candidatesOf([
      { lane: front, sessions: [session(), session({ stream: 1, clientRandom: RANDOM_B })] },
    ]);
    const question: SecretsQuestion = { path: '/c/out.pcapng', candidates, answer: () => undefined };
    const html = renderToStaticMarkup(createElement(SaveSecretsDialog, { question }));
    expect(html).toMatch(/role="dialog" aria-modal="true" aria-label="Save TLS secrets in the file"/);
    const boxes = html.match(/<input type="checkbox"[^>]*>/g) ?? [];
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box).not.toContain('checked');
    expect(html).toContain('0 of 2 chosen');
    expect(html).toMatch(/<button type="button">Select all<\/button>/);
    expect(html).toContain('Save without secrets');
    expect(html).toContain('/c/out.pcapng');
  });
});
