/**
 * NSS key log parser (https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/):
 *
 *   # comment
 *   CLIENT_RANDOM <client random: 32 bytes hex> <master secret: 48 bytes hex>
 *   SERVER_TRAFFIC_SECRET_0 <client random> <secret: 32 or 48 bytes hex (the suite's hash length)>
 *
 * Incremental, because a browser appends to the file while we read it: `feed` keeps a partial last
 * line until the rest arrives or `end()` says there is no rest. Nothing here throws on bad input: a
 * line is either a secret, a well-formed line of a label we do not use (counted `ignored`), or
 * `malformed` (counted). Hex is accepted in either case and handed on in lowercase, the lookup key.
 */
import { SECRET_LABELS, type SecretLabel } from './secrets.js';

export interface KeyLogEntry {
  readonly label: SecretLabel;
  /** 64 lowercase hex digits. */
  readonly clientRandom: string;
  readonly secret: Uint8Array;
}

/** `lines` counts every line that is not blank or a comment: lines = used + ignored + malformed. */
export interface KeyLogCounts {
  lines: number;
  malformed: number;
  ignored: number;
}

/** Secret lengths in bytes: the TLS ≤1.2 master secret, and TLS 1.3 secrets of SHA-256 or SHA-384. */
const SECRET_BYTES: Readonly<Record<SecretLabel, readonly number[]>> = {
  CLIENT_RANDOM: [48],
  CLIENT_HANDSHAKE_TRAFFIC_SECRET: [32, 48],
  SERVER_HANDSHAKE_TRAFFIC_SECRET: [32, 48],
  CLIENT_TRAFFIC_SECRET_0: [32, 48],
  SERVER_TRAFFIC_SECRET_0: [32, 48],
};

/**
 * Far longer than any real line (the longest is ~200 characters). A file with no newline for this
 * long is not a key log; holding all of it would let a stray binary file grow memory without bound.
 */
const MAX_LINE = 4096;

const RANDOM_HEX = /^[0-9a-fA-F]{64}$/;
const EVEN_HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** Labels of lines we parse but do not use (EXPORTER_SECRET, RSA, PMS_CLIENT_RANDOM, early traffic…). */
const LABEL = /^[A-Z][A-Z0-9_]*$/;

export class KeyLogParser {
  readonly counts: KeyLogCounts = { lines: 0, malformed: 0, ignored: 0 };
  private partial = '';
  /** Inside an overlong line: its remainder is skipped up to the next newline. */
  private skipping = false;

  constructor(private readonly onEntry: (entry: KeyLogEntry) => void) {}

  /** More of the file; lines may be split anywhere between calls. */
  feed(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.skipping) this.skipping = false;
      else this.line(this.partial + piece);
      this.partial = '';
    }
    if (this.skipping) return;
    this.partial += text.slice(start);
    if (this.partial.length > MAX_LINE) {
      this.counts.lines++;
      this.counts.malformed++;
      this.partial = '';
      this.skipping = true;
    }
  }

  /**
   * No more text for now: a last line without a newline is taken as it is (a truncated one fails its
   * length check and is counted malformed). The parser stays usable: later text starts a new line.
   */
  end(): void {
    const last = this.partial;
    this.partial = '';
    this.skipping = false;
    if (last !== '') this.line(last);
  }

  /** Whether part of a line is held back, waiting for its newline. */
  get pending(): boolean {
    return this.partial !== '';
  }

  /** Forgets the counts and any partial line (the file was replaced and is read again from its start). */
  restart(): void {
    this.counts.lines = this.counts.malformed = this.counts.ignored = 0;
    this.partial = '';
    this.skipping = false;
  }

  private line(raw: string): void {
    // A UTF-8 byte order mark read as latin1 (files are decoded byte for byte) on the first line.
    const text = raw.replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, '').trim();
    if (text === '' || text.startsWith('#')) return;
    this.counts.lines++;
    const entry = classify(text.split(/[ \t]+/));
    if (entry === 'ignored') this.counts.ignored++;
    else if (entry === 'malformed') this.counts.malformed++;
    else this.onEntry(entry);
  }
}

function classify(fields: readonly string[]): KeyLogEntry | 'ignored' | 'malformed' {
  if (fields.length !== 3) return 'malformed';
  const [label, random, secret] = fields as [string, string, string];
  if (!isSecretLabel(label)) {
    return LABEL.test(label) && EVEN_HEX.test(random) && EVEN_HEX.test(secret) ? 'ignored' : 'malformed';
  }
  if (!RANDOM_HEX.test(random) || !EVEN_HEX.test(secret)) return 'malformed';
  if (!SECRET_BYTES[label].includes(secret.length / 2)) return 'malformed';
  return { label, clientRandom: random.toLowerCase(), secret: Buffer.from(secret, 'hex') };
}

function isSecretLabel(label: string): label is SecretLabel {
  return (SECRET_LABELS as readonly string[]).includes(label);
}

/** A whole key log at once (a DSB, a file read in one go). */
export function parseKeyLog(text: string): { entries: KeyLogEntry[]; counts: KeyLogCounts } {
  const entries: KeyLogEntry[] = [];
  const parser = new KeyLogParser((entry) => entries.push(entry));
  parser.feed(text);
  parser.end();
  return { entries, counts: parser.counts };
}
