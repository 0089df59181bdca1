/**
 * App lifecycle around the one main window: a single instance, the window's life (reopened on
 * macOS's dock click, quit when closed elsewhere), and the engine's end with the app.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { EngineSupervisor } from './engine-supervisor.js';
import { FileOpener } from './file-opener.js';
import type { AppPaths } from './paths.js';
import { createMainWindow } from './window.js';

/**
 * Paths the OS hands over: on the command line of this instance, and (macOS) `open-file` events,
 * which can arrive before the app is ready, so this is registered first.
 */
export function receiveOpenedFiles(opener: FileOpener): void {
  app.on('open-file', (event, path) => {
    event.preventDefault();
    opener.open([path]);
  });
  // `electron .` in a checkout has the app path as its first argument; a packaged app does not.
  opener.open(FileOpener.pathsIn(process.argv, process.cwd(), app.isPackaged ? 1 : 2));
}

/** False in a second instance, which has already asked the first to come forward and quits. */
export function keepSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

export interface MainWindowRef {
  readonly current: () => BrowserWindow | null;
}

export function manageMainWindow(
  paths: AppPaths,
  engine: EngineSupervisor,
  opener: FileOpener,
): MainWindowRef {
  let window: BrowserWindow | null = null;
  const open = (): void => {
    const opened = createMainWindow(paths);
    window = opened;
    engine.attach(opened.webContents);
    opener.attach(opened.webContents);
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
  };
  open();
  app.on('activate', () => {
    if (!window) open();
  });
  app.on('second-instance', (_event, argv, cwd) => {
    opener.open(FileOpener.pathsIn(argv, cwd, 1));
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
