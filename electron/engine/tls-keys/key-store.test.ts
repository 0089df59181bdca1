import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CORPUS_DIR, describeCorpus } from '../../../test/support/corpus.js';
import { EngineError } from '../engine.js';
import { KeyStore, type KeyChange } from './key-store.js';
import { parseKeyLog } from './keylog-parse.js';

const dir = mkdtempSync(join(tmpdir(), 'hammerhead-keystore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const random = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
const secret = (fill: number, bytes = 48) => fill.toString(16).padStart(2, '0').repeat(bytes);
const line = (label: string, r: string, s: string) => `${label} ${r} ${s}\n`;
const hexOf = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : undefined);

let file = 0;
function keyFile(text: string): string {
  const path = join(dir, `keys-${++file}.log`);
  writeFileSync(path, text);
  return path;
}

const stores: KeyStore[] = [];
function store(): { keys: KeyStore; changes: KeyChange[] } {
  const keys = new KeyStore();
  stores.push(keys);
  const changes: KeyChange[] = [];
  keys.onChange((change) => changes.push(change));
  return { keys, changes };
}
afterEach(() => stores.splice(0).forEach((keys) => keys.close()));

/** Resolves with the next change that satisfies `test`. */
function nextChange(keys: KeyStore, test: (change: KeyChange) => boolean = () => true): Promise<KeyChange> {
  return new Promise((resolve) => {
    const off = keys.onChange((change) => {
      if (!test(change)) return;
      off();
      resolve(change);
    });
  });
}

describe('KeyStore', () => {
  it('reads a key log file as a source, and announces the sessions it brought', async () => {
    const { keys, changes } = store();
    const path = keyFile(
      `# test\n${line('CLIENT_RANDOM', random(1), secret(0xa1))}${line('EXPORTER_SECRET', random(2), secret(2, 32))}bad line\n` +
        line('SERVER_TRAFFIC_SECRET_0', random(2), secret(0xb2, 32)),
    );
    const info = await keys.addFile(path);
    expect(info).toEqual({
      id: 1,
      kind: 'file',
      label: path,
      path,
      watching: false,
      sessions: 2,
      lines: 4,
      malformed: 1,
      ignored: 1,
      error: null,
    });
    expect(hexOf(keys.secrets(random(1))?.CLIENT_RANDOM)).toBe(secret(0xa1));
    expect(Object.keys(keys.secrets(random(2)) ?? {})).toEqual(['SERVER_TRAFFIC_SECRET_0']);
    expect(keys.secrets(random(3))).toBeUndefined();
    expect(keys.generation).toBe(1);
    expect(changes).toEqual([{ sources: [info], randoms: [random(1), random(2)] }]);
    expect(await keys.addFile(path)).toEqual(info);
    expect(keys.list()).toHaveLength(1);
  });

  it('refuses a missing file or a directory with an engine error that names it', async () => {
    const { keys, changes } = store();
    const missing = join(dir, 'nope.log');
    await expect(keys.addFile(missing)).rejects.toThrow(
      new EngineError('not-found', `key log ${missing}: no such file`),
    );
    await expect(keys.addFile(dir)).rejects.toMatchObject({
      code: 'io',
      message: `key log ${dir}: is a directory`,
    });
    expect(keys.list()).toEqual([]);
    expect(changes).toEqual([]);
    expect(keys.generation).toBe(0);
  });

  it('merges sources, later ones winning, and names only the randoms whose secrets changed', async () => {
    const { keys, changes } = store();
    const first = await keys.addFile(
      keyFile(line('CLIENT_RANDOM', random(1), secret(1)) + line('CLIENT_RANDOM', random(2), secret(2))),
    );
    const second = keys.addText(
      'dsb',
      'lane 1',
      line('CLIENT_RANDOM', random(1), secret(1)) + line('CLIENT_RANDOM', random(2), secret(9)),
    );
    expect(changes[1]?.randoms).toEqual([random(2)]);
    expect(hexOf(keys.secrets(random(2))?.CLIENT_RANDOM)).toBe(secret(9));
    expect(keys.generation).toBe(2);
    expect(keys.remove(second.id)).toBe(true);
    expect(changes[2]?.randoms).toEqual([random(2)]);
    expect(hexOf(keys.secrets(random(2))?.CLIENT_RANDOM)).toBe(secret(2));
    expect(keys.remove(first.id)).toBe(true);
    expect(changes[3]).toEqual({ sources: [], randoms: [random(1), random(2)] });
    expect(keys.secrets(random(1))).toBeUndefined();
    expect(keys.remove(first.id)).toBe(false);
    expect(keys.generation).toBe(4);
  });

  it('merges labels of one session from different sources', () => {
    const { keys } = store();
    keys.addText('dsb', 'a', line('CLIENT_HANDSHAKE_TRAFFIC_SECRET', random(5), secret(1, 32)));
    keys.addText('dsb', 'b', line('SERVER_HANDSHAKE_TRAFFIC_SECRET', random(5), secret(2, 32)));
    expect(Object.keys(keys.secrets(random(5)) ?? {}).sort()).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
    ]);
  });

  it('takes the same Decryption Secrets Block met twice as one source', () => {
    const { keys, changes } = store();
    const text = line('CLIENT_RANDOM', random(3), secret(3));
    const a = keys.addText('dsb', 'capture.pcapng', text);
    expect(a).toMatchObject({ kind: 'dsb', label: 'capture.pcapng', path: null, sessions: 1, lines: 1 });
    expect(keys.addText('dsb', 'capture.pcapng', text)).toEqual(a);
    expect(changes).toHaveLength(1);
  });

  it('writes the key log lines of exactly the sessions asked for', () => {
    const { keys } = store();
    keys.addText(
      'dsb',
      'x',
      line('CLIENT_RANDOM', random(1), secret(1)) +
        line('SERVER_TRAFFIC_SECRET_0', random(2), secret(2, 32)) +
        line('CLIENT_TRAFFIC_SECRET_0', random(2), secret(3, 32)) +
        line('CLIENT_RANDOM', random(4), secret(4)),
    );
    const text = keys.keyLogFor([random(2), random(3), random(2)]);
    expect(text).toBe(
      line('CLIENT_TRAFFIC_SECRET_0', random(2), secret(3, 32)) +
        line('SERVER_TRAFFIC_SECRET_0', random(2), secret(2, 32)),
    );
    expect(parseKeyLog(text).counts).toEqual({ lines: 2, malformed: 0, ignored: 0 });
    expect(keys.keyLogFor([])).toBe('');
  });

  it('never writes a secret to the console or stderr, nor into what it reports', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const stderr = vi.spyOn(process.stderr, 'write');
    const { keys, changes } = store();
    const path = keyFile(line('CLIENT_RANDOM', random(7), secret(0x77)) + 'garbage\n');
    await keys.addFile(path, { watch: true, pollMs: 10 });
    appendFileSync(path, line('SERVER_TRAFFIC_SECRET_0', random(8), secret(0x88, 32)));
    await nextChange(keys, (c) => c.randoms.includes(random(8)));
    const said = JSON.stringify([changes, keys.list(), ...spies.map((s) => s.mock.calls), stderr.mock.calls]);
    expect(said).not.toContain(secret(0x77));
    expect(said).not.toContain(secret(0x88, 32));
    spies.forEach((spy) => spy.mockRestore());
    stderr.mockRestore();
  });

  it('keeps calling the other listeners when one throws', () => {
    const { keys, changes } = store();
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    keys.onChange(() => {
      throw new Error('boom');
    });
    keys.addText('dsb', 'x', line('CLIENT_RANDOM', random(1), secret(1)));
    expect(changes).toHaveLength(1);
    expect(warning).toHaveBeenCalledWith('key store listener failed: boom');
    warning.mockRestore();
  });
});

