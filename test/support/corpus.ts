/**
 * Access to the conformance corpus in ../shared/corpus (real captures from public projects, with
 * tshark 4.0.17's output for each). The files are read in place, never copied into the repository.
 * Tests that need it call `describeCorpus`, which skips visibly when ../shared is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = process.env.HAMMERHEAD_CORPUS ?? resolve(here, '../../../shared/corpus');
export const corpusAvailable = existsSync(join(CORPUS_DIR, 'captures'));

/** `describe` when the corpus is present; otherwise a skipped suite whose name says why. */
export function describeCorpus(name: string, body: () => void): void {
  if (corpusAvailable) describe(name, body);
  else describe.skip(`${name} (skipped: no corpus at ${CORPUS_DIR})`, body);
}

export function corpusCaptures(): string[] {
  if (!corpusAvailable) return [];
  return readdirSync(join(CORPUS_DIR, 'captures')).sort();
}

export function capturePath(name: string): string {
  return join(CORPUS_DIR, 'captures', name);
}

export type ExpectedRow = Record<string, string>;

/** Rows of `expected/<capture>.tsv` (summary) or `.fields.tsv` (fields), keyed by column name. */
export function expectedRows(capture: string, kind: 'summary' | 'fields' = 'summary'): ExpectedRow[] {
  const file = join(CORPUS_DIR, 'expected', kind === 'summary' ? `${capture}.tsv` : `${capture}.fields.tsv`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = (lines.shift() ?? '').split('\t');
  return lines
    .filter((line) => line.length > 0)
    .map((line) => {
      const cells = line.split('\t');
      const row: ExpectedRow = {};
      header.forEach((name, i) => (row[name] = cells[i] ?? ''));
      return row;
    });
}

export interface ExpectedStatus {
  readonly summaryExit: number;
  readonly keylog: string;
  readonly stderr: string;
}

export function expectedStatus(capture: string): ExpectedStatus {
  const text = readFileSync(join(CORPUS_DIR, 'expected', `${capture}.status`), 'utf8');
  const [head = '', stderr = ''] = text.split('--- stderr\n');
  const value = (key: string) =>
    head
      .split('\n')
      .find((line) => line.startsWith(`${key}=`))
      ?.slice(key.length + 1) ?? '';
  return { summaryExit: Number(value('summary_exit')), keylog: value('tls_keylog'), stderr: stderr.trim() };
}
