/**
 * What the renderer sees of its host. In Electron the preload exposes this as `window.hammerhead`
 * (contextBridge); in a browser the web host's WebSocket transport implements the same interface.
 * The engine half is the contract and nothing else; the shell half is what only the host can do
 * (native dialogs, menus, the dropped file's path) and is validated in main.
 */
import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './channels.js';

export interface EngineApi {
  invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Subscribes to an engine event; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventOf<C>) => void): () => void;
}

/** Menu items and accelerators, forwarded from main to the renderer that acts on them. */
export const SHELL_COMMANDS = [
  'file.open',
  'file.save',
  'file.save-as',
  'lane.close',
  'keys.load',
  'keys.launch-browser',
  'view.time.absolute',
  'view.time.relative',
  'view.time.delta',
] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

export interface ShellApi {
  readonly kind: 'electron' | 'web';
  /** The native Open dialog (several files allowed); [] when cancelled. */
  openCaptureDialog(): Promise<string[]>;
  /** The native Open dialog for one TLS key log (SSLKEYLOGFILE); null when cancelled. */
  openKeyLogDialog(): Promise<string | null>;
  /** The native Save dialog; null when cancelled. */
  saveCaptureDialog(suggestedName: string): Promise<string | null>;
  /** The file-system path of a dropped file (Electron's webUtils), or null where there is none. */
  pathForDroppedFile(file: unknown): string | null;
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** Captures the OS asked the app to open (double-click, Open With, `hammerhead FILE…`, macOS open-file). */
  onOpenFiles(listener: (paths: string[]) => void): () => void;
  /** The engine process crashed and was restarted: every lane it held is gone. */
  onEngineRestarted(listener: (reason: string) => void): () => void;
}

export interface HammerheadApi {
  readonly engine: EngineApi;
  readonly shell: ShellApi;
}

/** IPC channel names between preload and main (never exposed to the page itself). */
export const IPC = {
  openDialog: 'shell.open-dialog',
  saveDialog: 'shell.save-dialog',
  keyLogDialog: 'shell.key-log-dialog',
  command: 'shell.command',
  openFiles: 'shell.open-files',
  enginePort: 'engine.port',
  engineRestarted: 'engine.restarted',
} as const;
