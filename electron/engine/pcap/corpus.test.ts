/**
 * Conformance with tshark 4.0.17 on every capture of the corpus: frame count, frame.time_epoch to
 * the nanosecond (empty where tshark has no timestamp), frame.len and frame.cap_len. The files are
 * fed in odd-sized chunks so that records straddle chunk boundaries everywhere.
 */
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import {
  capturePath,
  corpusCaptures,
  describeCorpus,
  expectedRows,
  expectedStatus,
} from '../../../test/support/corpus.js';
import { createCaptureReader } from './capture-reader.js';
import { formatEpoch } from './timestamp.js';
import type { CaptureReadError } from './types.js';

interface Row {
  readonly epoch: string;
  readonly len: string;
  readonly capLen: string;
}

function readCapture(path: string, chunkSize: number): { rows: Row[]; error?: CaptureReadError } {
  const rows: Row[] = [];
  let error: CaptureReadError | undefined;
  const reader = createCaptureReader({
    frame: (f) =>
      rows.push({
        epoch: f.hasTimestamp ? formatEpoch(f.tsSeconds, f.tsNanos) : '',
        len: String(f.originalLength),
        capLen: String(f.capturedLength),
      }),
    error: (e) => (error = e),
  });
  const bytes = readFileSync(path);
  for (let i = 0; i < bytes.length; i += chunkSize) reader.feed(bytes.subarray(i, i + chunkSize));
  reader.end();
  return error ? { rows, error } : { rows };
}

describeCorpus('capture readers against tshark (corpus)', () => {
  const captures = corpusCaptures();
  let matched = 0;
  let frames = 0;
  let matchedFrames = 0;

  afterAll(() => {
    console.log(
      `pcap corpus: ${matched}/${captures.length} captures match tshark exactly (${matchedFrames}/${frames} frames)`,
    );
  });

  it.each(captures)('%s', (name) => {
    const expected = expectedRows(name).map((r) => ({
      epoch: r['frame.time_epoch'] ?? '',
      len: r['frame.len'] ?? '',
      capLen: r['frame.cap_len'] ?? '',
    }));
    const status = expectedStatus(name);
    const { rows, error } = readCapture(capturePath(name), 4093);
    frames += expected.length;
    matchedFrames += expected.filter((row, i) => JSON.stringify(row) === JSON.stringify(rows[i])).length;
    expect(rows).toEqual(expected);
    if (status.summaryExit === 2) expect(error).toBeDefined();
    else expect(error).toBeUndefined();
    matched += 1;
  });

  it('reads the same frames whole as in 1-byte chunks (ppp-pcapng-example, dpkt-truncated-file)', () => {
    for (const name of ['ppp-pcapng-example.pcapng', 'dpkt-truncated-file.pcap']) {
      expect(readCapture(capturePath(name), 1)).toEqual(readCapture(capturePath(name), 1 << 30));
    }
  });
});
