/**
 * The display-filter bar's stories, in headless Chromium through the web host against the real
 * engine, typing into the bar's CodeMirror editor (in a shadow root: the page's CSP refuses the
 * `<style>` CodeMirror would add to the document, and any refusal would be a console error that
 * fails the run): an invalid filter turns the bar red with tshark's message; a valid one filters
 * the lane (frames as tshark selects them) and the status bar says how many are displayed;
 * autocomplete offers field names with their descriptions; one line, whatever is pasted; history
 * with the arrows; "Apply as Filter" from the details tree; rows are painted by Wireshark's
 * colouring rules, and the frame tree names the rule; the saved filter buttons are edited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePath, corpusAvailable, CORPUS_DIR, expectedRows } from '../support/corpus.js';
import { launchApp, lane, missingPrerequisite, openCapture, screenshot, type App } from './app-driver.js';

const HTTP = 'dpkt-http.pcap';
const why = !corpusAvailable ? `the corpus is not at ${CORPUS_DIR}` : missingPrerequisite();
const expected = JSON.parse(
  readFileSync(join(import.meta.dirname, '../filter/conformance-expected.json'), 'utf8'),
) as Record<string, number[]>;

describe.skipIf(why !== null)(`the filter bar in a browser${why ? ` (skipped: ${why})` : ''}`, () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => app?.close());

  const bar = () => lane(app.page, 0).getByTestId('filter-bar');
  const input = () => bar().getByTestId('filter-input');
  const text = () => bar().getByTestId('filter-editor').getAttribute('data-text');
  /** Replaces the bar's text as typing would (select all, type). */
  const type = async (filter: string) => {
    await input().click();
    await app.page.keyboard.press('Control+A');
    await app.page.keyboard.press('Backspace');
    if (filter) await input().pressSequentially(filter);
    await expect.poll(text).toBe(filter);
  };
  const total = () => lane(app.page, 0).getByTestId('packet-table').getAttribute('data-total');

  it('opens a capture with a filter bar over its lane', async () => {
    await expect.poll(() => app.page.getByTestId('start-page').isVisible()).toBe(true);
    await openCapture(app.page, capturePath(HTTP));
    await expect.poll(total).toBe(String(expectedRows(HTTP).length));
    expect(await bar().getAttribute('data-state')).toBe('empty');
  });

  it('turns red with the message and position of an invalid filter', async () => {
    await type('tcp.port == 80 && htpp');
    await expect.poll(() => bar().getAttribute('data-state')).toBe('invalid');
    expect(await input().getAttribute('aria-invalid')).toBe('true');
    expect(await bar().getByTestId('filter-message').textContent()).toBe(
      '"htpp" is neither a field nor a protocol name.',
    );
    expect(await bar().locator('.fb-mark').textContent()).toBe('htpp');
    await input().press('Enter');
    expect(await text()).toBe('tcp.port == 80 && htpp');
    expect(await total()).toBe('43');
    await screenshot(app.page, 'filter-1-invalid');
  });

  it('filters the lane with a valid filter, and the status bar shows displayed / total', async () => {
    const filter = 'ip.addr == 65.0.0.0/8 && !(ip.src == 65.208.228.223)';
    const want = expected[`${HTTP}\t${filter}`] ?? [];
    expect(want.length).toBeGreaterThan(0);
    await type(filter);
    await expect.poll(() => bar().getAttribute('data-state')).toBe('valid');
    await input().press('Enter');
    await expect.poll(total).toBe(String(want.length));
    // Enter applied: no second line.
    expect(await text()).toBe(filter);
    const numbers = () =>
      lane(app.page, 0)
        .locator('.pt-row')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-number'))));
    await expect.poll(numbers).toEqual(want);
    await expect
      .poll(() => app.page.getByTestId('status-bar').textContent())
      .toContain(`Displayed: ${want.length} (${((100 * want.length) / 43).toFixed(1)}%)`);
    await screenshot(app.page, 'filter-2-applied');
  });

  it('offers field names with their descriptions as one types', async () => {
    await type('');
    await input().pressSequentially('tls.handsh');
    const options = bar().locator('.cm-tooltip-autocomplete li');
    const sni = options.filter({ hasText: 'tls.handshake.extensions_server_name' }).first();
    await expect.poll(() => sni.isVisible()).toBe(true);
    expect(await sni.locator('.cm-completionDetail').textContent()).toMatch(/^Server Name · /);
    await screenshot(app.page, 'filter-3-autocomplete');
    await sni.click();
    await expect.poll(text).toBe('tls.handshake.extensions_server_name');
    // Escape closes the list, then clears the filter and shows every frame.
    await input().press('Escape');
    await input().press('Escape');
    await expect.poll(text).toBe('');
    await expect.poll(total).toBe('43');
  });

  it('keeps one line, and recalls applied filters with the arrows', async () => {
    await input().click();
    await app.page.keyboard.insertText('tcp.port == 80\n&& frame.len > 1000');
    await expect.poll(text).toBe('tcp.port == 80 && frame.len > 1000');
    await type('');
    await input().press('ArrowUp');
    await expect.poll(text).toBe('ip.addr == 65.0.0.0/8 && !(ip.src == 65.208.228.223)');
    await input().press('ArrowDown');
    await expect.poll(text).toBe('');
  });

  it('applies a field of the details tree as a filter', async () => {
    await lane(app.page, 0).locator('.pt-row[data-position="0"]').click();
    const tree = lane(app.page, 0).getByTestId('details-tree');
    await tree.locator('[data-field-id="ip"]').click();
    await tree.locator('[data-field-id="ip"]').press('ArrowRight');
    await tree.locator('[data-field-id="ip.src"]').click({ button: 'right' });
    await app.page.getByTestId('field-menu').getByText('Apply as Filter').dispatchEvent('mousedown');
    await expect.poll(text).toBe('ip.src == 145.254.160.237');
    const want = expected[`${HTTP}\tip.src == 145.254.160.237`] ?? [];
    await expect.poll(total).toBe(String(want.length));
  });

  it('paints rows with the colouring rules and names the rule in the frame tree', async () => {
    await type('');
    await input().press('Enter');
    await expect.poll(total).toBe('43');
    const first = lane(app.page, 0).locator('.pt-row[data-position="0"]');
    // Frame 1 is a SYN to port 80: Wireshark's HTTP rule (`… || tcp.port == 80`) comes before TCP SYN/FIN.
    await expect.poll(() => first.getAttribute('data-colour-rule')).toBe('HTTP');
    const dns = lane(app.page, 0).locator('.pt-row[data-number="13"]');
    await expect.poll(() => dns.getAttribute('data-colour-rule')).toBe('UDP');
    await dns.click();
    const tree = lane(app.page, 0).getByTestId('details-tree');
    await expect
      .poll(() => lane(app.page, 0).getByTestId('frame-inspector').getAttribute('data-frame'))
      .toBe('13');
    const frame = tree.locator('[data-field-id="frame"]');
    if ((await frame.getAttribute('aria-expanded')) !== 'true') {
      await frame.click();
      await frame.press('ArrowRight');
    }
    await expect
      .poll(() => tree.locator('[data-field-id="frame.coloring_rule.name"]').textContent())
      .toContain('[Coloring Rule Name: UDP]');
    expect(await tree.locator('[data-field-id="frame.coloring_rule.string"]').textContent()).toContain(
      '[Coloring Rule String: udp]',
    );
    await screenshot(app.page, 'filter-4-colours');
  });

  it('edits the saved filter buttons, refusing an invalid filter', async () => {
    const all = app.page.getByTestId('filter-bar').first();
    const buttons = all.getByTestId('saved-filters');
    expect(await buttons.getByRole('button').allTextContents()).toEqual(
      expect.arrayContaining(['Front leg TLS handshakes', 'Back leg without health checks']),
    );
    await buttons.getByRole('button', { name: 'Edit saved filter buttons' }).click();
    const dialog = app.page.getByTestId('saved-filters-dialog');
    await dialog.getByRole('button', { name: 'Add' }).click();
    const row = dialog.getByTestId('saved-filter-row').nth(2);
    await row.getByLabel('Label of button 3').fill('HTTP requests');
    await row.getByLabel('Filter of button 3').fill('http.request && htpp');
    await expect
      .poll(() => row.getByTestId('saved-filter-problem').textContent())
      .toBe('"htpp" is neither a field nor a protocol name.');
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await row.getByLabel('Filter of button 3').fill('http.request');
    await dialog.getByLabel('Label of button 2').fill('Back leg, no health checks');
    await screenshot(app.page, 'filter-5-saved-buttons');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await buttons.getByRole('button').allTextContents()).toEqual([
      'Front leg TLS handshakes',
      'Back leg, no health checks',
      'HTTP requests',
      '✎',
    ]);
    const stored = await app.page.evaluate(() => localStorage.getItem('hammerhead.saved-filters'));
    expect(JSON.parse(stored ?? '[]')).toContainEqual({ name: 'HTTP requests', filter: 'http.request' });
    // The new button filters every lane.
    await buttons.getByRole('button', { name: 'HTTP requests' }).click();
    const want = expected[`${HTTP}\thttp.request`] ?? [];
    expect(want.length).toBeGreaterThan(0);
    await expect.poll(total).toBe(String(want.length));
    await expect.poll(text).toBe('http.request');
  });
});
