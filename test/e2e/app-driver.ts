/**
 * Drives the real renderer in headless Chromium through the web host, against the real engine (no
 * mock anywhere): what a user does, in the words of the stories that use it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { Engine } from '../../electron/engine/engine.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');
export const ARTIFACTS = resolve(import.meta.dirname, '../../out/e2e');
export const SAMPLES_DIR = resolve(import.meta.dirname, '../../assets/samples');
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser stories cannot run here, or null when they can. */
export function missingPrerequisite(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(resolve(RENDERER_DIR, 'index.html'))) return 'out/renderer is missing (npm run build)';
  return null;
}

export interface App {
  readonly page: Page;
  readonly engine: Engine;
  readonly host: WebHost;
  close(): Promise<void>;
}

export async function launchApp(viewport = { width: 1600, height: 900 }): Promise<App> {
  const engine = new Engine({ samplesDir: SAMPLES_DIR });
  const host = await startWebHost({ engine, rendererDir: RENDERER_DIR });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport, colorScheme: 'light' });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(host.url);
    const opened = browser;
    return {
      page,
      engine,
      host,
      async close() {
        await opened.close();
        await host.close();
        await engine.dispose();
        if (problems.length > 0) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
      },
    };
  } catch (error) {
    await browser?.close();
    await host.close();
    await engine.dispose();
    throw error;
  }
}

/** File → Open in the browser: the web host asks for a path in the page. */
export async function openCapture(page: Page, path: string): Promise<void> {
  const prompt = page.getByTestId('path-prompt');
  // React binds the shortcut in an effect after the first paint: on a loaded machine a key pressed right
  // after the page loads can come before it, so the key is pressed again until the prompt shows.
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.keyboard.press('Control+O');
    const shown = await prompt
      .waitFor({ state: 'visible', timeout: 1_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
  }
  await prompt.getByRole('textbox').fill(path);
  await prompt.getByRole('button', { name: 'Open' }).click();
}

export function lane(page: Page, index: number): Locator {
  return page.getByTestId('lane').nth(index);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
