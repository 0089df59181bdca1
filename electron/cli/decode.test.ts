/**
 * `hammerhead decode` as a user runs it: the built command on real files, plain and JSON, and its
 * behaviour on damaged input (frames before the damage on stdout, one line on stderr, exit 1).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  capturePath,
  corpusCaptures,
  describeCorpus,
  expectedRows,
  expectedStatus,
} from '../../test/support/corpus.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/hammerhead.js');
const SAMPLE = join(root, 'assets/samples/loopback-http.pcap');

function hammerhead(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

beforeAll(() => {
  // The test command builds first; build here too when a single suite is run on its own.
  if (!existsSync(join(root, 'out/cli/hammerhead.js')))
    spawnSync(process.execPath, [join(root, 'scripts/build.js')], { cwd: root });
});

describe('hammerhead decode', () => {
  it('prints tshark-style columns, one line per frame', () => {
    const result = hammerhead('decode', SAMPLE);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(34);
    expect(lines[0]).toBe(
      '    1 0.000000000 127.0.0.1 → 127.0.0.1 TCP 74 52076 → 18080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=2126242520 TSecr=0 WS=1024',
    );
    expect(lines[1]).toMatch(
      /^ {4}2 0\.000203239 127\.0\.0\.1 → 127\.0\.0\.1 TCP 74 18080 → 52076 \[SYN, ACK\]/,
    );
  });

  it('prints JSON lines with the full-precision epoch time', () => {
    const result = hammerhead('decode', SAMPLE, '--json');
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(34);
    expect(rows[1]).toMatchObject({
      number: 2,
      source: '127.0.0.1',
      destination: '127.0.0.1',
      protocol: 'TCP',
      length: 74,
    });
    expect(rows[1]?.time).toMatch(/^\d{10}\.\d{9}$/);
  });

  it('prints the frames before damage, then one error line, and exits 1', () => {
    const bytes = readFileSync(SAMPLE);
    const cut = join(mkdtempSync(join(tmpdir(), 'hh-cli-')), 'cut.pcap');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    const result = hammerhead('decode', cut);
    expect(result.status).toBe(1);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(33);
    expect(result.stderr).toMatch(
      /^hammerhead: .*cut\.pcap: the file ends inside a pcap record: \d+ of \d+ bytes \(at byte \d+, pcap record\)\n$/,
    );
  });

  it('refuses what is not a capture, a missing file and bad usage, each with one clear line', () => {
    const notCapture = hammerhead('decode', join(root, 'README.md'));
    expect(notCapture.status).toBe(1);
    expect(notCapture.stderr).toMatch(/not a pcap or pcapng file/);
    expect(hammerhead('decode', '/nonexistent.pcap').stderr).toBe(
      'hammerhead: /nonexistent.pcap: no such file\n',
    );
    const usage = hammerhead('decode');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^hammerhead: decode takes one FILE\nusage:/);
  });
});

describeCorpus('hammerhead decode --json on the corpus', () => {
  it("gives tshark's frame numbers, epoch times, lengths and exit status for every capture", () => {
    let frames = 0;
    for (const name of corpusCaptures()) {
      const result = hammerhead('decode', capturePath(name), '--json');
      const expected = expectedRows(name);
      const rows = result.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(
        rows.map((row) => [row.number, row.time ?? '', row.length]),
        name,
      ).toEqual(
        expected.map((row) => [
          Number(row['frame.number']),
          row['frame.time_epoch'],
          Number(row['frame.len']),
        ]),
      );
      expect(result.status === 0, name).toBe(expectedStatus(name).summaryExit === 0);
      frames += rows.length;
    }
    expect(frames).toBeGreaterThan(15_000);
  });
});
