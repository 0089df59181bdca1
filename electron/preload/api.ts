/**
 * `window.hammerhead`: exactly `HammerheadApi` and nothing more. No ipcRenderer, no generic send:
 * the page can reach the engine through the contract's channels and main through the shell
 * calls below, each checked again in main.
 *
 * Sandboxed-preload code: it may import only `electron` and zod-free shared constants.
 */
import type { HammerheadApi, ShellApi, ShellCommand } from '../../shared/contract/bridge.js';
import { IPC, SHELL_COMMANDS } from '../../shared/contract/bridge.js';
import { EngineClient, type ClientPort } from './engine-client.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface PreloadIpc {
  on(
    channel: string,
    listener: (event: { readonly ports: readonly ClientPort[] }, ...args: unknown[]) => void,
  ): unknown;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/** The part of Electron's webUtils the bridge uses. */
export interface PreloadFiles {
  getPathForFile(file: File): string;
}

export function createHammerheadApi(ipc: PreloadIpc, files: PreloadFiles): HammerheadApi {
  const engine = new EngineClient();
  ipc.on(IPC.enginePort, (event) => {
    const port = event.ports[0];
    if (port) engine.attach(port);
  });
  const commands = subscribers<ShellCommand>();
  ipc.on(IPC.command, (_event, command) => {
    if (isShellCommand(command)) commands.emit(command);
  });
  const openFiles = subscribers<string[]>();
  ipc.on(IPC.openFiles, (_event, paths) => {
    const list = stringList(paths);
    if (list.length > 0) openFiles.emit(list);
  });
  const restarts = subscribers<string>();
  ipc.on(IPC.engineRestarted, (_event, reason) => {
    restarts.emit(typeof reason === 'string' ? reason : 'the engine stopped unexpectedly');
  });

  const shell: ShellApi = {
    kind: 'electron',
    openCaptureDialog: async () => stringList(await ipc.invoke(IPC.openDialog)),
    openKeyLogDialog: async () => {
      const path = await ipc.invoke(IPC.keyLogDialog);
      return typeof path === 'string' ? path : null;
    },
    saveCaptureDialog: async (suggestedName) => {
      const path = await ipc.invoke(IPC.saveDialog, suggestedName);
      return typeof path === 'string' ? path : null;
    },
    pathForDroppedFile: (file) => pathOf(files, file),
    onCommand: commands.add,
    onOpenFiles: openFiles.add,
    onEngineRestarted: restarts.add,
  };
  // Plain frozen objects with only the listed members: contextBridge copies what is enumerable.
  return Object.freeze({
    engine: Object.freeze({ invoke: engine.api.invoke, on: engine.api.on }),
    shell: Object.freeze(shell),
  });
}

interface Subscribers<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
}

function subscribers<T>(): Subscribers<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(value) {
      for (const listener of [...set]) {
        try {
          listener(value);
        } catch (error) {
          console.error('shell listener failed:', error);
        }
      }
    },
  };
}

function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && (SHELL_COMMANDS as readonly string[]).includes(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function pathOf(files: PreloadFiles, file: unknown): string | null {
  if (typeof file !== 'object' || file === null) return null;
  try {
    // webUtils throws for anything that is not a File; a File made in the page has no path ('').
    const path = files.getPathForFile(file as File);
    return path.length > 0 ? path : null;
  } catch {
    return null;
  }
}
