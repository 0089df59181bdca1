/**
 * `decode` on several threads prints byte for byte what one thread prints: every corpus capture (with its
 * key log when it has one, plain and JSON, damaged files included: same stdout, stderr and exit code), and
 * a file made here that mixes many conversations, so that both workers get frames of every kind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, capturePath, corpusCaptures, describeCorpus } from '../../test/support/corpus.js';
import { shardOf } from './decode-shard.js';
import { runDecode } from './decode.js';
import { runParallelDecode } from './decode-parallel.js';
import { decodeThreads } from './decode-threads.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/hammerhead.js');
const SAMPLES = join(root, 'assets/samples');

function decode(threads: number, ...args: string[]) {
  const env = {
    ...process.env,
    HAMMERHEAD_DECODE_THREADS: String(threads),
    HAMMERHEAD_DECODE_PARALLEL_BYTES: '0',
  };
  return spawnSync(process.execPath, [bin, 'decode', ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
}

function expectSame(...args: string[]): void {
  const one = decode(1, ...args);
  const two = decode(2, ...args);
  expect(two.status).toBe(one.status);
  expect(two.stderr).toBe(one.stderr);
  expect(two.stdout === one.stdout, `${args.join(' ')}: the outputs differ`).toBe(true);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hh-parallel-'));
  if (!existsSync(join(root, 'out/cli/decode-worker.js')))
    spawnSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decode on several threads', () => {
  it('prints what one thread prints for the bundled samples, plain and JSON', () => {
    for (const name of ['lb-front.pcapng', 'lb-back-target1.pcap', 'loopback-http.pcap']) {
      expectSame(join(SAMPLES, name));
      expectSame(join(SAMPLES, name), '--json');
    }
  });

  it('prints the frames before damage, then the same error, with the same exit code', () => {
    const bytes = readFileSync(join(SAMPLES, 'lb-back-target1.pcap'));
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expectSame(cut);
    expect(decode(2, cut).status).toBe(1);
  });

  it('keeps both directions of a conversation on one worker', () => {
    const forward = ethernetIpv4Tcp([10, 0, 0, 1], [10, 0, 0, 2], 51000, 443);
    const backward = ethernetIpv4Tcp([10, 0, 0, 2], [10, 0, 0, 1], 443, 51000);
    for (const shards of [2, 3, 4]) expect(shardOf(1, forward, shards)).toBe(shardOf(1, backward, shards));
    const spread = new Set(
      Array.from({ length: 64 }, (_, i) =>
        shardOf(1, ethernetIpv4Tcp([10, 0, 0, 1], [10, 0, 0, 2], 50000 + i, 443), 2),
      ),
    );
    expect(spread.size).toBe(2);
  });

  it('uses one thread for stdin and small files unless told otherwise', () => {
    expect(decodeThreads('-', {})).toBe(1);
    expect(decodeThreads(join(SAMPLES, 'loopback-http.pcap'), {})).toBe(1);
    expect(decodeThreads(join(SAMPLES, 'loopback-http.pcap'), { HAMMERHEAD_DECODE_THREADS: '1' })).toBe(1);
    expect(
      decodeThreads(join(SAMPLES, 'loopback-http.pcap'), {
        HAMMERHEAD_DECODE_THREADS: '2',
        HAMMERHEAD_DECODE_PARALLEL_BYTES: '0',
      }),
    ).toBe(2);
  });
});

/** stdout and stderr of a decode run in this process (the workers are the built ones). */
async function decodeHere(threads: number, path: string, keylogs: string[]) {
  const out = new Collect();
  const err = new Collect();
  const options = { json: false, keylogs, out, err };
  const status =
    threads === 1
      ? await runDecode(path, options)
      : await runParallelDecode(
          path,
          options,
          threads,
          pathToFileURL(join(root, 'out/cli/decode-worker.js')),
        );
  return { status, stdout: out.text(), stderr: err.text() };
}

class Collect extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

describe('decode on several threads, when a worker cannot start', () => {
  it('says why and exits 1 rather than waiting forever', async () => {
    const err = new Collect();
    const missing = pathToFileURL(join(dir, 'no-such-worker.js'));
    const status = await runParallelDecode(
      join(SAMPLES, 'loopback-http.pcap'),
      { json: false, out: new Collect(), err },
      2,
      missing,
    );
    expect(status).toBe(1);
    expect(err.text()).toMatch(/^hammerhead: /);
  });
});

describeCorpus('decode on several threads, every corpus capture', () => {
  it('prints what one thread prints (key logs applied where the corpus has them)', async () => {
    for (const name of corpusCaptures()) {
      const keys = join(CORPUS_DIR, 'keys', `${name.replace(/\.[^.]+$/, '')}.keys`);
      const keylogs = existsSync(keys) ? [keys] : [];
      const one = await decodeHere(1, capturePath(name), keylogs);
      const two = await decodeHere(2, capturePath(name), keylogs);
      expect([two.status, two.stderr], name).toEqual([one.status, one.stderr]);
      expect(two.stdout === one.stdout, `${name}: the outputs differ`).toBe(true);
    }
  }, 300_000);
});

function ethernetIpv4Tcp(src: number[], dst: number[], sport: number, dport: number): Uint8Array {
  const frame = new Uint8Array(14 + 20 + 20);
  frame.set([0x08, 0x00], 12);
  frame.set([0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, ...src, ...dst], 14);
  frame.set([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff], 34);
  return frame;
}
