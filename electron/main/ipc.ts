/**
 * The shell calls the preload may make of main: the native Open, Save and key log dialogs. Each handler
 * first checks who is asking (the main window's own top frame, on the app's own page: not another
 * window, not a subframe, not a page it navigated to) and then the arguments.
 */
import { basename, join } from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { IPC } from '../../shared/contract/bridge.js';
import { isAppPage } from './paths.js';

export interface ShellIpcOptions {
  /** The window whose page may use the shell, if it is open. */
  readonly window: () => BrowserWindow | null;
  readonly pageUrl: string;
}

const CAPTURE_FILTERS = [
  { name: 'Packet captures', extensions: ['pcap', 'pcapng', 'cap'] },
  { name: 'All files', extensions: ['*'] },
];
const SAVE_EXTENSION = '.pcapng';
// Browsers write SSLKEYLOGFILE wherever the user pointed it, often a dotfile: any name goes.
const KEY_LOG_FILTERS = [
  { name: 'TLS key logs', extensions: ['log', 'txt', 'keys', 'keylog'] },
  { name: 'All files', extensions: ['*'] },
];

const NoArgs = z.tuple([]);
const SaveArgs = z.tuple([z.string().min(1).max(255)]);

export function registerShellIpc(options: ShellIpcOptions): void {
  ipcMain.handle(
    IPC.openDialog,
    guarded(options, NoArgs, (window) => showOpen(window)),
  );
  ipcMain.handle(
    IPC.keyLogDialog,
    guarded(options, NoArgs, (window) => showOpenKeyLog(window)),
  );
  ipcMain.handle(
    IPC.saveDialog,
    guarded(options, SaveArgs, (window, [name]) => showSave(window, name)),
  );
}

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | null,
  pageUrl: string,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  // senderFrame is null once the frame navigated away or was destroyed: nobody to trust.
  if (!frame || frame.parent !== null) return false;
  return isAppPage(frame.url, pageUrl);
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function guarded<A>(
  options: ShellIpcOptions,
  schema: z.ZodType<A>,
  handle: (window: BrowserWindow, args: A) => Promise<unknown>,
): Handler {
  return async (event, ...args) => {
    const window = options.window();
    if (!window || !isTrustedSender(event, window, options.pageUrl)) {
      throw new Error('refused: this shell call is only for the main window');
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success)
      throw new Error(`refused: invalid arguments (${parsed.error.issues[0]?.message ?? ''})`);
    return handle(window, parsed.data);
  };
}

async function showOpen(window: BrowserWindow): Promise<string[]> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Open capture',
    properties: ['openFile', 'multiSelections'],
    filters: CAPTURE_FILTERS,
  });
  return result.canceled ? [] : result.filePaths;
}

async function showOpenKeyLog(window: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Load TLS key log',
    properties: ['openFile', 'showHiddenFiles'],
    filters: KEY_LOG_FILTERS,
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function showSave(window: BrowserWindow, suggestedName: string): Promise<string | null> {
  const result = await dialog.showSaveDialog(window, {
    title: 'Save capture',
    defaultPath: join(app.getPath('documents'), saveName(suggestedName)),
    filters: [{ name: 'pcapng', extensions: ['pcapng'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  // The path as the user typed it: that is the file the dialog confirmed overwriting.
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The suggested name as a bare file name ending in .pcapng (what Save writes). */
export function saveName(suggested: string): string {
  const name = basename(suggested.replace(/\\/g, '/')).replace(/[\p{Cc}]/gu, '');
  const stem = name.replace(/\.(pcapng|pcap|cap)$/i, '');
  return (stem === '' || stem === '.' || stem === '..' ? 'capture' : stem) + SAVE_EXTENSION;
}