describe('KeyStore following a key log a browser appends to', () => {
  it('announces each read of appended lines once, with the randoms they brought', async () => {
    const { keys, changes } = store();
    const path = keyFile('');
    const info = await keys.addFile(path, { watch: true, pollMs: 10 });
    expect(info).toMatchObject({ watching: true, sessions: 0, lines: 0 });
    const burst = Array.from({ length: 50 }, (_, i) => line('CLIENT_RANDOM', random(i + 1), secret(i))).join(
      '',
    );
    const seen = nextChange(keys, (c) => c.randoms.length > 0);
    appendFileSync(path, burst);
    const change = await seen;
    expect(change.randoms).toHaveLength(50);
    expect(change.sources[0]).toMatchObject({ sessions: 50, lines: 50 });
    expect(changes.filter((c) => c.randoms.length > 0)).toHaveLength(1);
    expect(keys.generation).toBe(1);
  });

  it('waits for the rest of a line the browser has not finished writing', async () => {
    const { keys } = store();
    const path = keyFile('');
    await keys.addFile(path, { watch: true, pollMs: 10 });
    const whole = line('SERVER_HANDSHAKE_TRAFFIC_SECRET', random(9), secret(9, 48));
    appendFileSync(path, whole.slice(0, 70));
    const done = nextChange(keys, (c) => c.randoms.length > 0);
    appendFileSync(path, whole.slice(70));
    expect((await done).randoms).toEqual([random(9)]);
    expect(keys.list()[0]).toMatchObject({ lines: 1, malformed: 0 });
  });

  it('takes a final line without a newline once the file stays quiet', async () => {
    const { keys } = store();
    const path = keyFile(line('CLIENT_RANDOM', random(1), secret(1)).trimEnd());
    const done = nextChange(keys, (c) => c.randoms.length > 0);
    await keys.addFile(path, { watch: true, pollMs: 10 });
    expect((await done).randoms).toEqual([random(1)]);
  });

  it('reads a truncated or replaced file from its start, keeping the keys already read', async () => {
    const { keys } = store();
    const path = keyFile(
      line('CLIENT_RANDOM', random(1), secret(1)) + line('CLIENT_RANDOM', random(2), secret(2)),
    );
    await keys.addFile(path, { watch: true, pollMs: 10 });
    const done = nextChange(keys, (c) => c.randoms.includes(random(3)));
    writeFileSync(path, line('CLIENT_RANDOM', random(3), secret(3)));
    await done;
    expect(keys.list()[0]).toMatchObject({ lines: 1, sessions: 3, error: null });
    expect(keys.secrets(random(1))).toBeDefined();
    const replaced = nextChange(keys, (c) => c.randoms.includes(random(4)));
    // An editor's save or a new browser run: another file (inode) under the same name, larger than the offset.
    writeFileSync(`${path}.new`, line('CLIENT_RANDOM', random(4), secret(4)) + '#\n'.repeat(200));
    renameSync(`${path}.new`, path);
    await replaced;
    expect(keys.list()[0]).toMatchObject({ lines: 1, sessions: 4, error: null });
  });

  it('says when the file is removed, keeps its keys, and reads it again when it comes back', async () => {
    const { keys } = store();
    const path = keyFile(line('CLIENT_RANDOM', random(1), secret(1)));
    await keys.addFile(path, { watch: true, pollMs: 10 });
    const removed = nextChange(keys, (c) => c.sources[0]?.error !== null);
    rmSync(path);
    const change = await removed;
    expect(change.sources[0]?.error).toBe(`${path} was removed (the keys read from it are kept)`);
    expect(change.randoms).toEqual([]);
    expect(keys.secrets(random(1))).toBeDefined();
    const back = nextChange(keys, (c) => c.randoms.includes(random(2)));
    writeFileSync(path, line('CLIENT_RANDOM', random(2), secret(2)));
    expect((await back).sources[0]).toMatchObject({ error: null, sessions: 2 });
  });

  it('follows a file added before without watching once it is added again with watch', async () => {
    const { keys } = store();
    const path = keyFile(line('CLIENT_RANDOM', random(1), secret(1)));
    const first = await keys.addFile(path);
    const again = await keys.addFile(path, { watch: true, pollMs: 10 });
    expect(again).toEqual({ ...first, watching: true });
    const done = nextChange(keys, (c) => c.randoms.includes(random(2)));
    appendFileSync(path, line('CLIENT_RANDOM', random(2), secret(2)));
    expect((await done).sources).toMatchObject([{ id: first.id, lines: 2, sessions: 2 }]);
  });

  it('stops following on remove and on close', async () => {
    const { keys, changes } = store();
    const removedPath = keyFile('');
    const closedPath = keyFile('');
    const removed = await keys.addFile(removedPath, { watch: true, pollMs: 10 });
    await keys.addFile(closedPath, { watch: true, pollMs: 10 });
    keys.remove(removed.id);
    keys.close();
    expect(keys.list()).toMatchObject([{ path: closedPath, watching: false }]);
    appendFileSync(removedPath, line('CLIENT_RANDOM', random(1), secret(1)));
    appendFileSync(closedPath, line('CLIENT_RANDOM', random(2), secret(2)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(keys.secrets(random(1))).toBeUndefined();
    expect(keys.secrets(random(2))).toBeUndefined();
    expect(changes).toHaveLength(3);
  });
});

describeCorpus('KeyStore on a corpus key log', () => {
  it('holds both TLS 1.3 sessions of tls13-aes128gcm.keys and writes them back line for line', async () => {
    const { keys } = store();
    const path = join(CORPUS_DIR, 'keys', 'tls13-aes128gcm.keys');
    const info = await keys.addFile(path);
    expect(info).toMatchObject({ sessions: 2, lines: 10, ignored: 2, malformed: 0 });
    const { entries } = parseKeyLog(readFileSync(path, 'latin1'));
    const randoms = [...new Set(entries.map((e) => e.clientRandom))];
    const back = parseKeyLog(keys.keyLogFor(randoms)).entries;
    const key = (e: (typeof entries)[number]) => `${e.label} ${e.clientRandom} ${hexOf(e.secret)}`;
    expect(back.map(key).sort()).toEqual(entries.map(key).sort());
  });
});
