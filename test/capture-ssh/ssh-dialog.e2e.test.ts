/**
 * The SSH dialog in a browser (the real renderer through the web host, the real engine) against the
 * lab's targets, as a user does it: two targets, an unknown host key shown with its fingerprint and
 * trusted, the interfaces fetched from each host, a lane per target filling with the back leg's
 * requests and the remote tcpdump's own words, Stop; then a preflight failure, with its fix.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, lane, missingPrerequisite, screenshot, type App } from '../e2e/app-driver.js';
import { cleanupStale, labUp, type Lab } from '../lab/lab.js';
import { bastionHosts, startBastion } from './bastion.js';
import { httpTo, killSshd, labUnavailableReason, sshFixture, target, type SshFixture } from './support.js';

const why = labUnavailableReason() ?? missingPrerequisite();

describe.skipIf(why !== null && why !== undefined)(
  `the SSH dialog in a browser, against the lab${why ? ` (skipped: ${why})` : ''}`,
  () => {
    let lab: Lab;
    let fx: SshFixture;
    let app: App;
    beforeAll(async () => {
      await cleanupStale();
      lab = await labUp({ maxLifetimeSeconds: 300, healthCheckIntervalSeconds: 5 });
      const bastion = await startBastion(lab);
      // target2 and the bastion are known; target1 is not: the dialog must ask about it.
      const knownHosts = [target(lab, 1).ssh.knownHostsLine, ...bastion.knownHostsLines];
      fx = sshFixture(lab, { extra: bastionHosts(lab, bastion), knownHosts });
      app = await launchApp();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await lab?.down();
    });

    it('captures two targets: asks about the unknown host key, lists their interfaces, one lane each', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Capture over SSH…' }).click();
      const dialog = page.getByTestId('ssh-dialog');
      await dialog.getByLabel('Host 1').fill('t1');
      await dialog.getByRole('button', { name: 'Add a target' }).click();
      await dialog.getByLabel('Host 2').fill('t2');
      await dialog.getByText('Advanced').click();
      await dialog.getByLabel('OpenSSH config file').fill(fx.configFile);
      expect(await dialog.getByLabel('Capture filter').inputValue()).toBe('tcp port 80');
      // ~/.ssh/config, as OpenSSH reads it: the alias's address and user, before connecting.
      await expect
        .poll(() => dialog.getByTestId('ssh-resolved').first().textContent())
        .toBe(`→ ec2-user@${target(lab, 0).address}:22 (ssh -G)`);
      await dialog.getByRole('button', { name: 'Connect' }).click();

      const question = dialog.getByTestId('ssh-host-key');
      await expect.poll(() => question.isVisible()).toBe(true);
      expect(await question.getByTestId('ssh-fingerprint').textContent()).toBe(
        target(lab, 0).ssh.hostKeyFingerprint,
      );
      await screenshot(page, 'ssh-1-unknown-host');
      await question.getByRole('button', { name: 'Trust and remember' }).click();

      const rows = dialog.getByTestId('ssh-target');
      await expect
        .poll(() => rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-state'))))
        .toEqual(['connected', 'connected']);
      expect(await dialog.getByLabel('Interface on t1').inputValue()).toBe(target(lab, 0).iface);
      expect(await dialog.getByLabel('Interface on t2').inputValue()).toBe(target(lab, 1).iface);
      expect(readFileSync(fx.knownHostsFile, 'utf8')).toContain(target(lab, 0).ssh.knownHostsLine);
      await screenshot(page, 'ssh-2-connected');
      await dialog.getByRole('button', { name: 'Start capture' }).click();

      await expect.poll(() => page.getByTestId('lane').count()).toBe(2);
      httpTo(lab, target(lab, 0), 'tok-ui-one', 2);
      httpTo(lab, target(lab, 1), 'tok-ui-two', 2);
      for (const index of [0, 1]) {
        await expect
          .poll(async () =>
            Number((await lane(page, index).getByTestId('lane-count').textContent())?.split(' ')[0]),
          )
          .toBeGreaterThanOrEqual(20);
        await expect
          .poll(() => lane(page, index).getByTestId('ssh-stderr').textContent())
          .toContain('listening on');
      }
      const first = lane(page, 0).getByTestId('packet-table');
      // The live lane follows its tail and health checks keep arriving: page from the top to find it.
      await first.getByRole('grid').press('Home');
      await expect
        .poll(async () => {
          const found = await first.getByText(/GET \/echo\/tok-ui-one-0/).count();
          if (found === 0) await first.getByRole('grid').press('PageDown');
          return found;
        })
        .toBeGreaterThan(0);
      await screenshot(page, 'ssh-3-two-lanes');

      // target2's sshd dies mid-capture: its lane keeps its frames, says why, and offers Reconnect.
      const second = lane(page, 1);
      const kept = Number((await second.getByTestId('lane-count').textContent())?.split(' ')[0]);
      killSshd(target(lab, 1).namespace);
      await expect
        .poll(() => second.getByTestId('lane-error').textContent())
        .toMatch(/the connection to .* was lost/);
      expect(await second.getByTestId('lane-count').textContent()).toBe(`${kept} frames`);
      await labUp({ runId: lab.runId }); // sshd is back
      await second.getByRole('button', { name: 'Reconnect' }).click();
      await expect.poll(() => second.getByTestId('lane-error').count()).toBe(0);
      httpTo(lab, target(lab, 1), 'tok-ui-again', 1);
      await expect
        .poll(async () => Number((await second.getByTestId('lane-count').textContent())?.split(' ')[0]))
        .toBeGreaterThanOrEqual(kept + 10);
      await screenshot(page, 'ssh-4-reconnected');
      for (const index of [0, 1]) await lane(page, index).getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    });

    it('shows the fix when the host refuses sudo -n', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Capture over SSH…' }).click();
      const dialog = page.getByTestId('ssh-dialog');
      await dialog.getByLabel('Host 1').fill('bastion');
      await dialog.getByText('Advanced').click();
      await dialog.getByLabel('OpenSSH config file').fill(fx.configFile);
      await dialog.getByRole('button', { name: 'Connect' }).click();
      const row = dialog.getByTestId('ssh-target');
      await expect.poll(() => row.getAttribute('data-state')).toBe('connected');
      await dialog.getByLabel('Interface on bastion').selectOption('any');
      await dialog.getByRole('button', { name: 'Start capture' }).click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('error');
      expect(await row.getByRole('alert').textContent()).toMatch(/sudo -n .* is refused .*NOPASSWD/);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
    });
  },
);
