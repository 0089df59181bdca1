/**
 * Where the built app's pieces live, relative to the app root (the asar when packaged), and which
 * URL is the app's own page: the one page allowed to load, navigate and call the shell IPC.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app } from 'electron';

export interface AppPaths {
  readonly preload: string;
  readonly page: string;
  /** `file://` URL of `page`. */
  readonly pageUrl: string;
  readonly engine: string;
  /** The bundled sample captures: beside the asar when packaged (extraResources), assets/ in a checkout. */
  readonly samples: string;
}

export function appPaths(
  root: string = app.getAppPath(),
  resources: string | null = app.isPackaged ? process.resourcesPath : null,
): AppPaths {
  const page = join(root, 'out', 'renderer', 'index.html');
  return {
    preload: join(root, 'out', 'preload', 'index.cjs'),
    page,
    pageUrl: pathToFileURL(page).href,
    engine: join(root, 'out', 'main', 'engine.js'),
    samples: resources === null ? join(root, 'assets', 'samples') : join(resources, 'samples'),
  };
}

/** True for the app's page itself, whatever its query or fragment (the renderer may route with them). */
export function isAppPage(url: string, pageUrl: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
    return fileURLToPath(parsed) === fileURLToPath(pageUrl);
  } catch {
    // Not a URL, or a file URL no path can come from (an encoded '/'): not the app's page.
    return false;
  }
}
