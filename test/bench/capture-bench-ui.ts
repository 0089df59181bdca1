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

interface Frame {
  duration: number;
  /** Time the page's own scripts ran in it; the rest is rendering, or waiting for a core. */
  script: number;
  /** Style and layout, from the entry's styleAndLayoutStart to its end. */
  layout: number;
  /** When in the frame rendering began (renderStart - startTime): work before it is the task's. */
  beforeRender: number;
  /** What ran the longest script (`WebSocket.onmessage`, a timer…) and its function. */
  invoker: string;
}

async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: Frame[] };
    w.__frames = [];
    // TypeScript's DOM library does not describe long-animation-frame entries yet.
    type Entry = {
      startTime: number;
      duration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: { duration: number; invoker: string; sourceFunctionName: string }[];
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Entry[])
        w.__frames.push({
          duration: entry.duration,
          script: entry.scripts.reduce((sum, s) => sum + s.duration, 0),
          layout:
            entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
          beforeRender: entry.renderStart > 0 ? entry.renderStart - entry.startTime : entry.duration,
          invoker: entry.scripts
            .slice()
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 1)
            .map((s) => `${s.invoker} ${s.sourceFunctionName}`)
            .join(''),
        });
    }).observe({ type: 'long-animation-frame' });
  });
}

async function longestFrame(page: Page): Promise<Frame> {
  const none: Frame = { duration: 0, script: 0, layout: 0, beforeRender: 0, invoker: '' };
  return page.evaluate(
    (first) =>
      (globalThis as unknown as { __frames: Frame[] }).__frames.reduce(
        (a, b) => (b.duration > a.duration ? b : a),
        first,
      ),
    none,
  );
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
      `longest frame ${longest.duration.toFixed(0)} ms (scripts ${longest.script.toFixed(0)} ms, ` +
      `task before rendering ${longest.beforeRender.toFixed(0)} ms, style and layout ${longest.layout.toFixed(0)} ms` +
      `${longest.invoker ? `, longest script: ${longest.invoker}` : ''}) ` +
      `(bound 50 ms; 0 = none reached 50) ${ok(longest.duration < 50)}${error}`
    );
  } finally {
    await app.close();
  }
}
