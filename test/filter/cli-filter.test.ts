/**
 * `hammerhead decode FILE -Y FILTER` as a user runs it (the built command): only matching frames,
 * numbered as in the whole file, in the same line format as plain decode; an invalid filter is
 * shown as tshark shows it (message, filter, caret under the exact characters) with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturePath, describeCorpus } from '../support/corpus.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/hammerhead.js');
const SAMPLE = join(root, 'assets/samples/loopback-http.pcap');

function hammerhead(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(() => {
  if (!existsSync(join(root, 'out/cli/hammerhead.js')))
    spawnSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root });
});

describe('hammerhead decode -Y', () => {
  it('prints only the matching frames, each line as plain decode prints it', () => {
    const all = hammerhead('decode', SAMPLE).stdout.trimEnd().split('\n');
    const result = hammerhead('decode', SAMPLE, '-Y', 'http');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(all.length);
    for (const line of lines) expect(all).toContain(line);
    expect(lines.every((line) => line.includes(' HTTP '))).toBe(true);
  });

  it('prints JSON lines with --json', () => {
    const result = hammerhead('decode', '--json', SAMPLE, '-Y', 'tcp.flags.syn == 1');
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { number: number; info: string });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 13, 14, 23, 24]);
    expect(rows[0]?.info).toContain('[SYN]');
  });

  it('shows an invalid filter as tshark does, exit code 2', () => {
    const result = hammerhead('decode', SAMPLE, '-Y', 'tcp.port == 70000');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'hammerhead: "70000" too big for this field, maximum 65535.\n    tcp.port == 70000\n                ^~~~~\n',
    );
  });

  it('asks for the filter after -Y', () => {
    const result = hammerhead('decode', SAMPLE, '-Y');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('-Y needs a display filter');
  });
});

describeCorpus('hammerhead decode -Y on the corpus', () => {
  it('selects the frames tshark selects', () => {
    const expected = JSON.parse(
      readFileSync(join(import.meta.dirname, 'conformance-expected.json'), 'utf8'),
    ) as Record<string, number[]>;
    for (const filter of ['http.request', 'ip.addr == 145.254.160.0/24', 'tcp.analysis.retransmission']) {
      const result = hammerhead('decode', capturePath('dpkt-http.pcap'), '-Y', filter);
      const numbers = result.stdout
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .map((line) => Number(line.trim().split(' ')[0]));
      expect(numbers, filter).toEqual(expected[`dpkt-http.pcap\t${filter}`]);
    }
  });
});
