/**
 * The application menu. Items that act on the page's state (open, TLS keys, save, close a lane, time format)
 * send a `ShellCommand` to the focused window, whose renderer does the work; the rest are roles.
 */
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { IPC, type ShellCommand } from '../../shared/contract/bridge.js';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Reload and DevTools are for development builds only. */
  readonly isDev: boolean;
  readonly appName: string;
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options, sendCommand)));
}

/** Sends a menu command to the focused window's page (none when no window has focus). */
export function sendCommand(command: ShellCommand): void {
  BrowserWindow.getFocusedWindow()?.webContents.send(IPC.command, command);
}

export function menuTemplate(
  options: MenuOptions,
  send: (command: ShellCommand) => void,
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (label: string, command: ShellCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => send(command),
    ...(accelerator ? { accelerator } : {}),
  });
  const file: MenuItemConstructorOptions[] = [
    item('Open…', 'file.open', 'CmdOrCtrl+O'),
    { type: 'separator' },
    item('Load TLS Key Log…', 'keys.load'),
    item('Launch Browser with Key Logging…', 'keys.launch-browser'),
    { type: 'separator' },
    item('Save', 'file.save', 'CmdOrCtrl+S'),
    item('Save As…', 'file.save-as', 'Shift+CmdOrCtrl+S'),
    { type: 'separator' },
    item('Close Lane', 'lane.close', 'CmdOrCtrl+W'),
    // On macOS Quit lives in the app menu.
    ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
  ];
  return [
    ...(mac ? [{ label: options.appName, role: 'appMenu' } as const] : []),
    { label: 'File', submenu: file },
    { role: 'editMenu' },
    { label: 'View', submenu: viewMenu(options, send) },
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    { role: 'help', submenu: [{ role: 'about', label: `About ${options.appName}` }] },
  ];
}

function viewMenu(options: MenuOptions, send: (command: ShellCommand) => void): MenuItemConstructorOptions[] {
  const format = (label: string, command: ShellCommand, checked = false): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked,
    click: () => send(command),
  });
  return [
    {
      label: 'Time Format',
      submenu: [
        format('Absolute (Time of Day)', 'view.time.absolute'),
        // Wireshark's default: seconds since the first frame.
        format('Relative to First Frame', 'view.time.relative', true),
        format('Delta from Previous Frame', 'view.time.delta'),
      ],
    },
    { type: 'separator' },
    ...(options.isDev
      ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
      : []),
    { role: 'togglefullscreen' },
  ];
}
