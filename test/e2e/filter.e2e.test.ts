/**
 * The display-filter bar's stories, in headless Chromium through the web host against the real
 * engine: an invalid filter turns the bar red with tshark's message; a valid one filters the lane
 * (frames as tshark selects them) and the status bar says how many are displayed; autocomplete
 * offers field names with their descriptions; "Apply as Filter" from the details tree; rows are
 * painted by Wireshark's colouring rules, and the details name the rule.
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
  const total = () => lane(app.page, 0).getByTestId('packet-table').getAttribute('data-total');

  it('opens a capture with a filter bar over its lane', async () => {
    await expect.poll(() => app.page.getByTestId('start-page').isVisible()).toBe(true);
    await openCapture(app.page, capturePath(HTTP));
    await expect.poll(total).toBe(String(expectedRows(HTTP).length));
    expect(await bar().getAttribute('data-state')).toBe('empty');
  });

  it('turns red with the message and position of an invalid filter', async () => {
    await input().fill('tcp.port == 80 && htpp');
    await expect.poll(() => bar().getAttribute('data-state')).toBe('invalid');
    expect(await bar().getByTestId('filter-message').textContent()).toBe(
      '"htpp" is neither a field nor a protocol name.',
    );
    expect(await bar().locator('.fb-mark').textContent()).toBe('htpp');
    await input().press('Enter');
    expect(await total()).toBe('43');
    await screenshot(app.page, 'filter-1-invalid');
  });

  it('filters the lane with a valid filter, and the status bar shows displayed / total', async () => {
    const filter = 'ip.addr == 65.0.0.0/8 && !(ip.src == 65.208.228.223)';
    const want = expected[`${HTTP}\t${filter}`] ?? [];
    expect(want.length).toBeGreaterThan(0);
    await input().fill(filter);
    await expect.poll(() => bar().getAttribute('data-state')).toBe('valid');
    await input().press('Enter');
    await expect.poll(total).toBe(String(want.length));
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
    await input().fill('');
    await input().pressSequentially('tls.handsh');
    const suggestions = bar().getByTestId('filter-suggestion');
    await expect
      .poll(() =>
        suggestions.evaluateAll((items) => items.map((i) => i.querySelector('.fb-label')?.textContent)),
      )
      .toContain('tls.handshake.extensions_server_name');
    await screenshot(app.page, 'filter-3-autocomplete');
    await input().press('Escape');
    await input().press('Escape');
    await expect.poll(total).toBe('43');
  });

  it('applies a field of the details tree as a filter', async () => {
    await lane(app.page, 0).locator('.pt-row[data-position="0"]').click();
    const tree = lane(app.page, 0).getByTestId('details-tree');
    await tree.locator('[data-field-id="ip"]').click();
    await tree.locator('[data-field-id="ip"]').press('ArrowRight');
    await tree.locator('[data-field-id="ip.src"]').click({ button: 'right' });
    await app.page.getByTestId('field-menu').getByText('Apply as Filter').dispatchEvent('mousedown');
    await expect.poll(() => input().inputValue()).toBe('ip.src == 145.254.160.237');
    const want = expected[`${HTTP}\tip.src == 145.254.160.237`] ?? [];
    await expect.poll(total).toBe(String(want.length));
  });

  it('paints rows with the colouring rules and names the rule in the details', async () => {
    await input().fill('');
    await input().press('Enter');
    const first = lane(app.page, 0).locator('.pt-row[data-position="0"]');
    // Frame 1 is a SYN to port 80: Wireshark's HTTP rule (`… || tcp.port == 80`) comes before TCP SYN/FIN.
    await expect.poll(() => first.getAttribute('data-colour-rule')).toBe('HTTP');
    const dns = lane(app.page, 0).locator('.pt-row[data-number="13"]');
    await expect.poll(() => dns.getAttribute('data-colour-rule')).toBe('UDP');
    await dns.click();
    await expect
      .poll(() => lane(app.page, 0).getByTestId('colour-rule-name').textContent())
      .toBe('Colouring rule: UDP (udp)');
    await screenshot(app.page, 'filter-4-colours');
  });
});
