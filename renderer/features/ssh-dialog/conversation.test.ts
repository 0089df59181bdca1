/** The renderer's side of a connection: asking about host keys and prompts, and stopping when declined. */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../../shared/contract/index.js';
import type { HostKeyTrust, SshOutcome } from '../../../shared/contract/ssh-channels.js';
import { converse, type Asker } from './conversation.js';

const hostKey: SshOutcome = {
  status: 'host-key',
  host: '10.0.0.5',
  port: 22,
  name: '10.0.0.5',
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abc',
  knownHostsFile: '/k',
  hop: 0,
};
const prompts: SshOutcome = {
  status: 'prompts',
  attempt: 'a1',
  host: 'u@10.0.0.5:22',
  name: '',
  instructions: '',
  prompts: [{ prompt: 'Password: ', echo: false }],
};
const connected: SshOutcome = {
  status: 'connected',
  session: 's1',
  target: 'u@10.0.0.5:22',
  hostKey: { type: 'ssh-ed25519', fingerprint: 'SHA256:abc' },
  remembered: [],
  system: 'Linux',
  tcpdump: '/usr/sbin/tcpdump',
  interfaces: [],
};

function engine(answers: unknown[]): EngineApi {
  return {
    invoke: async (_channel, payload) => {
      answers.push(payload);
      return connected as never;
    },
    on: () => () => {},
  };
}

describe('the connection conversation', () => {
  it('asks about the host key, connects again with the answer, then answers the prompts', async () => {
    const trusts: HostKeyTrust[][] = [];
    const answered: unknown[] = [];
    const ask: Asker = { hostKey: async () => 'remember', prompts: async () => ['secret'] };
    const outcome = await converse(
      engine(answered),
      async (trust) => {
        trusts.push(trust);
        return trusts.length === 1 ? hostKey : prompts;
      },
      ask,
    );
    expect(outcome).toBe(connected);
    expect(trusts[1]).toEqual([{ host: '10.0.0.5', port: 22, fingerprint: 'SHA256:abc', remember: true }]);
    expect(answered).toEqual([{ attempt: 'a1', responses: ['secret'] }]);
  });

  it('stops when the user does not trust the key', async () => {
    const ask: Asker = { hostKey: async () => null, prompts: async () => null };
    await expect(converse(engine([]), async () => hostKey, ask)).rejects.toThrow(
      'not connected: the host key of 10.0.0.5 was not trusted',
    );
  });
});
