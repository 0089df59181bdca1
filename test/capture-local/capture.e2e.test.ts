/**
 * Live capture as a user does it, in headless Chromium through the web host against the real
 * engine and the real tcpdump: the picker lists lo with a moving sparkline, a bad filter turns
 * red with the compiler's words, a capture shows rows while it runs, Stop keeps them, Restart
 * appends into the same lane or starts a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, lane, missingPrerequisite, screenshot, type App } from '../e2e/app-driver.js';
import { captureUnavailable, freePort } from './support.js';
import { sendUdp } from './traffic.js';

const why = captureUnavailable() ?? missingPrerequisite();

describe.skipIf(why !== null)(`live capture in the app${why ? ` (skipped: ${why})` : ''}`, () => {
  let app: App;
  const port = freePort();
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => app?.close());

  it('lists lo with a sparkline that moves with its traffic', async () => {
    const { page } = app;
    const row = page.locator('[data-testid="interface-row"][data-name="lo"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('127.0.0.1/8');
    expect(await row.locator('.cl-flag').allTextContents()).toEqual(['up', 'running', 'loopback']);
    const spark = row.getByTestId('sparkline');
    await expect.poll(() => spark.getAttribute('data-points').then(Number)).toBeGreaterThanOrEqual(2);
    // 400 datagrams over about two seconds: lo's rate rises above the idle background.
    const sending = (async () => {
      for (let i = 0; i < 8; i++) {
        await sendUdp({ address: '127.0.0.1', port: port + 1, count: 50 });
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await expect
      .poll(() => spark.getAttribute('data-last').then(Number), { timeout: 5000 })
      .toBeGreaterThanOrEqual(40);
    await sending;
    const points = await spark.locator('polyline').getAttribute('points');
    expect(points?.split(' ').length).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'capture-1-picker');
  });

  it('checks the filter while typing: red with the compiler’s message, then green', async () => {
    const { page } = app;
    const filter = page.getByTestId('capture-filter');
    // No host names in test filters: compiling one would look it up in DNS.
    await filter.fill('udp dst port');
    await expect.poll(() => filter.getAttribute('data-status')).toBe('invalid');
    expect(await page.getByTestId('capture-filter-message').textContent()).toBe(
      "can't parse filter expression: syntax error",
    );
    await page.locator('[data-testid="interface-row"][data-name="lo"]').getByRole('checkbox').check();
    expect(await page.getByRole('button', { name: 'Start capture' }).isDisabled()).toBe(true);
    await filter.fill(`udp dst port ${port}`);
    await expect.poll(() => filter.getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('capture-filter-message').textContent()).toBe('');
  });

  it('starts a capture whose rows appear while it runs, and stops it keeping them', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start capture' }).click();
    const live = lane(page, 0);
    await live.waitFor();
    expect(await live.getByRole('button', { name: 'Stop' }).isVisible()).toBe(true);
    await sendUdp({ address: '127.0.0.1', port, count: 30 });
    const table = live.getByTestId('packet-table');
    await expect.poll(() => table.getAttribute('data-total')).toBe('30');
    await expect.poll(() => live.locator('.pt-row').count()).toBeGreaterThan(10);
    await sendUdp({ address: '127.0.0.1', port, count: 20 });
    await expect.poll(() => live.getByTestId('lane-count').textContent()).toBe('50 frames');
    await expect
      .poll(() => page.getByTestId('capture-stats').textContent())
      .toMatch(/received · 0 dropped by kernel/);
    await screenshot(page, 'capture-2-live');
    await live.getByRole('button', { name: 'Stop' }).click();
    await live.getByRole('button', { name: 'Restart' }).waitFor();
    expect(await live.getByTestId('lane-count').textContent()).toBe('50 frames');
    expect(await table.getAttribute('data-total')).toBe('50');
    await screenshot(page, 'capture-3-stopped');
  });

  it('restarts appending into the same lane, its frames numbered on', async () => {
    const { page } = app;
    const live = lane(page, 0);
    expect(await live.getByRole('combobox', { name: 'Restart into' }).inputValue()).toBe('append');
    await live.getByRole('button', { name: 'Restart' }).click();
    await live.getByRole('button', { name: 'Stop' }).waitFor();
    await sendUdp({ address: '127.0.0.1', port, count: 5 });
    await expect.poll(() => live.getByTestId('lane-count').textContent()).toBe('55 frames');
    expect(await live.getByTestId('packet-table').getAttribute('data-total')).toBe('55');
    await screenshot(page, 'capture-3b-appended');
    await live.getByRole('button', { name: 'Stop' }).click();
    await live.getByRole('button', { name: 'Restart' }).waitFor();
    expect(await page.locator('[data-testid="lane"]').count()).toBe(1);
  });

  it('restarts into a new lane with the same interface and filter', async () => {
    const { page } = app;
    await lane(page, 0).getByRole('combobox', { name: 'Restart into' }).selectOption('new');
    await lane(page, 0).getByRole('button', { name: 'Restart' }).click();
    const again = lane(page, 1);
    await again.getByRole('button', { name: 'Stop' }).waitFor();
    await sendUdp({ address: '127.0.0.1', port, count: 5 });
    await expect.poll(() => again.getByTestId('lane-count').textContent()).toBe('5 frames');
    expect(await lane(page, 0).getByTestId('lane-count').textContent()).toBe('55 frames');
    await again.getByRole('button', { name: 'Stop' }).click();
    await again.getByRole('button', { name: 'Restart' }).waitFor();
  });

  it('warns in the lane and the status bar as soon as the helper reports drops', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Capture…' }).click();
    const dialog = page.getByTestId('capture-dialog');
    await dialog.locator('[data-testid="interface-row"][data-name="lo"]').getByRole('checkbox').check();
    await dialog.getByTestId('capture-filter').fill(`udp dst port ${port + 2}`);
    // A 1 MiB buffer on lo holds a handful of 64 KiB slots: a burst overflows it.
    await dialog.getByRole('textbox', { name: 'Buffer' }).fill('1');
    await dialog.locator('[data-testid="capture-filter"][data-status="valid"]').waitFor();
    await dialog.getByRole('button', { name: 'Start capture' }).click();
    const small = lane(page, 2);
    await small.getByRole('button', { name: 'Stop' }).waitFor();
    expect(await dialog.count()).toBe(0);
    await sendUdp({ address: '127.0.0.1', port: port + 2, count: 2000, perTick: 1000 });
    await expect
      .poll(() => small.getByTestId('lane-drops').textContent(), { timeout: 5000 })
      .toMatch(/^⚠ \d+ dropped$/);
    await screenshot(page, 'capture-4-drops');
    await small.getByRole('button', { name: 'Stop' }).click();
    await small.getByRole('button', { name: 'Restart' }).waitFor();
  });
});
