/**
 * Captures the OS asks the app to open: paths on the command line (`hammerhead a.pcap`, and a second
 * instance's), and macOS `open-file` (Finder, Open With, dock), which may fire before the window
 * exists. They wait until the page has loaded, then go to it (`IPC.openFiles`); the page opens them
 * through the engine like any other file.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WebContents } from 'electron';
import { IPC } from '../../shared/contract/bridge.js';

export class FileOpener {
  private queued: string[] = [];
  private target: WebContents | null = null;

  /** Paths in a command line: arguments after the app's own that name existing files. */
  static pathsIn(argv: readonly string[], cwd: string, skip: number): string[] {
    return argv
      .slice(skip)
      .filter((arg) => !arg.startsWith('-'))
      .map((arg) => resolve(cwd, arg))
      .filter((path) => existsSync(path) && statSync(path).isFile());
  }

  open(paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.queued.push(...paths);
    this.flush();
  }

  /** The page that receives paths; queued ones go once it has (re)loaded. */
  attach(contents: WebContents): void {
    this.target = null;
    contents.on('did-finish-load', () => {
      this.target = contents;
      this.flush();
    });
    contents.once('destroyed', () => {
      if (this.target === contents) this.target = null;
    });
  }

  private flush(): void {
    if (!this.target || this.target.isDestroyed() || this.queued.length === 0) return;
    this.target.send(IPC.openFiles, this.queued.splice(0));
  }
}
