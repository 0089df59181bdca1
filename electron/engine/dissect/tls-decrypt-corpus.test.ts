/**
 * Decryption against tshark 4.0.17 on the corpus's keyed captures (../shared/corpus, MANIFEST.tsv's keylog
 * column): each capture dissected with its key log, every frame's Protocol and Info compared with what
 * tshark printed *with* the keys (expected/*.tsv). The match rate is printed per capture and asserted just
 * below what this dissector reaches; records of suites Hammerhead does not decrypt (RC4, Camellia, SEED,
 * export… in wsnotes-tls-all-ciphers) are counted apart, as their rows cannot match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CORPUS_DIR, capturePath, describeCorpus, expectedRows } from '../../../test/support/corpus.js';
import { parseKeyLog } from '../tls-keys/keylog-parse.js';
import type { KeyLookup, TlsSecrets } from '../tls-keys/secrets.js';
import { createLaneDissector, defaultRegistry } from './index.js';
import { emptySummary } from './test-support.js';
import { summarizeCapture, type SummarizedFrame } from './corpus-frames.js';
import { sessionState } from './tls-decrypt.js';
import { DECODED } from './corpus-compare.js';

interface Keyed {
  readonly capture: string;
  readonly keys: string;
}

function keyedCaptures(): Keyed[] {
  const manifest = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return manifest
    .map((line) => line.split('\t'))
    .filter((cols) => (cols[9] ?? '') !== '')
    .map((cols) => ({ capture: (cols[0] ?? '').replace(/^captures\//, ''), keys: cols[9] ?? '' }));
}

export function keyLookupOf(text: string): KeyLookup {
  const map = new Map<string, Record<string, Uint8Array>>();
  for (const entry of parseKeyLog(text).entries) {
    const known = map.get(entry.clientRandom) ?? {};
    known[entry.label] = entry.secret;
    map.set(entry.clientRandom, known);
  }
  return { secrets: (hex) => map.get(hex) as TlsSecrets | undefined, generation: 1 };
}

interface Result {
  capture: string;
  frames: number;
  protocol: number;
  info: number;
  sessions: string;
  misses: string[];
  /** TLS frames whose Protocol is HTTP or HTTP2, and those of them whose details show the decrypted bytes. */
  inner: number;
  innerDetailed: number;
  failures: number;
}

function compare(keyed: Keyed): Result {
  const keys = keyLookupOf(readFileSync(join(CORPUS_DIR, keyed.keys), 'utf8'));
  const frames: SummarizedFrame[] = [];
  const registry = defaultRegistry();
  const lane = createLaneDissector(registry, { frameBytes: (n) => frames[n - 1]?.data, keys });
  summarizeCapture(new Uint8Array(readFileSync(capturePath(keyed.capture))), lane, frames);
  const summaries = frames.map((frame) => frame.summary);
  const rows = expectedRows(keyed.capture);
  const result: Result = {
    capture: keyed.capture,
    frames: 0,
    protocol: 0,
    info: 0,
    sessions: '',
    misses: [],
    inner: 0,
    innerDetailed: 0,
    failures: 0,
  };
  const replayed = emptySummary();
  const sessions = lane.tlsSessions().byStream;
  summaries.forEach((out, i) => {
    const row = rows[i];
    // Rows of protocols not dissected here (MySQL inside TLS) and of suites not decrypted here are not compared.
    if (!row || !DECODED.has(row['_ws.col.Protocol'] ?? '')) return;
    if (sessions.get(out.streamId)?.decryption?.blocked === 'unsupported suite') return;
    const frame = frames[i];
    if (!frame) return;
    lane.replay(frame, replayed);
    const details = out.protocol === 'HTTP' || out.protocol === 'HTTP2' ? lane.details(frame) : null;
    if (details?.layers.some((l) => l.id === 'tls')) {
      result.inner++;
      const decrypted = details.sources?.some((s) => s.name.startsWith('Decrypted TLS')) ?? false;
      const inner = details.layers.some((l) => l.id === 'http' || l.id === 'http2');
      if (decrypted && inner) result.innerDetailed++;
    }
    result.frames++;
    const protocolOk = out.protocol === row['_ws.col.Protocol'];
    const infoOk = replayed.info === row['_ws.col.Info'];
    if (protocolOk) result.protocol++;
    if (infoOk) result.info++;
    if ((!protocolOk || !infoOk) && result.misses.length < 6)
      result.misses.push(
        `#${i + 1} ${out.protocol} | ${replayed.info}\n      tshark: ${row['_ws.col.Protocol']} | ${row['_ws.col.Info']}`,
      );
  });
  result.failures = registry.failures;
  const states = [...lane.tlsSessions().byStream.values()].map((s) => sessionState(s));
  result.sessions = `${states.filter((s) => s === 'decrypted').length}/${states.length} decrypted`;
  return result;
}

describeCorpus('TLS decryption against tshark with keys (corpus)', () => {
  it('decrypts the keyed captures: Protocol and Info as tshark gives them with the key log', () => {
    const results = keyedCaptures().map(compare);
    let frames = 0;
    let protocol = 0;
    let info = 0;
    let inner = 0;
    let innerDetailed = 0;
    for (const r of results) {
      frames += r.frames;
      protocol += r.protocol;
      info += r.info;
      inner += r.inner;
      innerDetailed += r.innerDetailed;
      expect(r.failures, `${r.capture}: a dissector threw`).toBe(0);
      console.log(
        `${r.capture}: protocol ${r.protocol}/${r.frames}, info ${r.info}/${r.frames}, sessions ${r.sessions}` +
          (r.misses.length ? `\n    ${r.misses.join('\n    ')}` : ''),
      );
    }
    console.log(
      `decryption: Protocol ${protocol}/${frames}, Info ${info}/${frames}; ` +
        `HTTP/HTTP2 rows with decrypted details ${innerDetailed}/${inner}`,
    );
    expect(protocol / frames).toBeGreaterThanOrEqual(0.99);
    expect(info / frames).toBeGreaterThanOrEqual(0.99);
    expect(innerDetailed).toBe(inner);
    expect(inner).toBeGreaterThan(50);
  });
});
