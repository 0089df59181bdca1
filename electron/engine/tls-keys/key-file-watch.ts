/**
 * Follows a key log file as a browser appends to it, the way `tail -F` does: only the new bytes are
 * read; a file that shrank or was replaced (another inode) is read again from its start; a file that
 * does not exist (yet, or any more) is waited for.
 *
 * `fs.watch` gives prompt notice where it works, but it misses appends on some filesystems (network
 * mounts, some container overlays) and on macOS now and then, so a stat poll runs beside it. The
 * directory is watched rather than the file: a file watch dies with the inode it was set on, and
 * cannot see a file that does not exist yet. Neither the watcher nor the timer keeps a process alive.
 */
import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface FollowEvents {
  /** Text appended since the last call (bytes decoded one for one: a key log is ASCII). */
  appended(text: string): void;
  /** The file was truncated or replaced: what follows is read from its start again. */
  restarted(): void;
  /** Read to the end and nothing new came within one poll: a last line without a newline is complete. */
  quiet(): void;
  /** Why the file cannot be read now (removed, permission denied), or null once it can again. */
  problem(message: string | null): void;
}

export interface FollowOptions {
  /** Poll interval in ms (tests shorten it). */
  readonly pollMs?: number;
}

const POLL_MS = 250;
/** Bytes read per round: a huge backlog is delivered in pieces rather than as one giant string. */
const MAX_READ = 4 * 1024 * 1024;

interface Position {
  readonly dev: number;
  readonly ino: number;
  offset: number;
}

export class FileFollower {
  private position: Position | null = null;
  private vanished = false;
  private reading: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private quietPending = false;
  private reported: string | null = null;
  private watcher: FSWatcher | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly path: string,
    private readonly events: FollowEvents,
    options: FollowOptions = {},
  ) {
    this.timer = setInterval(() => void this.poke(), options.pollMs ?? POLL_MS);
    this.timer.unref();
    this.watchDirectory();
  }

  /** Reads what is there now; resolves when caught up (tests and the first load await it). */
  async poke(): Promise<void> {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.catchUp().finally(() => (this.reading = null));
    return this.reading;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = null;
  }

  private watchDirectory(): void {
    const name = basename(this.path);
    try {
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
        // Some platforms do not say which file changed: then it may be ours.
        if (file === null || file === name) void this.poke();
      });
      this.watcher.on('error', () => {
        // The directory went away or the platform gave up: the poll still runs.
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // No watch possible here (missing directory, inotify limit): the poll alone follows the file.
      this.watcher = null;
    }
  }

  private async catchUp(): Promise<void> {
    do {
      this.again = false;
      await this.round();
    } while (this.again && !this.closed);
  }

  /** One look at the file: a stat, then the appended bytes if there are any. */
  private async round(): Promise<void> {
    let info;
    try {
      info = await stat(this.path);
    } catch (error) {
      if (this.position) {
        this.vanished = true;
        this.report(gone(error, this.path));
      }
      return;
    }
    const known = this.position;
    // A file that comes back is another file, even should the filesystem reuse its inode number.
    const replaced = known && (this.vanished || known.dev !== info.dev || known.ino !== info.ino);
    if (!known || replaced || info.size < known.offset) {
      this.vanished = false;
      if (known) this.events.restarted();
      this.position = { dev: info.dev, ino: info.ino, offset: 0 };
    }
    const position = this.position as Position;
    if (info.size === position.offset) {
      this.report(null);
      if (this.quietPending) {
        this.quietPending = false;
        this.events.quiet();
      }
      return;
    }
    await this.readFrom(position, info.size);
  }

  private async readFrom(position: Position, size: number): Promise<void> {
    let handle;
    try {
      handle = await open(this.path, 'r');
      const length = Math.min(size - position.offset, MAX_READ);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position.offset);
      this.report(null);
      if (bytesRead === 0 || this.closed) return;
      position.offset += bytesRead;
      this.quietPending = true;
      // Whatever is left of a large backlog is read in the next round, without waiting for the poll.
      if (position.offset < size) this.again = true;
      this.events.appended(buffer.toString('latin1', 0, bytesRead));
    } catch (error) {
      this.report(gone(error, this.path));
    } finally {
      await handle?.close();
    }
  }

  /** Tells a problem (or its end) once, not on every poll. */
  private report(message: string | null): void {
    if (message === this.reported) return;
    this.reported = message;
    this.events.problem(message);
  }
}

function gone(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${path} was removed (the keys read from it are kept)`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}
