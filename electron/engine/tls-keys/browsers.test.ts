import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowsers } from './browsers.js';

const dir = mkdtempSync(join(tmpdir(), 'hammerhead-browsers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stub(path: string, executable = true): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe('findBrowsers', () => {
  it('finds one browser of each kind on PATH, by the first of its commands found there', () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    stub(join(first, 'chromium'), false); // not executable: not a browser
    const chromium = stub(join(first, 'chromium-browser'));
    stub(join(second, 'chromium'));
    const chrome = stub(join(second, 'google-chrome-stable'));
    const firefox = stub(join(second, 'firefox'));
    mkdirSync(join(first, 'google-chrome')); // a directory is not an executable
    const found = findBrowsers({ path: [first, '', second].join(delimiter), platform: 'linux' });
    expect(found).toEqual([
      { kind: 'chromium', name: 'Chromium', path: join(second, 'chromium') },
      { kind: 'chrome', name: 'Google Chrome', path: chrome },
      { kind: 'firefox', name: 'Firefox', path: firefox },
    ]);
    // By command first: `chromium` anywhere on PATH before `chromium-browser`.
    expect(found[0]?.path).not.toBe(chromium);
  });

  it('finds app bundles on macOS, before PATH', () => {
    const home = join(dir, 'home');
    const bundle = stub(join(home, 'Applications', 'Firefox.app', 'Contents', 'MacOS', 'firefox'));
    const bin = join(dir, 'mac-bin');
    stub(join(bin, 'firefox'));
    const applications = [join(dir, 'none'), join(home, 'Applications')];
    expect(findBrowsers({ path: bin, platform: 'darwin', applications })).toEqual([
      { kind: 'firefox', name: 'Firefox', path: bundle },
    ]);
    expect(findBrowsers({ path: '', platform: 'linux', applications })).toEqual([]);
  });
});
