import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FileFollower, type FollowOptions } from './key-file-watch.js';

const dir = mkdtempSync(join(tmpdir(), 'hammerhead-follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const followers: FileFollower[] = [];
afterEach(() => followers.splice(0).forEach((f) => f.close()));

function follow(path: string, options: FollowOptions = { pollMs: 10 }) {
  const seen = { text: '', pieces: [] as number[], restarts: 0, quiet: 0, problems: [] as (string | null)[] };
  const follower = new FileFollower(
    path,
    {
      appended: (text) => ((seen.text += text), seen.pieces.push(text.length)),
      restarted: () => seen.restarts++,
      quiet: () => seen.quiet++,
      problem: (message) => seen.problems.push(message),
    },
    options,
  );
  followers.push(follower);
  return { follower, seen };
}

async function until(test: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('FileFollower', () => {
  it('waits for a file that does not exist yet, without calling it a problem', async () => {
    const path = join(dir, 'later.log');
    const { follower, seen } = follow(path);
    await follower.poke();
    expect(seen.problems).toEqual([]);
    writeFileSync(path, 'first\n');
    await until(() => seen.text === 'first\n');
    expect(seen.restarts).toBe(0);
  });

  it('reads only what was appended since the last read', async () => {
    const path = join(dir, 'append.log');
    writeFileSync(path, 'a\n');
    const { follower, seen } = follow(path);
    await follower.poke();
    for (let i = 0; i < 20; i++) {
      appendFileSync(path, `line ${i}\n`);
      if (i % 5 === 0) await follower.poke();
    }
    const expected = `a\n${Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join('')}`;
    await until(() => seen.text.length >= expected.length);
    expect(seen.text).toBe(expected);
    await until(() => seen.quiet > 0);
  });

  it('delivers a large backlog in pieces rather than as one string', async () => {
    const path = join(dir, 'big.log');
    writeFileSync(path, Buffer.alloc(9 * 1024 * 1024, 0x41));
    const { follower, seen } = follow(path);
    await follower.poke();
    expect(seen.text.length).toBe(9 * 1024 * 1024);
    expect(seen.pieces).toEqual([4 * 1024 * 1024, 4 * 1024 * 1024, 1024 * 1024]);
  });

  it('hears of an append through fs.watch long before the next poll', async () => {
    const path = join(dir, 'watched.log');
    writeFileSync(path, '');
    const { follower, seen } = follow(path, { pollMs: 600_000 });
    await follower.poke();
    appendFileSync(path, 'now\n');
    await until(() => seen.text === 'now\n', 3000);
  });

  it('starts over on truncation, reports removal once, and reads a file that comes back', async () => {
    const path = join(dir, 'cycle.log');
    writeFileSync(path, 'one two three\n');
    const { follower, seen } = follow(path);
    await follower.poke();
    writeFileSync(path, 'four\n');
    await until(() => seen.text.endsWith('four\n'));
    expect(seen.restarts).toBe(1);
    rmSync(path);
    await until(() => seen.problems.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.problems).toEqual([`${path} was removed (the keys read from it are kept)`]);
    writeFileSync(path, 'five\n');
    await until(() => seen.text.endsWith('five\n'));
    expect(seen.problems).toEqual([`${path} was removed (the keys read from it are kept)`, null]);
    expect(seen.restarts).toBe(2);
  });

  it('says nothing more once closed', async () => {
    const path = join(dir, 'closed.log');
    writeFileSync(path, 'x\n');
    const { follower, seen } = follow(path);
    await follower.poke();
    follower.close();
    appendFileSync(path, 'y\n');
    await follower.poke();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.text).toBe('x\n');
  });
});
