import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  windows: [] as unknown[],
  load: vi.fn<(path: string) => Promise<void>>(),
  showErrorBox: vi.fn(),
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    shown = false;
    constructor(readonly options: unknown) {
      super();
      fake.windows.push(this);
    }
    loadFile(path: string): Promise<void> {
      return fake.load(path);
    }
    show(): void {
      this.shown = true;
    }
  }
  return { BrowserWindow, dialog: { showErrorBox: fake.showErrorBox }, app: { getAppPath: () => '/app' } };
});

const { createMainWindow, mainWindowOptions } = await import('./window.js');
const { appPaths } = await import('./paths.js');

interface FakeWindow extends EventEmitter {
  shown: boolean;
  options: unknown;
}

describe('main window', () => {
  const paths = appPaths('/app');
  beforeEach(() => {
    fake.windows.length = 0;
    fake.load.mockReset().mockResolvedValue(undefined);
  });

  it('runs the renderer isolated, sandboxed, without Node or webviews, with the built preload', () => {
    expect(mainWindowOptions(paths).webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads the built page from disk and shows the window once it is ready', () => {
    createMainWindow(paths);
    const window = fake.windows[0] as FakeWindow;
    expect(window.options).toEqual(mainWindowOptions(paths));
    expect(fake.load).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('says why when the page cannot load', async () => {
    fake.load.mockRejectedValue(new Error('ERR_FILE_NOT_FOUND'));
    createMainWindow(paths);
    await vi.waitFor(() => expect(fake.showErrorBox).toHaveBeenCalled());
    expect(String(fake.showErrorBox.mock.calls[0]?.[1])).toContain('ERR_FILE_NOT_FOUND');
    expect((fake.windows[0] as FakeWindow).shown).toBe(true);
  });
});
