/**
 * Every key source of the engine (key log files, launched browsers' logs, pcapng Decryption Secrets
 * Blocks) behind one `KeyLookup`. Sources are merged in the order they were added; for one client
 * random and label a later source wins. Watched files grow while a capture runs, and a change names
 * exactly the client randoms whose merged secrets changed, so that only lanes holding those sessions
 * are dissected again.
 *
 * Secret values never leave this module except through `secrets()` and `keyLogFor()`: nothing here
 * logs them, and errors name files, not contents.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { KeySourceInfo } from '../../../shared/contract/tls-channels.js';
import { ioMessage, readChunks } from '../capture/read-chunks.js';
import { EngineError } from '../engine.js';
import { FileFollower, type FollowOptions } from './key-file-watch.js';
import { KeyLogParser, type KeyLogEntry } from './keylog-parse.js';
import { SECRET_LABELS, type KeyLookup, type SecretLabel, type TlsSecrets } from './secrets.js';

export interface AddFileOptions extends FollowOptions {
  /** Follow what is appended to the file (a browser's running log). */
  readonly watch?: boolean;
  /** `browser` for a log we started a browser with; `file` otherwise. */
  readonly kind?: 'file' | 'browser';
  /** Shown to the user; the path when absent. */
  readonly label?: string;
}

export interface KeyChange {
  readonly sources: KeySourceInfo[];
  /** Client randoms (hex) whose merged secrets were gained, replaced or lost by this change. */
  readonly randoms: readonly string[];
}

type MutableSecrets = Partial<Record<SecretLabel, Uint8Array>>;

/** One source's state. Its parser feeds `secrets`; `touched` collects randoms until the next commit. */
interface Source {
  readonly id: number;
  readonly kind: KeySourceInfo['kind'];
  readonly label: string;
  readonly path: string | null;
  /** A DSB's digest: the same block met again (a file opened twice) is one source. */
  readonly digest: string | null;
  readonly parser: KeyLogParser;
  readonly secrets: Map<string, MutableSecrets>;
  readonly touched: Set<string>;
  follower: FileFollower | null;
  error: string | null;
  /** While a file's first read runs, changes are held back and announced once when it ends. */
  loading: boolean;
}

export class KeyStore implements KeyLookup {
  private readonly sources = new Map<number, Source>();
  private readonly merged = new Map<string, TlsSecrets>();
  private readonly listeners = new Set<(change: KeyChange) => void>();
  private nextId = 1;
  private changes = 0;

  get generation(): number {
    return this.changes;
  }

  secrets(clientRandomHex: string): TlsSecrets | undefined {
    return this.merged.get(clientRandomHex);
  }

  /**
   * Reads a key log file as a source (resolves once read to its end). With `watch`, lines appended
   * later are read as they come. The same path added again is the source it already is (now
   * followed, if asked to be).
   */
  async addFile(path: string, options: AddFileOptions = {}): Promise<KeySourceInfo> {
    const full = resolve(path);
    await checkReadable(full, path);
    // Looked up after the await: the same file added twice at once is still one source.
    const existing = [...this.sources.values()].find((source) => source.path === full);
    if (existing && (!options.watch || existing.follower)) return info(existing);
    const source = existing ?? this.createSource(options.kind ?? 'file', options.label ?? full, full, null);
    // Read from the start (again, for an existing source: known secrets change nothing), lines counted afresh.
    source.parser.restart();
    source.loading = true;
    try {
      if (options.watch) await this.follow(source, options);
      else await readWhole(source, full);
    } catch (error) {
      if (!existing) this.forget(source);
      throw new EngineError('io', `key log ${ioMessage(error, path)}`);
    } finally {
      source.loading = false;
    }
    this.commit(source);
    return info(source);
  }

  /** Secrets from a capture itself: the NSS key log of a pcapng Decryption Secrets Block. */
  addText(kind: 'dsb', label: string, text: string): KeySourceInfo {
    const digest = createHash('sha256').update(text).digest('hex');
    const existing = [...this.sources.values()].find((s) => s.digest === digest && s.label === label);
    if (existing) return info(existing);
    const source = this.createSource(kind, label, null, digest);
    source.parser.feed(text);
    source.parser.end();
    this.commit(source);
    return info(source);
  }

  /** Forgets a source: its secrets stop decrypting (unless another source has them too). */
  remove(id: number): boolean {
    const source = this.sources.get(id);
    if (!source) return false;
    this.forget(source);
    const changed = this.remerge(source.secrets.keys());
    this.announce(changed);
    return true;
  }

  list(): KeySourceInfo[] {
    return [...this.sources.values()].map(info);
  }

