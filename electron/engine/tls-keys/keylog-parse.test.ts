import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusAvailable, describeCorpus } from '../../../test/support/corpus.js';
import { KeyLogParser, parseKeyLog, type KeyLogEntry } from './keylog-parse.js';

const RANDOM = 'ab'.repeat(32);
const SECRET_48 = 'cd'.repeat(48);
const SECRET_32 = 'ef'.repeat(32);

function summary(entries: readonly KeyLogEntry[]) {
  return entries.map((e) => [e.label, e.clientRandom, Buffer.from(e.secret).toString('hex')]);
}

describe('NSS key log parser', () => {
  it('reads the five labels it decrypts with, in either case of hex, handing on lowercase', () => {
    const upper = 'AB'.repeat(32);
    const { entries, counts } = parseKeyLog(
      [
        `CLIENT_RANDOM ${upper} ${SECRET_48.toUpperCase()}`,
        `CLIENT_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${SECRET_32}`,
        `SERVER_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${SECRET_48}`,
        `CLIENT_TRAFFIC_SECRET_0 ${RANDOM} ${SECRET_32}`,
        `SERVER_TRAFFIC_SECRET_0 ${RANDOM} ${SECRET_32}`,
      ].join('\n'),
    );
    expect(summary(entries)).toEqual([
      ['CLIENT_RANDOM', RANDOM, SECRET_48],
      ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', RANDOM, SECRET_32],
      ['SERVER_HANDSHAKE_TRAFFIC_SECRET', RANDOM, SECRET_48],
      ['CLIENT_TRAFFIC_SECRET_0', RANDOM, SECRET_32],
      ['SERVER_TRAFFIC_SECRET_0', RANDOM, SECRET_32],
    ]);
    expect(counts).toEqual({ lines: 5, malformed: 0, ignored: 0 });
  });

  it('skips comments and blank lines, and takes CRLF and stray spaces or tabs', () => {
    const text = `# SSL/TLS secrets log file\r\n\r\n   \r\n  CLIENT_RANDOM\t${RANDOM}  ${SECRET_48}  \r\n`;
    const { entries, counts } = parseKeyLog(text);
    expect(summary(entries)).toEqual([['CLIENT_RANDOM', RANDOM, SECRET_48]]);
    expect(counts).toEqual({ lines: 1, malformed: 0, ignored: 0 });
  });

  it('counts well-formed lines of other labels as ignored', () => {
    const { entries, counts } = parseKeyLog(
      [
        `EXPORTER_SECRET ${RANDOM} ${SECRET_32}`,
        `CLIENT_EARLY_TRAFFIC_SECRET ${RANDOM} ${SECRET_48}`,
        `EARLY_EXPORTER_SECRET ${RANDOM} ${SECRET_32}`,
        `RSA 0123456789abcdef ${SECRET_48}`,
        `PMS_CLIENT_RANDOM ${RANDOM} ${SECRET_48}`,
        `CLIENT_TRAFFIC_SECRET_1 ${RANDOM} ${SECRET_32}`,
      ].join('\n'),
    );
    expect(entries).toEqual([]);
    expect(counts).toEqual({ lines: 6, malformed: 0, ignored: 6 });
  });

  it.each([
    ['bad hex in the secret', `CLIENT_RANDOM ${RANDOM} ${'zz'.repeat(48)}`],
    ['an odd number of digits', `CLIENT_RANDOM ${RANDOM} ${SECRET_48}a`],
    ['a short client random', `CLIENT_RANDOM ${'ab'.repeat(31)} ${SECRET_48}`],
    ['a master secret of 32 bytes', `CLIENT_RANDOM ${RANDOM} ${SECRET_32}`],
    ['a TLS 1.3 secret of 40 bytes', `SERVER_TRAFFIC_SECRET_0 ${RANDOM} ${'ab'.repeat(40)}`],
    ['a missing secret', `CLIENT_RANDOM ${RANDOM}`],
    ['a field too many', `CLIENT_RANDOM ${RANDOM} ${SECRET_48} extra`],
    ['a label that is not one', `client random ${RANDOM}`],
    ['an unknown label with bad hex', `EXPORTER_SECRET ${RANDOM} xyz`],
  ])('counts a line with %s as malformed, and goes on', (_what, line) => {
    const { entries, counts } = parseKeyLog(`${line}\nCLIENT_RANDOM ${RANDOM} ${SECRET_48}\n`);
    expect(summary(entries)).toEqual([['CLIENT_RANDOM', RANDOM, SECRET_48]]);
    expect(counts).toEqual({ lines: 2, malformed: 1, ignored: 0 });
  });

  it('holds a partial line until the rest comes, wherever the text is split', () => {
    const text = `# c\r\nCLIENT_RANDOM ${RANDOM} ${SECRET_48}\r\nSERVER_TRAFFIC_SECRET_0 ${RANDOM} ${SECRET_32}\n`;
    const whole = parseKeyLog(text);
    for (let at = 0; at <= text.length; at++) {
      const entries: KeyLogEntry[] = [];
      const parser = new KeyLogParser((entry) => entries.push(entry));
      parser.feed(text.slice(0, at));
      parser.feed(text.slice(at));
      expect(parser.pending).toBe(false);
      expect(summary(entries)).toEqual(summary(whole.entries));
      expect(parser.counts).toEqual(whole.counts);
    }
  });

  it('takes a last line without a newline at the end, and counts a truncated one as malformed', () => {
    expect(parseKeyLog(`CLIENT_RANDOM ${RANDOM} ${SECRET_48}`).entries).toHaveLength(1);
    const cut = parseKeyLog(
      `CLIENT_RANDOM ${RANDOM} ${SECRET_48}\nCLIENT_RANDOM ${RANDOM} ${SECRET_48.slice(0, 50)}`,
    );
    expect(cut.entries).toHaveLength(1);
    expect(cut.counts).toEqual({ lines: 2, malformed: 1, ignored: 0 });
  });

  it('gives up on an endless line (not a key log) as one malformed line and reads on', () => {
    const entries: KeyLogEntry[] = [];
    const parser = new KeyLogParser((entry) => entries.push(entry));
    for (let i = 0; i < 100; i++) parser.feed('x'.repeat(1000));
    parser.feed(`tail\nCLIENT_RANDOM ${RANDOM} ${SECRET_48}\n`);
    expect(entries).toHaveLength(1);
    expect(parser.counts).toEqual({ lines: 2, malformed: 1, ignored: 0 });
  });

  it('never throws, and every line it counts is a secret, ignored or malformed', () => {
    const piece = fc.oneof(
      fc.constantFrom('CLIENT_RANDOM', 'EXPORTER_SECRET', ' ', '\t', '\n', '\r\n', '#', RANDOM, SECRET_32),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat({ max: 30 }), (pieces, split) => {
        const text = pieces.join('');
        const entries: KeyLogEntry[] = [];
        const parser = new KeyLogParser((entry) => entries.push(entry));
        parser.feed(text.slice(0, split));
        parser.feed(text.slice(split));
        parser.end();
        const { lines, malformed, ignored } = parser.counts;
        expect(lines).toBe(entries.length + malformed + ignored);
      }),
    );
  });
});

describeCorpus('NSS key log parser on the corpus key logs', () => {
  const dir = join(CORPUS_DIR, 'keys');
  it.each(corpusAvailable ? readdirSync(dir).sort() : [])(
    '%s: every line is used or ignored, none malformed',
    (name) => {
      const { entries, counts } = parseKeyLog(readFileSync(join(dir, name), 'latin1'));
      expect(counts.malformed).toBe(0);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length + counts.ignored).toBe(counts.lines);
    },
  );
});
