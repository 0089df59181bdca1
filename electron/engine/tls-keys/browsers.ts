/**
 * Browsers on this machine that write a TLS key log when SSLKEYLOGFILE is set: Chrome, Chromium
 * (both BoringSSL) and Firefox (NSS). Found on PATH under their usual command names, and on macOS
 * in the app bundles, which are not on PATH. One of each kind: launching asks for a kind.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { BrowserKind } from '../../../shared/contract/tls-channels.js';

export interface Browser {
  readonly kind: BrowserKind;
  readonly name: string;
  /** The executable (for an app bundle, the binary inside it). */
  readonly path: string;
}

/** Where to look; tests give a PATH of stubs and no bundles. */
export interface BrowserSearch {
  readonly path?: string;
  readonly platform?: NodeJS.Platform;
  /** macOS: folders holding app bundles (/Applications and ~/Applications by default). */
  readonly applications?: readonly string[];
}

const COMMANDS: readonly (readonly [command: string, kind: BrowserKind, name: string])[] = [
  ['chromium', 'chromium', 'Chromium'],
  ['chromium-browser', 'chromium', 'Chromium'],
  ['google-chrome', 'chrome', 'Google Chrome'],
  ['google-chrome-stable', 'chrome', 'Google Chrome'],
  ['firefox', 'firefox', 'Firefox'],
];

const BUNDLES: readonly (readonly [bundle: string, kind: BrowserKind, name: string])[] = [
  ['Google Chrome.app/Contents/MacOS/Google Chrome', 'chrome', 'Google Chrome'],
  ['Chromium.app/Contents/MacOS/Chromium', 'chromium', 'Chromium'],
  ['Firefox.app/Contents/MacOS/firefox', 'firefox', 'Firefox'],
];

export function findBrowsers(search: BrowserSearch = {}): Browser[] {
  const platform = search.platform ?? process.platform;
  const found = new Map<BrowserKind, Browser>();
  const take = (kind: BrowserKind, name: string, path: string) => {
    if (!found.has(kind) && isExecutable(path)) found.set(kind, { kind, name, path });
  };
  if (platform === 'darwin') {
    const roots = search.applications ?? ['/Applications', join(homedir(), 'Applications')];
    for (const root of roots)
      for (const [bundle, kind, name] of BUNDLES) take(kind, name, join(root, bundle));
  }
  const dirs = (search.path ?? process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const [command, kind, name] of COMMANDS) for (const dir of dirs) take(kind, name, join(dir, command));
  // Paths stay as found, symlinks included: /snap/bin/chromium links to /usr/bin/snap, which decides
  // what to run by the name it was started under.
  return [...found.values()];
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
