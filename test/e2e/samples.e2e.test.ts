/**
 * A new user's first minute: the start page offers the bundled load-balancer sample, which opens as
 * three lanes side by side (front leg, then both targets' back legs). Frame counts come from tshark.
 * The README's screenshot is taken here (out/e2e/readme.png).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lane, launchApp, missingPrerequisite, SAMPLES_DIR, screenshot, type App } from './app-driver.js';

const why = missingPrerequisite();
const LANES = ['lb-front.pcapng', 'lb-back-target1.pcap', 'lb-back-target2.pcap'];

function tsharkFrames(file: string): number {
  const out = spawnSync('tshark', ['-r', join(SAMPLES_DIR, file), '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8',
  });
  return out.stdout.trim().split('\n').filter(Boolean).length;
}

describe.skipIf(why !== null)(`the bundled sample${why ? ` (skipped: ${why})` : ''}`, () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp({ width: 1800, height: 1000 });
  }, 60_000);
  afterAll(async () => app?.close());

  it('opens from the start page as three lanes: the front leg, then the back leg of each target', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open the load-balancer sample' }).click();
    await expect.poll(() => page.getByTestId('lane').count()).toBe(3);
    for (const [i, file] of LANES.entries()) {
      await expect.poll(() => lane(page, i).locator('.lane-title').textContent()).toBe(file);
      await expect
        .poll(() => lane(page, i).getByTestId('packet-table').getAttribute('data-total'))
        .toBe(String(tsharkFrames(file)));
    }
    expect(await lane(page, 0).locator('.lane-role').textContent()).toBe('front');
    expect(await lane(page, 1).locator('.lane-role').textContent()).toBe('back');

    // The README's picture: a request on the back leg, and the front leg moved to the same moment.
    const request = lane(page, 1).locator('.pt-row[data-protocol="HTTP"]').first();
    const row = (await request.count()) > 0 ? request : lane(page, 1).locator('.pt-row').nth(8);
    await row.click();
    await lane(page, 1).locator('[data-testid="details-row"][data-kind="layer"]').last().click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => lane(page, 0).locator('.pt-row[data-cursor]').count()).toBe(1);
    await screenshot(page, 'readme');
  });
});
