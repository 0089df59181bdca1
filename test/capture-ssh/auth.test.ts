/**
 * Signing in, against real OpenSSH servers in the lab: key files in OpenSSH's and PEM formats with
 * their passphrases, an ssh-agent started here, a password and keyboard-interactive (PAM) on the
 * bastion, a refused key, and ProxyJump through the bastion to a target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshAuth, SshTarget } from '../../shared/contract/ssh-channels.js';
import type { Engine } from '../../electron/engine/engine.js';
import { must, sleep } from '../lab/exec.js';
import { cleanupStale, labUp, type Lab } from '../lab/lab.js';
import { BASTION_PASSWORD, bastionHosts, startBastion, type Bastion } from './bastion.js';
import {
  authorize,
  connect,
  httpTo,
  labUnavailableReason,
  newEngine,
  newKey,
  sshFixture,
  target,
  waitForLane,
  type SshFixture,
} from './support.js';

const reason = labUnavailableReason();
const PASSPHRASE = 'correct horse battery';

describe.skipIf(reason)(`signing in over SSH${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let lab: Lab;
  let bastion: Bastion;
  let fx: SshFixture;
  let engine: Engine;
  const t1: SshTarget = { host: 't1' };

  beforeAll(async () => {
    await cleanupStale();
    lab = await labUp({ maxLifetimeSeconds: 300 });
    bastion = await startBastion(lab);
    const knownHosts = [...lab.targets.map((t) => t.ssh.knownHostsLine), ...bastion.knownHostsLines];
    fx = sshFixture(lab, { extra: bastionHosts(lab, bastion), knownHosts });
    Object.assign(t1, { configFile: fx.configFile });
    engine = newEngine();
  });
  afterAll(async () => {
    await engine?.dispose();
    await lab?.down();
  });

  /** Connects, checks who we are on the host, and closes the session. */
  async function signIn(targetSpec: SshTarget, auth: SshAuth) {
    const outcome = await connect(engine, { configFile: fx.configFile, ...targetSpec }, auth);
    await engine.handle('ssh.disconnect', { session: outcome.session });
    return outcome;
  }

  it('key files: ed25519 (OpenSSH), ECDSA and RSA (PEM), RSA (PKCS#8), each behind its passphrase', async () => {
    const keys = [
      newKey(fx.dir, 'id_ed25519', 'ed25519', null, PASSPHRASE),
      newKey(fx.dir, 'id_ecdsa_pem', 'ecdsa', 'PEM', PASSPHRASE),
      newKey(fx.dir, 'id_rsa_pem', 'rsa', 'PEM', PASSPHRASE),
      newKey(fx.dir, 'id_rsa_pkcs8', 'rsa', 'PKCS8', PASSPHRASE),
    ];
    for (const key of keys) authorize(lab, `${key}.pub`);
    for (const keyFile of keys) {
      const outcome = await signIn(t1, { method: 'key', keyFile, passphrase: PASSPHRASE });
      expect(outcome.target).toBe(`ec2-user@${target(lab, 0).address}:22`);
    }
    const [ed25519 = ''] = keys;
    await expect(signIn(t1, { method: 'key', keyFile: ed25519 })).rejects.toThrow(
      `the key ${ed25519} is protected by a passphrase: enter its passphrase`,
    );
    await expect(signIn(t1, { method: 'key', keyFile: keys[2] ?? '', passphrase: 'wrong' })).rejects.toThrow(
      /wrong passphrase for the key .*id_rsa_pem/,
    );
  });

  it('ssh-agent: a key added to an agent started for this test', async () => {
    const socket = join(fx.dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(20);
      must(['ssh-add', '-q', target(lab, 0).ssh.privateKeyPath], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
      });
      const outcome = await signIn(t1, { method: 'agent', agentSocket: socket });
      expect(outcome.status).toBe('connected');
    } finally {
      agent.kill();
    }
    await expect(signIn(t1, { method: 'agent' })).rejects.toThrow(/no ssh-agent to use/);
  });

  it('password, on the bastion; a wrong one is refused and says what was tried', async () => {
    const outcome = await signIn({ host: 'bastion' }, { method: 'password', password: BASTION_PASSWORD });
    expect(outcome.target).toBe(`ec2-user@${bastion.address}:22`);
    await expect(signIn({ host: 'bastion' }, { method: 'password', password: 'not it' })).rejects.toThrow(
      /^authentication failed for ec2-user@[\d.]+:22: .*\(password, keyboard-interactive\)/,
    );
  });

  it('keyboard-interactive: the server’s prompt reaches the user, the answer signs in', async () => {
    const target = { host: 'bastion', configFile: fx.configFile };
    const auth = { method: 'keyboard-interactive' } as const;
    const asked = await engine.handle('ssh.connect', { target, auth });
    if (asked.status !== 'prompts') throw new Error(`expected prompts, got ${asked.status}`);
    expect(asked.prompts).toEqual([{ prompt: expect.stringMatching(/password/i), echo: false }]);
    const outcome = await engine.handle('ssh.answer', {
      attempt: asked.attempt,
      responses: [BASTION_PASSWORD],
    });
    expect(outcome.status).toBe('connected');
    if (outcome.status === 'connected') await engine.handle('ssh.disconnect', { session: outcome.session });
    const again = await engine.handle('ssh.connect', { target, auth });
    if (again.status !== 'prompts') throw new Error(`expected prompts, got ${again.status}`);
    await expect(engine.handle('ssh.answer', { attempt: again.attempt, responses: null })).rejects.toThrow(
      /cancelled/,
    );
  });

  it('refuses a key the host does not know, naming the key it tried', async () => {
    const stranger = newKey(fx.dir, 'id_stranger', 'ed25519', null, '');
    await expect(signIn(t1, { method: 'key', keyFile: stranger })).rejects.toThrow(
      /authentication failed for ec2-user@[\d.]+:22: .*\(key .*id_stranger\)/,
    );
  });

  it('ProxyJump through the bastion: the target sees the bastion, and that connection is left out', async () => {
    const connected = await connect(engine, { ...t1, proxyJump: 'bastion' });
    const lane = await engine.handle('ssh.start', {
      session: connected.session,
      interface: target(lab, 0).iface,
      filter: 'tcp',
      privilege: 'sudo',
    });
    httpTo(lab, target(lab, 0), 'tok-jump', 2);
    await waitForLane(engine, lane.lane, (info) => info.frames >= 20);
    const status = await engine.handle('ssh.status', { lane: lane.lane });
    expect(status.command).toMatch(
      new RegExp(`not \\(host ${bastion.address.replace(/\./g, '\\.')} and port \\d+ and host`),
    );
    const stopped = await engine.handle('capture.stop', { lane: lane.lane });
    expect(stopped.frames).toBe((await engine.handle('ssh.status', { lane: lane.lane })).counters?.captured);
  });
});
