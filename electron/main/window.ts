/**
 * The main window: the renderer runs sandboxed, context-isolated, without Node, and reaches its
 * host only through the preload's `window.hammerhead`.
 */
import { BrowserWindow, dialog, type BrowserWindowConstructorOptions } from 'electron';
import type { AppPaths } from './paths.js';

export function mainWindowOptions(paths: AppPaths): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 480,
    title: 'Hammerhead',
    // Shown once painted, so the window never flashes blank.
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // A file dropped outside the drop zone would otherwise replace the app's page.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export function createMainWindow(paths: AppPaths): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(paths));
  window.once('ready-to-show', () => window.show());
  window.loadFile(paths.page).catch((error: unknown) => {
    // Without its page the window is an empty frame: say why instead of showing nothing.
    window.show();
    dialog.showErrorBox('Hammerhead could not load its window', `${paths.page}\n\n${String(error)}`);
  });
  return window;
}
