import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const fake = vi.hoisted(() => ({
  handlers: new Map<string, unknown>(),
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
}));

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: unknown) => fake.handlers.set(channel, handler) },
  dialog: { showOpenDialog: fake.showOpenDialog, showSaveDialog: fake.showSaveDialog },
  app: { getPath: () => '/home/user/Documents', getAppPath: () => '/app' },
}));

const { registerShellIpc, saveName } = await import('./ipc.js');

const PAGE = 'file:///app/out/renderer/index.html';

function makeWindow() {
  const mainFrame = { url: PAGE, parent: null };
  const webContents = { mainFrame };
  return { webContents, isDestroyed: () => false };
}

const window = makeWindow();
registerShellIpc({ window: () => window as unknown as BrowserWindow, pageUrl: PAGE });

const handler = (channel: string): Handler => fake.handlers.get(channel) as Handler;
const fromMainFrame = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

describe('shell IPC', () => {
  beforeEach(() => {
    fake.showOpenDialog
      .mockReset()
      .mockResolvedValue({ canceled: false, filePaths: ['/c/a.pcap', '/c/b.pcapng'] });
    fake.showSaveDialog.mockReset().mockResolvedValue({ canceled: false, filePath: '/c/out.pcapng' });
  });

  it('opens the native Open dialog for the main window: captures first, several files', async () => {
    await expect(handler('shell.open-dialog')(fromMainFrame())).resolves.toEqual([
      '/c/a.pcap',
      '/c/b.pcapng',
    ]);
    const [parent, options] = fake.showOpenDialog.mock.calls[0] as [unknown, OpenDialogOptions];
    expect(parent).toBe(window);
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters).toEqual([
      { name: 'Packet captures', extensions: ['pcap', 'pcapng', 'cap'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('answers [] and null when the dialogs are cancelled', async () => {
    fake.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    fake.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await expect(handler('shell.open-dialog')(fromMainFrame())).resolves.toEqual([]);
    await expect(handler('shell.save-dialog')(fromMainFrame(), 'x')).resolves.toBeNull();
  });

  it('suggests a .pcapng name in Documents and answers the path as chosen', async () => {
    fake.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/c/typed' });
    await expect(handler('shell.save-dialog')(fromMainFrame(), 'front.pcap')).resolves.toBe('/c/typed');
    const options = fake.showSaveDialog.mock.calls[0]?.[1] as SaveDialogOptions;
    expect(options.defaultPath).toBe('/home/user/Documents/front.pcapng');
    expect(options.filters).toEqual([{ name: 'pcapng', extensions: ['pcapng'] }]);
  });

  it('refuses another web contents', async () => {
    const other = makeWindow();
    const event = { sender: other.webContents, senderFrame: other.webContents.mainFrame };
    await expect(handler('shell.open-dialog')(event)).rejects.toThrow(/refused/);
    await expect(handler('shell.save-dialog')(event, 'x')).rejects.toThrow(/refused/);
    expect(fake.showOpenDialog).not.toHaveBeenCalled();
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses a subframe, a foreign URL in the top frame, and a frame that is gone', async () => {
    const open = handler('shell.open-dialog');
    const subframe = {
      sender: window.webContents,
      senderFrame: { url: PAGE, parent: window.webContents.mainFrame },
    };
    await expect(open(subframe)).rejects.toThrow(/refused/);
    const navigated = { url: 'https://example.com/', parent: null };
    const foreign = { sender: { mainFrame: navigated }, senderFrame: navigated };
    await expect(open(foreign)).rejects.toThrow(/refused/);
    window.webContents.mainFrame.url = 'https://example.com/';
    await expect(open(fromMainFrame())).rejects.toThrow(/refused/);
    window.webContents.mainFrame.url = PAGE;
    await expect(open({ sender: window.webContents, senderFrame: null })).rejects.toThrow(/refused/);
    expect(fake.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses invalid arguments', async () => {
    const save = handler('shell.save-dialog');
    await expect(save(fromMainFrame())).rejects.toThrow(/invalid arguments/);
    await expect(save(fromMainFrame(), 42)).rejects.toThrow(/invalid arguments/);
    await expect(save(fromMainFrame(), 'x'.repeat(256))).rejects.toThrow(/invalid arguments/);
    await expect(handler('shell.open-dialog')(fromMainFrame(), '/etc')).rejects.toThrow(/invalid arguments/);
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
  });

  it('opens the native dialog for one TLS key log, hidden files shown', async () => {
    fake.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/home/u/.ssl-keys.log'] });
    await expect(handler('shell.key-log-dialog')(fromMainFrame())).resolves.toBe('/home/u/.ssl-keys.log');
    const [parent, options] = fake.showOpenDialog.mock.calls[0] as [unknown, OpenDialogOptions];
    expect(parent).toBe(window);
    expect(options.properties).toEqual(['openFile', 'showHiddenFiles']);
    expect(options.filters?.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
    fake.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await expect(handler('shell.key-log-dialog')(fromMainFrame())).resolves.toBeNull();
  });

  it('refuses the key log dialog to anyone but the main window’s own top frame, and any argument', async () => {
    const keyLog = handler('shell.key-log-dialog');
    const other = makeWindow();
    await expect(
      keyLog({ sender: other.webContents, senderFrame: other.webContents.mainFrame }),
    ).rejects.toThrow(/refused/);
    const subframe = { url: PAGE, parent: window.webContents.mainFrame };
    await expect(keyLog({ sender: window.webContents, senderFrame: subframe })).rejects.toThrow(/refused/);
    await expect(keyLog({ sender: window.webContents, senderFrame: null })).rejects.toThrow(/refused/);
    window.webContents.mainFrame.url = 'https://example.com/';
    await expect(keyLog(fromMainFrame())).rejects.toThrow(/refused/);
    window.webContents.mainFrame.url = PAGE;
    await expect(keyLog(fromMainFrame(), '/etc/shadow')).rejects.toThrow(/invalid arguments/);
    expect(fake.showOpenDialog).not.toHaveBeenCalled();
  });

  it('keeps a suggested name a bare file name', () => {
    expect(saveName('../../etc/passwd')).toBe('passwd.pcapng');
    expect(saveName('C:\\Users\\x\\back.cap')).toBe('back.pcapng');
    expect(saveName('..')).toBe('capture.pcapng');
    expect(saveName('a\u0000b.pcapng')).toBe('ab.pcapng');
    expect(saveName('session')).toBe('session.pcapng');
  });
});
