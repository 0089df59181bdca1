/**
 * The desktop app's stories, in headless Chromium through the web host against the real engine.
 * Expected values come from tshark's output in the corpus (../shared/corpus), not from Hammerhead.
 * One window for the whole file: each story continues where the previous one left the user.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePath, corpusAvailable, CORPUS_DIR, expectedRows } from '../support/corpus.js';
import { launchApp, lane, missingPrerequisite, openCapture, screenshot, type App } from './app-driver.js';

const HTTP = 'dpkt-http.pcap';
const METHODS = 'zeek-http-methods.pcap';
const TRUNCATED = 'dpkt-truncated-file.pcap';
const TCP_NANO = 'tcpdump-tcp-handshake-nano.pcap';
const why = !corpusAvailable ? `the corpus is not at ${CORPUS_DIR}` : missingPrerequisite();

describe.skipIf(why !== null)(`the app in a browser${why ? ` (skipped: ${why})` : ''}`, () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => app?.close());

  it('opens a capture: every frame arrives in the table, with Wireshark’s columns', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('start-page').isVisible()).toBe(true);
    await openCapture(page, capturePath(HTTP));
    const expected = expectedRows(HTTP);
    const table = lane(page, 0).getByTestId('packet-table');
    await expect.poll(() => table.getAttribute('data-total')).toBe(String(expected.length));
    await expect
      .poll(() => lane(page, 0).getByTestId('lane-count').textContent())
      .toBe(`${expected.length} frames`);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info']);
    const first = table.locator('.pt-row[data-position="0"]');
    await expect.poll(() => first.locator('.pt-source').textContent()).toBe(expected[0]?.['_ws.col.Source']);
    expect(await first.locator('.pt-length').textContent()).toBe(expected[0]?.['frame.len']);
    await screenshot(page, '1-opened');
  });

  it('shows the details tree and the bytes of a selected row', async () => {
    const { page } = app;
    await lane(page, 0).locator('.pt-row[data-position="0"]').click();
    const tree = lane(page, 0).getByTestId('details-tree');
    await expect
      .poll(() =>
        tree
          .locator('[data-kind="layer"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field-id'))),
      )
      .toEqual(['frame', 'eth', 'ip', 'tcp']);
    const hex = lane(page, 0).getByTestId('hex-view');
    // 62 bytes: four lines of sixteen.
    expect(await hex.getAttribute('data-line-count')).toBe('4');
  });

  it('highlights the bytes of a selected field, and selects the innermost field of a clicked byte', async () => {
    const { page } = app;
    const tree = lane(page, 0).getByTestId('details-tree');
    await tree.locator('[data-kind="layer"][data-field-id="ip"]').click();
    await page.keyboard.press('ArrowRight');
    await tree.locator('[data-field-id="ip.src"]').click();
    const hex = lane(page, 0).getByTestId('hex-view');
    const highlighted = await hex
      .locator('[data-column="hex"][data-selected="true"]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-offset'))));
    // Ethernet (14 bytes) then the IPv4 source address at offset 12 of its header.
    expect(highlighted).toEqual([26, 27, 28, 29]);
    await screenshot(page, '2-field-selected');

    // Byte 36 is the first byte of the TCP destination port (14 + 20 + 2).
    await hex.locator('[data-column="hex"][data-offset="36"]').click();
    await expect
      .poll(() => tree.locator('[aria-selected="true"]').getAttribute('data-field-id'))
      .toBe('tcp.dstport');
  });

  it('shows a reassembled HTTP response as its own bytes tab, and highlights a field there', async () => {
    const { page } = app;
    // Frame 38 completes an 18,364-byte response that began in frame 26 (tshark: tcp.reassembled.length).
    await lane(page, 0).getByRole('grid').press('Home');
    await lane(page, 0).getByRole('grid').press('End');
    await lane(page, 0).locator('.pt-row[data-number="38"]').click();
    const tree = lane(page, 0).getByTestId('details-tree');
    await tree.locator('[data-kind="layer"][data-field-id="http"]').click();
    // Open the layer, step onto its status line, open that: the status code is under it.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
    const tabs = lane(page, 0).getByTestId('hex-tab');
    await expect
      .poll(() => tabs.evaluateAll((t) => t.map((e) => e.getAttribute('data-source'))))
      .toEqual(['Frame', 'Reassembled TCP (18364 bytes)']);
    await tree.locator('[data-field-id="http.response.code"]').click();
    const pane = lane(page, 0).getByTestId('hex-pane');
    await expect.poll(() => pane.getAttribute('data-source')).toBe('Reassembled TCP (18364 bytes)');
    const highlighted = await pane.locator('[data-column="ascii"][data-selected="true"]').allTextContents();
    // "HTTP/1.1 200 OK": the status code is bytes 9 to 11 of the reassembled response.
    expect(highlighted.join('')).toBe('200');
    await lane(page, 0).getByRole('grid').press('Home');
  });

  it('opens a second capture beside the first; selecting a frame moves the other lane to the nearest time', async () => {
    const { page } = app;
    await openCapture(page, capturePath(METHODS));
    await expect.poll(() => page.getByTestId('lane').count()).toBe(2);
    const second = lane(page, 1).getByTestId('packet-table');
    await expect.poll(() => second.getAttribute('data-total')).toBe(String(expectedRows(METHODS).length));
    const [left, right] = await Promise.all([lane(page, 0).boundingBox(), lane(page, 1).boundingBox()]);
    expect(right!.x).toBeGreaterThanOrEqual(left!.x + left!.width - 1);

    const chosen = 10;
    await lane(page, 0).locator(`.pt-row[data-position="${chosen}"]`).click();
    const nearest = nearestByTime(expectedRows(HTTP)[chosen]!['frame.time_epoch']!, expectedRows(METHODS));
    await expect
      .poll(() => second.locator('.pt-row[data-cursor]').getAttribute('data-number'))
      .toBe(String(nearest));
    await screenshot(page, '3-two-lanes');
  });

  it('sorts a lane by Length in the engine', async () => {
    const { page } = app;
    const table = lane(page, 0).getByTestId('packet-table');
    await table.getByRole('columnheader', { name: 'Length' }).getByRole('button').click();
    await lane(page, 0).getByRole('grid').press('Home');
    const lengths = expectedRows(HTTP).map((row) => Number(row['frame.len']));
    const sorted = [...lengths].sort((a, b) => a - b);
    const header = table.getByRole('columnheader', { name: 'Length' });
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => visibleColumn(table, 'length')).toEqual(sorted.slice(0, 10).map(String));
  });

  it('saves the lanes as pcapng, and the saved file re-opens with identical frames', async () => {
    const { page } = app;
    const path = join(mkdtempSync(join(tmpdir(), 'hh-e2e-')), 'saved.pcapng');
    await page.keyboard.press('Control+Shift+S');
    const prompt = page.getByTestId('path-prompt');
    await prompt.getByRole('textbox').fill(path);
    await prompt.getByRole('button', { name: 'Save' }).click();
    const total = expectedRows(HTTP).length + expectedRows(METHODS).length;
    await expect.poll(() => page.getByTestId('notices').textContent()).toContain(`Saved ${total} frames`);
    await openCapture(page, path);
    await expect.poll(() => page.getByTestId('lane').count()).toBe(3);
    await expect
      .poll(() => lane(page, 2).getByTestId('packet-table').getAttribute('data-total'))
      .toBe(String(total));
    // tshark, not Hammerhead, says the frames are the same: time, length and bytes of each.
    const frames = (file: string) =>
      spawnSync(
        'tshark',
        [
          '-r',
          file,
          '-T',
          'fields',
          '-e',
          'frame.time_epoch',
          '-e',
          'frame.len',
          '-e',
          'frame.md5_hash',
          '-o',
          'frame.generate_md5_hash:TRUE',
        ],
        { encoding: 'utf8' },
      )
        .stdout.trim()
        .split('\n');
    const original = [...frames(capturePath(HTTP)), ...frames(capturePath(METHODS))].sort();
    expect(frames(path).sort()).toEqual(original);
  });

  it('moves the selection with the keyboard: End, PageUp, Home, arrows', async () => {
    const { page } = app;
    const table = lane(page, 0).getByTestId('packet-table');
    const selectedNumber = () => table.locator('.pt-row[aria-selected="true"]').getAttribute('data-number');
    await table.getByRole('columnheader', { name: 'Length' }).getByRole('button').click(); // descending
    await table.getByRole('columnheader', { name: 'Length' }).getByRole('button').click(); // unsorted
    await expect
      .poll(() => table.getByRole('columnheader', { name: 'Length' }).getAttribute('aria-sort'))
      .toBe('none');
    const grid = table.getByRole('grid');
    const total = expectedRows(HTTP).length;
    await grid.press('End');
    await expect.poll(selectedNumber).toBe(String(total));
    await grid.press('Home');
    await expect.poll(selectedNumber).toBe('1');
    await grid.press('ArrowDown');
    await grid.press('ArrowDown');
    await expect.poll(selectedNumber).toBe('3');
    await grid.press('PageDown');
    const afterPage = Number(await selectedNumber());
    expect(afterPage).toBeGreaterThan(5);
    await grid.press('PageUp');
    await expect.poll(selectedNumber).toBe('3');
  });

  it('hides a column from the header menu, and shows time as the delta to the previous row', async () => {
    const { page } = app;
    const table = lane(page, 0).getByTestId('packet-table');
    await table.getByRole('columnheader', { name: 'Protocol' }).click({ button: 'right' });
    await page
      .getByRole('menu', { name: 'Columns' })
      .getByRole('menuitemcheckbox', { name: 'Protocol' })
      .click();
    await page.locator('.pt-menu-backdrop').click();
    await expect
      .poll(() => table.getByRole('columnheader').allTextContents())
      .toEqual(['No.', 'Time', 'Source', 'Destination', 'Length', 'Info']);
    await page.getByRole('combobox', { name: 'Time format' }).selectOption('delta');
    const [one, two] = expectedRows(HTTP).map((row) => row['frame.time_epoch']!);
    const delta = (BigInt(two!.replace('.', '')) - BigInt(one!.replace('.', '')))
      .toString()
      .padStart(10, '0');
    const expected = `${delta.slice(0, -9)}.${delta.slice(-9, -3)}`;
    await expect
      .poll(() => table.locator('.pt-row[data-position="1"] .pt-time').textContent())
      .toBe(expected);
    await page.getByRole('combobox', { name: 'Time format' }).selectOption('relative');
  });

  it('opens a file dropped on the window (uploaded to the web host, as a browser has no path)', async () => {
    const { page } = app;
    const bytes = readFileSync(capturePath(TCP_NANO)).toString('base64');
    await page.evaluate(
      ([name, base64]) => {
        const data = Uint8Array.from(atob(base64!), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], name!));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
      },
      [TCP_NANO, bytes],
    );
    const dropped = page.getByTestId('lane').filter({ hasText: TCP_NANO });
    await expect
      .poll(() => dropped.getByTestId('packet-table').getAttribute('data-total'))
      .toBe(String(expectedRows(TCP_NANO).length));
  });

  it('opens a truncated file: a clear error, and every frame before the damage', async () => {
    const { page } = app;
    for (let i = (await page.getByTestId('lane').count()) - 1; i >= 0; i--) {
      await lane(page, i)
        .getByRole('button', { name: /^Close lane/ })
        .click();
    }
    await openCapture(page, capturePath(TRUNCATED));
    await expect
      .poll(() => lane(page, 0).getByTestId('lane-error').textContent())
      .toMatch(/ends inside a pcap record/);
    await expect
      .poll(() => lane(page, 0).getByTestId('packet-table').getAttribute('data-total'))
      .toBe(String(expectedRows(TRUNCATED).length));
    await expect.poll(() => page.getByTestId('status-bar').textContent()).toContain(TRUNCATED);
    await screenshot(page, '4-truncated');
  });
});

function nearestByTime(epoch: string, rows: readonly Record<string, string>[]): number {
  const t = Number(epoch);
  let best = 0;
  rows.forEach((row, i) => {
    if (Math.abs(Number(row['frame.time_epoch']) - t) < Math.abs(Number(rows[best]!['frame.time_epoch']) - t))
      best = i;
  });
  return best + 1;
}

async function visibleColumn(table: import('playwright-core').Locator, column: string): Promise<string[]> {
  const cells = await table.locator('.pt-row').evaluateAll(
    (rows, column) =>
      rows
        .map(
          (row) =>
            [
              Number(row.getAttribute('data-position')),
              row.querySelector(`.pt-${column}`)?.textContent ?? '',
            ] as const,
        )
        .sort((a, b) => a[0] - b[0])
        .map(([, text]) => text),
    column,
  );
  return cells.slice(0, 10);
}
