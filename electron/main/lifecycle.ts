/**
 * App lifecycle around the one main window: a single instance, the window's life (reopened on
 * macOS's dock click, quit when closed elsewhere), and the engine's end with the app.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { EngineSupervisor } from './engine-supervisor.js';
import type { AppPaths } from './paths.js';
import { createMainWindow } from './window.js';

/** False in a second instance, which has already asked the first to come forward and quits. */
export function keepSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

export interface MainWindowRef {
  readonly current: () => BrowserWindow | null;
}

export function manageMainWindow(paths: AppPaths, engine: EngineSupervisor): MainWindowRef {
  let window: BrowserWindow | null = null;
  const open = (): void => {
    const opened = createMainWindow(paths);
    window = opened;
    engine.attach(opened.webContents);
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
  };
  open();
  app.on('activate', () => {
    if (!window) open();
  });
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  return { current: () => window };
}

/** Holds the quit until the engine has released its spool files (or was killed). */
export function stopEngineOnQuit(engine: EngineSupervisor): void {
  app.on('will-quit', (event) => {
    if (!engine.running) return;
    event.preventDefault();
    void engine.stop().finally(() => app.quit());
  });
}

/** The engine keeps crashing: let the user choose between one more try and quitting. */
export async function askToRestartEngine(reason: string, engine: EngineSupervisor): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    message: 'The Hammerhead engine keeps stopping',
    detail: `${reason[0]?.toUpperCase() ?? ''}${reason.slice(1)}. Open captures were closed.`,
    buttons: ['Restart Engine', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0) engine.start();
  else app.quit();
}
