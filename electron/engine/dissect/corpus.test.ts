/**
 * Conformance with tshark 4.0.17 on the corpus (../shared/corpus): the summary columns and tcp.stream
 * of every frame, the TCP analysis flags, frame.protocols from the detail path, and the DNS, HTTP, TLS and
 * HTTP/2 fields (see corpus-compare.ts for what is compared where). Rates are printed and asserted just
 * below what this dissector reaches, so a regression fails and an improvement shows.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { capturePath, corpusCaptures, describeCorpus, expectedRows } from '../../../test/support/corpus.js';
import { compareRow, mismatches, rates } from './corpus-compare.js';
import { keylessRows } from './corpus-keyless.js';
import { createLaneDissector, defaultRegistry, type LaneDissector } from './index.js';
import { emptySummary } from './test-support.js';
import { summarizeCapture, type SummarizedFrame } from './corpus-frames.js';

type Frame = SummarizedFrame;

function readFrames(name: string, lane: LaneDissector, frames: Frame[]): Frame[] {
  return summarizeCapture(new Uint8Array(readFileSync(capturePath(name))), lane, frames);
}

let contained = 0;

function compareCapture(name: string): void {
  const registry = defaultRegistry();
  const frames: Frame[] = [];
  const lane = createLaneDissector(registry, { frameBytes: (n) => frames[n - 1]?.data });
  readFrames(name, lane, frames);
  const rows = keylessRows(name, 'summary', expectedRows(name));
  const fields = keylessRows(name, 'fields', expectedRows(name, 'fields'));
  const replayed = emptySummary();
  frames.forEach((frame, i) => {
    const row = rows[i];
    const fieldRow = fields[i];
    if (!row || !fieldRow) return;
    compareRow(frame.summary, row, fieldRow, () => lane.details(frame));
    // What a store that keeps no Info strings gets back later, once the whole file is read.
    lane.replay(frame, replayed);
    rates.replay.add(JSON.stringify(replayed) === JSON.stringify(frame.summary));
  });
  contained += registry.failures;
}

describeCorpus('dissection against tshark (corpus)', () => {
  beforeAll(() => {
    for (const name of corpusCaptures()) compareCapture(name);
    const lines = Object.entries(rates).map(([metric, rate]) => `  ${metric.padEnd(22)} ${rate.toString()}`);
    const classes = [...mismatches]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`);
    console.log(
      `dissection conformance with tshark 4.0.17:\n${lines.join('\n')}\nmain mismatch classes:\n${classes.join('\n')}`,
    );
  });

  it('Source and Destination match on (almost) every frame', () => {
    expect(rates.source.value).toBeGreaterThanOrEqual(0.9995);
    expect(rates.destination.value).toBeGreaterThanOrEqual(0.999);
  });

  it('Protocol matches where tshark shows a protocol decoded here, and names the carrier elsewhere', () => {
    expect(rates.protocol.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.carrier.value).toBeGreaterThanOrEqual(0.999);
  });

  it('Info matches, reassembled rows included', () => {
    expect(rates.infoWithoutReassembly.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.info.value).toBeGreaterThanOrEqual(0.999);
  });

  it('tcp.stream and the TCP analysis flags match', () => {
    expect(rates.stream.value).toBe(1);
    expect(rates.analysis.value).toBeGreaterThanOrEqual(0.999);
  });

  it('HTTP and DNS rows: Protocol, Info (reassembled ones included) and their fields match', () => {
    expect(rates.httpProtocol.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.httpInfo.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.httpFields.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.dnsProtocol.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.dnsInfo.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.dnsFields.value).toBeGreaterThanOrEqual(0.999);
  });

  it('TLS rows: Protocol (TLSv1 … TLSv1.3, SSL), Info and the tls.* fields match', () => {
    expect(rates.tlsProtocol.value).toBeGreaterThanOrEqual(0.999);
    // The misses: three `[TCP ACKed unseen segment]` flags TCP analysis gives where tshark does not.
    expect(rates.tlsInfo.value).toBeGreaterThanOrEqual(0.999);
    expect(rates.tlsFields.value).toBeGreaterThanOrEqual(0.999);
  });

  it('HTTP/2 rows: Protocol, Info and the http2.* fields match', () => {
    expect(rates.http2Protocol.value).toBeGreaterThanOrEqual(0.99);
    // The miss: tshark 4.0 gives up on a 16 KiB HEADERS frame cut by its segment (see CONFORMANCE.md).
    expect(rates.http2Info.value).toBeGreaterThanOrEqual(0.94);
    expect(rates.http2Fields.value).toBeGreaterThanOrEqual(0.94);
  });

  it('replaying a frame after the whole file gives the columns the summary pass gave', () => {
    expect(rates.replay.value).toBeGreaterThanOrEqual(0.999);
  });

  it('the detail path names the same layers as frame.protocols, and no dissector failed', () => {
    // The misses: OCSP nested in OCSP and XML in text lines, which are not dissected as tshark nests them.
    expect(rates.protocols.value).toBeGreaterThanOrEqual(0.999);
    expect(contained).toBe(0);
  });
});
