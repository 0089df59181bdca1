import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineSupervisor } from './engine-supervisor.js';

const fake = vi.hoisted(() => ({
  app: null as unknown as import('node:events').EventEmitter & { quit: ReturnType<typeof vi.fn> },
  showMessageBox: vi.fn(),
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  fake.app = Object.assign(new Emitter(), { quit: vi.fn() });
  return { app: fake.app, dialog: { showMessageBox: fake.showMessageBox }, BrowserWindow: class {} };
});

const { askToRestartEngine, stopEngineOnQuit } = await import('./lifecycle.js');

function engine(running: boolean) {
  let release: () => void = () => undefined;
  const stub = {
    running,
    start: vi.fn(),
    stop: vi.fn(() => new Promise<void>((resolve) => (release = resolve))),
  };
  return { stub, supervisor: stub as unknown as EngineSupervisor, release: () => release() };
}

describe('app lifecycle', () => {
  beforeEach(() => {
    fake.app.removeAllListeners();
    fake.app.quit.mockReset();
  });

  it('holds the quit until the engine has stopped, then quits', async () => {
    const { stub, supervisor, release } = engine(true);
    stopEngineOnQuit(supervisor);
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(stub.stop).toHaveBeenCalled();
    expect(fake.app.quit).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
  });

  it('lets the quit through once the engine is not running', () => {
    const { stub, supervisor } = engine(false);
    stopEngineOnQuit(supervisor);
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(stub.stop).not.toHaveBeenCalled();
  });

  it('asks whether to restart an engine that keeps crashing', async () => {
    const restart = engine(false);
    fake.showMessageBox.mockResolvedValueOnce({ response: 0 });
    await askToRestartEngine(
      'the engine stopped unexpectedly (exit code 134), 4 times within 60 s',
      restart.supervisor,
    );
    expect(restart.stub.start).toHaveBeenCalled();
    const options = fake.showMessageBox.mock.calls[0]?.[0] as { detail: string; buttons: string[] };
    expect(options.detail).toMatch(/^The engine stopped unexpectedly/);
    expect(options.buttons).toEqual(['Restart Engine', 'Quit']);

    const quit = engine(false);
    fake.showMessageBox.mockResolvedValueOnce({ response: 1 });
    await askToRestartEngine('x', quit.supervisor);
    expect(quit.stub.start).not.toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalled();
  });
});