  /** Called after every change: a source added, removed, grown or failing. Returns the unsubscribe. */
  onChange(listener: (change: KeyChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** NSS key log lines for exactly these sessions (unknown randoms give nothing): a DSB's contents. */
  keyLogFor(randoms: readonly string[]): string {
    const lines: string[] = [];
    for (const random of new Set(randoms)) {
      const secrets = this.merged.get(random);
      if (!secrets) continue;
      for (const label of SECRET_LABELS) {
        const secret = secrets[label];
        if (secret) lines.push(`${label} ${random} ${Buffer.from(secret).toString('hex')}\n`);
      }
    }
    return lines.join('');
  }

  /** Stops following files (their keys stay). */
  close(): void {
    for (const source of this.sources.values()) stopFollowing(source);
  }

  private createSource(
    kind: Source['kind'],
    label: string,
    path: string | null,
    digest: string | null,
  ): Source {
    const secrets = new Map<string, MutableSecrets>();
    const touched = new Set<string>();
    const parser = new KeyLogParser((entry) => {
      if (learn(secrets, entry)) touched.add(entry.clientRandom);
    });
    const id = this.nextId++;
    const source: Source = {
      id,
      kind,
      label,
      path,
      digest,
      parser,
      secrets,
      touched,
      follower: null,
      error: null,
      loading: false,
    };
    this.sources.set(id, source);
    return source;
  }

  private async follow(source: Source, options: FollowOptions): Promise<void> {
    const commit = () => this.commit(source);
    const follower = new FileFollower(
      source.path as string,
      {
        appended: (text) => (source.parser.feed(text), commit()),
        restarted: () => (source.parser.restart(), commit()),
        quiet: () => {
          if (!source.parser.pending) return;
          source.parser.end();
          commit();
        },
        problem: (message) => ((source.error = message), commit()),
      },
      options,
    );
    source.follower = follower;
    await follower.poke();
  }

  private forget(source: Source): void {
    stopFollowing(source);
    this.sources.delete(source.id);
  }

  /** Folds a source's new secrets into the merged view and tells the listeners. */
  private commit(source: Source): void {
    if (source.loading || !this.sources.has(source.id)) return;
    const changed = this.remerge(source.touched);
    source.touched.clear();
    this.announce(changed);
  }

  /** Recomputes the merged secrets of these randoms; returns those that changed. */
  private remerge(randoms: Iterable<string>): string[] {
    const changed: string[] = [];
    for (const random of randoms) {
      const merged: MutableSecrets = {};
      for (const source of this.sources.values()) Object.assign(merged, source.secrets.get(random));
      const before = this.merged.get(random);
      const empty = Object.keys(merged).length === 0;
      if (sameSecrets(before, empty ? undefined : merged)) continue;
      if (empty) this.merged.delete(random);
      else this.merged.set(random, Object.freeze(merged));
      changed.push(random);
    }
    if (changed.length > 0) this.changes++;
    return changed;
  }

  private announce(randoms: readonly string[]): void {
    const change: KeyChange = { sources: this.list(), randoms };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One failing listener must not stop the others or the file being followed.
        process.emitWarning(`key store listener failed: ${(error as Error).message}`);
      }
    }
  }
}

/** Records a secret; false when the source already had exactly it. */
function learn(secrets: Map<string, MutableSecrets>, { clientRandom, label, secret }: KeyLogEntry): boolean {
  let known = secrets.get(clientRandom);
  if (!known) secrets.set(clientRandom, (known = {}));
  const before = known[label];
  if (before && Buffer.from(before).equals(secret)) return false;
  known[label] = secret;
  return true;
}

function sameSecrets(a: TlsSecrets | undefined, b: TlsSecrets | undefined): boolean {
  if (!a || !b) return a === b;
  return SECRET_LABELS.every((label) => {
    const x = a[label];
    const y = b[label];
    return x === undefined || y === undefined ? x === y : Buffer.from(x).equals(y);
  });
}

function info(source: Source): KeySourceInfo {
  const { lines, malformed, ignored } = source.parser.counts;
  return {
    id: source.id,
    kind: source.kind,
    label: source.label,
    path: source.path,
    watching: source.follower !== null,
    sessions: source.secrets.size,
    lines,
    malformed,
    ignored,
    error: source.error,
  };
}

function stopFollowing(source: Source): void {
  source.follower?.close();
  source.follower = null;
}

async function checkReadable(full: string, asGiven: string): Promise<void> {
  try {
    if (!(await stat(full)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    await (await open(full, 'r')).close();
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new EngineError(missing ? 'not-found' : 'io', `key log ${ioMessage(error, asGiven)}`);
  }
}

async function readWhole(source: Source, path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    for await (const chunk of readChunks(handle)) source.parser.feed(latin1(chunk));
    source.parser.end();
  } finally {
    await handle.close();
  }
}

/** Byte-for-byte text: a key log is ASCII, and no byte can be split across reads as UTF-8 could be. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
