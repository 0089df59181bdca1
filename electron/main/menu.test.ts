import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../shared/contract/bridge.js';

const fake = vi.hoisted(() => ({
  focused: null as null | { webContents: { send: (...a: unknown[]) => void } },
}));
vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => fake.focused },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
}));

const { menuTemplate, sendCommand } = await import('./menu.js');

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const find = (items: Item[], label: string): Item | undefined => items.find((item) => item.label === label);

function template(platform: NodeJS.Platform, isDev = false) {
  const sent: ShellCommand[] = [];
  const items = menuTemplate({ platform, isDev, appName: 'Hammerhead' }, (command) => sent.push(command));
  return { items, sent };
}

const click = (item: Item | undefined): void => (item?.click as () => void)();

describe('application menu', () => {
  it('File sends open, the TLS key items, save, save as and close lane with their accelerators', () => {
    const { items, sent } = template('linux');
    const file = submenu(find(items, 'File'));
    const expected: [string, string | undefined, ShellCommand][] = [
      ['Open…', 'CmdOrCtrl+O', 'file.open'],
      ['Load TLS Key Log…', undefined, 'keys.load'],
      ['Launch Browser with Key Logging…', undefined, 'keys.launch-browser'],
      ['Save', 'CmdOrCtrl+S', 'file.save'],
      ['Save As…', 'Shift+CmdOrCtrl+S', 'file.save-as'],
      ['Close Lane', 'CmdOrCtrl+W', 'lane.close'],
    ];
    for (const [label, accelerator] of expected) expect(find(file, label)?.accelerator).toBe(accelerator);
    for (const [label] of expected) click(find(file, label));
    expect(sent).toEqual(expected.map(([, , command]) => command));
    expect(file.at(-1)?.role).toBe('quit');
  });

  it('View has the time formats as radio items, and development items only in development', () => {
    const { items, sent } = template('linux');
    const view = submenu(find(items, 'View'));
    const formats = submenu(find(view, 'Time Format'));
    expect(formats.map((item) => item.type)).toEqual(['radio', 'radio', 'radio']);
    for (const item of formats) click(item);
    expect(sent).toEqual(['view.time.absolute', 'view.time.relative', 'view.time.delta']);
    expect(view.map((item) => item.role)).not.toContain('toggleDevTools');
    expect(view.map((item) => item.role)).toContain('togglefullscreen');
    const dev = submenu(find(template('linux', true).items, 'View'));
    expect(dev.map((item) => item.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has Edit roles and Help > About everywhere, and the app and Window menus on macOS', () => {
    const linux = template('linux').items;
    expect(linux.map((item) => item.role ?? item.label)).toEqual(['File', 'editMenu', 'View', 'help']);
    expect(submenu(linux.at(-1))[0]?.role).toBe('about');
    const mac = template('darwin').items;
    expect(mac.map((item) => item.role ?? item.label)).toEqual([
      'appMenu',
      'File',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(submenu(find(mac, 'File')).map((item) => item.role)).not.toContain('quit');
  });

  it('sends a command to the focused window only', () => {
    fake.focused = null;
    expect(() => sendCommand('file.open')).not.toThrow();
    const send = vi.fn();
    fake.focused = { webContents: { send } };
    sendCommand('view.time.delta');
    expect(send).toHaveBeenCalledWith('shell.command', 'view.time.delta');
  });
});
