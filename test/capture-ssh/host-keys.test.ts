/**
 * Host keys, against real sshd: an unknown host shows its SHA256 fingerprint and connects only when
 * the user trusts it (once, or remembered in OpenSSH's format, which OpenSSH then accepts); a
 * changed key is refused loudly; @revoked and CA-only hosts are refused; StrictHostKeyChecking
 * decides without asking; with ProxyJump, the jump host's key is checked first.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.js';
import { run } from '../lab/exec.js';
import { cleanupStale, labUp, type Lab } from '../lab/lab.js';
import { bastionHosts, startBastion, type Bastion } from './bastion.js';
import { labUnavailableReason, newEngine, sshFixture, target } from './support.js';

const reason = labUnavailableReason();

describe.skipIf(reason)(`host keys${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let lab: Lab;
  let bastion: Bastion;
  let engine: Engine;
  beforeAll(async () => {
    await cleanupStale();
    lab = await labUp({ maxLifetimeSeconds: 300 });
    bastion = await startBastion(lab);
    engine = newEngine();
  });
  afterAll(async () => {
    await engine?.dispose();
    await lab?.down();
  });

  const auth = { method: 'auto' } as const;
  const ask = (
    configFile: string,
    trust: { fingerprint: string; remember: boolean }[] = [],
    proxyJump?: string,
  ) =>
    engine.handle('ssh.connect', {
      target: { host: 't1', configFile, ...(proxyJump && { proxyJump }) },
      auth,
      trust: trust.map((t) => ({ host: target(lab, 0).address, port: 22, ...t })),
    });
  const close = async (outcome: { status: string; session?: string }) => {
    if (outcome.status === 'connected' && outcome.session)
      await engine.handle('ssh.disconnect', { session: outcome.session });
  };

  it('an unknown host: its fingerprint is shown, and "trust once" connects without writing known_hosts', async () => {
    const fx = sshFixture(lab, { knownHosts: [] });
    const question = await ask(fx.configFile);
    expect(question).toEqual({
      status: 'host-key',
      host: target(lab, 0).address,
      port: 22,
      name: target(lab, 0).address,
      keyType: 'ssh-ed25519',
      fingerprint: target(lab, 0).ssh.hostKeyFingerprint,
      knownHostsFile: fx.knownHostsFile,
      hop: 0,
    });
    const once = await ask(fx.configFile, [
      { fingerprint: target(lab, 0).ssh.hostKeyFingerprint, remember: false },
    ]);
    expect(once).toMatchObject({ status: 'connected', remembered: [] });
    await close(once);
    expect(readFileSync(fx.knownHostsFile, 'utf8')).toBe('');
    const wrong = await ask(fx.configFile, [{ fingerprint: 'SHA256:somethingElse', remember: false }]);
    expect(wrong.status).toBe('host-key');
  });

  for (const hashed of [false, true]) {
    it(`"trust and remember" writes OpenSSH's format (${hashed ? 'hashed' : 'plain'}): ssh accepts it, nothing is asked again`, async () => {
      const fx = sshFixture(lab, { knownHosts: [], hashKnownHosts: hashed });
      const fingerprint = target(lab, 0).ssh.hostKeyFingerprint;
      const remembered = await ask(fx.configFile, [{ fingerprint, remember: true }]);
      expect(remembered).toMatchObject({
        status: 'connected',
        remembered: [{ name: target(lab, 0).address, fingerprint, file: fx.knownHostsFile }],
      });
      await close(remembered);
      const line = readFileSync(fx.knownHostsFile, 'utf8');
      expect(line.startsWith('|1|')).toBe(hashed);
      expect(run(['ssh-keygen', '-F', target(lab, 0).address, '-f', fx.knownHostsFile]).stdout).toContain(
        target(lab, 0).ssh.hostKey.split(' ')[1],
      );
      // OpenSSH itself, strict, with only that file: it connects.
      const ssh = run([
        'ssh',
        '-F',
        fx.configFile,
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        't1',
        'true',
      ]);
      expect(ssh.status, ssh.stderr).toBe(0);
      const again = await ask(fx.configFile);
      expect(again.status).toBe('connected');
      await close(again);
    });
  }

  it('a changed host key is refused loudly, with both fingerprints and the fix', async () => {
    const impostor = target(lab, 1).ssh.hostKey; // another real key, filed under target1's address
    const fx = sshFixture(lab, { knownHosts: [`${target(lab, 0).address} ${impostor}`] });
    const refusal = ask(fx.configFile, [
      { fingerprint: target(lab, 0).ssh.hostKeyFingerprint, remember: true },
    ]);
    await expect(refusal).rejects.toThrow(/^WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for [\d.]+! /);
    await expect(refusal).rejects.toThrow(target(lab, 0).ssh.hostKeyFingerprint);
    await expect(refusal).rejects.toThrow(target(lab, 1).ssh.hostKeyFingerprint);
    await expect(refusal).rejects.toThrow(/man-in-the-middle.*Refusing to connect.*ssh-keygen -R/);
  });

  it('@revoked keys are refused; a host known only through @cert-authority is refused explicitly', async () => {
    const revoked = sshFixture(lab, { knownHosts: [`@revoked * ${target(lab, 0).ssh.hostKey}`] });
    await expect(ask(revoked.configFile)).rejects.toThrow(
      /is marked @revoked in .*known_hosts:1: refusing to connect/,
    );
    const ca = sshFixture(lab, { knownHosts: [`@cert-authority 10.213.* ${target(lab, 1).ssh.hostKey}`] });
    await expect(ask(ca.configFile)).rejects.toThrow(
      /trusts a certificate authority .* does not verify host certificates/,
    );
  });

  it('StrictHostKeyChecking yes refuses an unknown host; accept-new remembers it', async () => {
    const strict = sshFixture(lab, { knownHosts: [], extra: 'Host t1\n  StrictHostKeyChecking yes\n' });
    await expect(ask(strict.configFile)).rejects.toThrow(/is not in .* and StrictHostKeyChecking is yes/);
    const tofu = sshFixture(lab, { knownHosts: [], extra: 'Host t1\n  StrictHostKeyChecking accept-new\n' });
    const outcome = await ask(tofu.configFile);
    expect(outcome).toMatchObject({ status: 'connected', remembered: [{ name: target(lab, 0).address }] });
    await close(outcome);
  });

  it('through a jump host, the jump host’s key is checked first', async () => {
    const fx = sshFixture(lab, { extra: bastionHosts(lab, bastion) }); // targets known, bastion not
    const question = await ask(fx.configFile, [], 'bastion');
    expect(question).toMatchObject({
      status: 'host-key',
      host: bastion.address,
      hop: 0,
      fingerprint: bastion.hostKeyFingerprint,
    });
    const outcome = await engine.handle('ssh.connect', {
      target: { host: 't1', configFile: fx.configFile, proxyJump: 'bastion' },
      auth,
      trust: [{ host: bastion.address, port: 22, fingerprint: bastion.hostKeyFingerprint, remember: false }],
    });
    expect(outcome).toMatchObject({
      status: 'connected',
      hostKey: { fingerprint: target(lab, 0).ssh.hostKeyFingerprint },
    });
    await close(outcome);
  });
});
