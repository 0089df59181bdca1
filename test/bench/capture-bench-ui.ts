/**
 * The capture benchmark with the UI attached: the app in headless Chromium through the web host
 * starts a capture on lo (the helper runs in the benchmark's namespace), the packet table follows
 * the tail while the load runs, and the browser's own long-animation-frame entries give the
 * longest frame (bound: 50 ms). Frames stored must still equal tcpdump's count.
 */
import type { Page } from 'playwright-core';
import { launchApp, missingPrerequisite } from '../e2e/app-driver.js';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { setLocalCapture } from '../../electron/engine/capture/local-handlers.js';
import type { LaneId } from '../../shared/contract/index.js';
import { sendLoad } from './capture-sender.js';

const PORT = 40_001;

export function uiUnavailable(): string | null {
  return missingPrerequisite();
}

async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number[] };
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__frames.push(entry.duration);
    }).observe({ type: 'long-animation-frame' });
  });
}

async function longestFrame(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(globalThis as unknown as { __frames: number[] }).__frames));
}

async function startFromPicker(page: Page, snapLength: number): Promise<void> {
  const row = page.locator('[data-testid="interface-row"][data-name="lo"]');
  await row.getByRole('checkbox').check();
  await page.getByTestId('capture-filter').fill(`udp dst port ${PORT}`);
  await page.getByRole('textbox', { name: 'Snap length' }).fill(String(snapLength));
  await page.locator('[data-testid="capture-filter"][data-status="valid"]').waitFor();
  await page.getByRole('button', { name: 'Start capture' }).click();
  await page.getByTestId('lane').first().getByRole('button', { name: 'Stop' }).waitFor();
}

export async function measureUi(
  namespace: string,
  rate: number,
  snapLength: number,
  seconds: number,
): Promise<string> {
  const app = await launchApp({ width: 1600, height: 900 });
  const capture = new LocalCapture(app.engine, { launcher: ['ip', 'netns', 'exec', namespace] });
  setLocalCapture(app.engine, capture);
  const { page } = app;
  try {
    await startFromPicker(page, snapLength);
    await watchFrames(page);
    const sent = await sendLoad(namespace, rate, seconds, PORT);
    await new Promise((r) => setTimeout(r, 300));
    const longest = await longestFrame(page);
    const lane = page.getByTestId('lane').first();
    await lane.getByRole('button', { name: 'Stop' }).click();
    await lane.getByRole('button', { name: 'Restart' }).waitFor({ timeout: 30_000 });
    const id = Number(await lane.getAttribute('data-lane')) as LaneId;
    await capture.ended(id);
    const info = app.engine.liveLane(id)?.info();
    const stored = info?.frames ?? 0;
    const error = info?.error ? ` (lane error: ${info.error.kind}: ${info.error.message})` : '';
    const captured = capture.captured(id);
    const total = await lane.getByTestId('packet-table').getAttribute('data-total');
    const ok = (pass: boolean) => (pass ? 'OK' : 'MISSED');
    return (
      `with the UI (Chromium, table following the tail), ${Math.round(sent.sent / sent.seconds).toLocaleString('en-US')}/s for ${seconds} s, ` +
      `snap length ${snapLength}: sent ${sent.sent.toLocaleString('en-US')}, tcpdump captured ${captured?.toLocaleString('en-US') ?? '?'}, ` +
      `lane stored ${stored.toLocaleString('en-US')} (table shows ${total}) ${ok(stored === captured)}; ` +
      `longest frame ${longest.toFixed(0)} ms (bound 50 ms; 0 = none reached 50) ${ok(longest < 50)}${error}`
    );
  } finally {
    await app.close();
  }
}
