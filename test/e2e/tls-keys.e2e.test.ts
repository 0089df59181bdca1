/**
 * TLS decryption as a user meets it, in headless Chromium through the web host against the real
 * engine: a TLS 1.3 capture shows only Application Data; the user loads the browser's key log from the
 * TLS keys panel; the session turns decrypted and the rows already on screen change; saving offers the
 * session's secrets, none chosen unless the user chooses. Expected texts come from tshark's output in
 * the corpus (../shared/corpus), with and without the key log (corpus-keyless.tsv).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePath, corpusAvailable, CORPUS_DIR, expectedRows } from '../support/corpus.js';
import { launchApp, lane, missingPrerequisite, openCapture, screenshot, type App } from './app-driver.js';

const CAPTURE = 'tls13-aes128gcm.pcap';
const KEYS = join(CORPUS_DIR, 'keys', 'tls13-aes128gcm.keys');
const why = !corpusAvailable ? `the corpus is not at ${CORPUS_DIR}` : missingPrerequisite();

describe.skipIf(why !== null)(`TLS keys in a browser${why ? ` (skipped: ${why})` : ''}`, () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => app?.close());

  const row = (number: number) => lane(app.page, 0).locator(`.pt-row[data-number="${number}"]`);
  const info = (number: number) => row(number).locator('.pt-info').textContent();

  it('opens a TLS 1.3 capture without keys: its records are Application Data', async () => {
    const { page } = app;
    await openCapture(page, capturePath(CAPTURE));
    const table = lane(page, 0).getByTestId('packet-table');
    await expect.poll(() => table.getAttribute('data-total')).toBe(String(expectedRows(CAPTURE).length));
    await expect.poll(() => info(10)).toBe('Application Data');
    // tshark without the key log: the server's flight after its Hello is opaque.
    await expect.poll(() => info(6)).toContain('Server Hello, Change Cipher Spec, Application Data');
  });

  it('lists the lane’s TLS session as not decrypted, and its failing frame selects that frame', async () => {
    const { page } = app;
    const button = lane(page, 0).getByTestId('tls-button');
    await expect.poll(() => button.textContent()).toBe('TLS 1');
    await expect.poll(() => button.getAttribute('data-state')).toBe('failed');
    await button.click();
    const dialog = page.getByTestId('tls-sessions');
    const session = dialog.getByTestId('tls-session');
    await expect.poll(() => session.getAttribute('data-state')).toBe('failed');
    expect(await session.getByTestId('tls-failure').textContent()).toContain('no key');
    const link = session.getByRole('button', { name: /^Select frame \d+$/ });
    const frame = Number((await link.textContent())?.replace('Frame ', ''));
    await link.click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row(frame).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => lane(page, 0).getByTestId('frame-inspector').getAttribute('data-frame'))
      .toBe(String(frame));
  });

  it('loads the key log from the TLS keys panel; Escape closes the panel', async () => {
    const { page } = app;
    // Frame 6 open in the details, its TLS layer expanded: it must change with the keys too.
    await row(6).click();
    await expect
      .poll(() => lane(page, 0).getByTestId('frame-inspector').getAttribute('data-frame'))
      .toBe('6');
    const tree = lane(page, 0).getByTestId('details-tree');
    await tree.locator('[data-kind="layer"][data-field-id="tls"]').first().click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tree.textContent()).toContain('Application Data');
    expect(await tree.textContent()).not.toContain('Encrypted Extensions');
    await page.getByTestId('keys-button').click();
    const panel = page.getByTestId('keys-panel');
    await expect.poll(() => panel.getByTestId('key-sources-empty').isVisible()).toBe(true);
    expect(await panel.getByRole('checkbox', { name: 'Watch for appended lines' }).isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Add key log…' }).click();
    const prompt = page.getByTestId('path-prompt');
    await prompt.getByRole('textbox').fill(KEYS);
    await prompt.getByRole('button', { name: 'Load' }).click();
    const source = panel.getByTestId('key-source');
    await expect.poll(() => source.count()).toBe(1);
    expect(await source.getAttribute('data-kind')).toBe('file');
    expect(await source.textContent()).toContain(KEYS);
    expect(await source.textContent()).toContain('watching');
    // The key log names two sessions (one absent from the capture): 10 lines, EXPORTER_SECRET ignored.
    await expect.poll(() => source.getByTestId('key-source-sessions').textContent()).toBe('2');
    await screenshot(page, 'tls-1-keys-panel');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    // Focus goes back to where the panel was opened from.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('keys-button');
    await expect
      .poll(() => page.getByTestId('keys-button').getAttribute('aria-label'))
      .toBe('TLS keys: 1 source');
  });

  it('decrypts retroactively: the rows on screen and the open details change', async () => {
    const { page } = app;
    await expect.poll(() => info(6), { timeout: 15_000 }).toContain('Encrypted Extensions');
    expect(await info(6)).toBe(expectedRows(CAPTURE)[5]?.['_ws.col.Info']);
    await expect.poll(() => info(9)).toBe(expectedRows(CAPTURE)[8]?.['_ws.col.Info']);
    const tree = lane(page, 0).getByTestId('details-tree');
    await expect.poll(() => tree.textContent(), { timeout: 15_000 }).toContain('Encrypted Extensions');
    await screenshot(page, 'tls-2-decrypted');
  });

  it('shows the session decrypted, with the secrets the key log had', async () => {
    const { page } = app;
    const button = lane(page, 0).getByTestId('tls-button');
    await expect.poll(() => button.getAttribute('data-state'), { timeout: 15_000 }).toBe('decrypted');
    await button.click();
    const session = page.getByTestId('tls-sessions').getByTestId('tls-session');
    await expect.poll(() => session.getAttribute('data-state')).toBe('decrypted');
    const text = (await session.textContent()) ?? '';
    expect(text).toContain('TLSv1.3');
    expect(text).toContain('TLS_AES_128_GCM_SHA256');
    expect(await session.getByTestId('tls-secrets').textContent()).toContain('SERVER_TRAFFIC_SECRET_0');
    expect(await session.getByTestId('tls-failure').textContent()).toBe('');
    const random = await session.getByTestId('tls-client-random').getAttribute('data-full');
    expect(readFileSync(KEYS, 'utf8')).toContain(random);
    await screenshot(page, 'tls-3-sessions');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('tls-sessions').count()).toBe(0);
  });

  it('saves with the secrets of the sessions chosen, none unless chosen', async () => {
    const { page } = app;
    const path = join(mkdtempSync(join(tmpdir(), 'hh-e2e-tls-')), 'with-secrets.pcapng');
    await page.keyboard.press('Control+Shift+S');
    const prompt = page.getByTestId('path-prompt');
    await prompt.getByRole('textbox').fill(path);
    await prompt.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByTestId('save-secrets');
    await expect.poll(() => dialog.getByTestId('secret-candidate').count()).toBe(1);
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(false);
    expect(await dialog.getByTestId('secrets-chosen').textContent()).toBe('0 of 1 chosen');
    await dialog.getByRole('button', { name: 'Select all' }).click();
    await dialog.getByRole('button', { name: 'Save with the secrets of 1 session' }).click();
    const total = expectedRows(CAPTURE).length;
    await expect
      .poll(() => page.getByTestId('notices').textContent())
      .toContain(`Saved ${total} frames and the secrets of 1 TLS sessions`);
    // A pcapng Decryption Secrets Block (type 0x0000000A) of TLS key log lines ('TLSK').
    const saved = readFileSync(path);
    expect(saved.includes(Buffer.from([0x0a, 0, 0, 0]))).toBe(true);
    expect(saved.includes(Buffer.from('TLSK').reverse())).toBe(true);
    expect(saved.toString('latin1')).toMatch(/CLIENT_TRAFFIC_SECRET_0 [0-9a-f]{64} /);
  });
});
