/**
 * NSS key logs (`LABEL <client random hex> <secret hex>`, one per line) as the fault cases need them:
 * which sessions a log names, the same log with every secret altered, and with one line cut short.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface KeyLine {
  readonly label: string;
  readonly clientRandom: string;
  readonly secret: string;
}

export function readKeyLog(path: string): KeyLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string, string] => parts.length === 3 && !parts[0]?.startsWith('#'))
    .map(([label, clientRandom, secret]) => ({ label, clientRandom: clientRandom.toLowerCase(), secret }));
}

export function clientRandoms(path: string): Set<string> {
  return new Set(readKeyLog(path).map((line) => line.clientRandom));
}

const format = (lines: readonly KeyLine[]) =>
  lines.map((l) => `${l.label} ${l.clientRandom} ${l.secret}\n`).join('');

/** Every secret of `from` with its first byte flipped: well-formed lines, wrong keys. */
export function writeCorrupted(from: string, to: string): void {
  const flip = (hex: string) => ((parseInt(hex.slice(0, 2), 16) ^ 0xff) & 0xff).toString(16).padStart(2, '0');
  writeFileSync(
    to,
    format(readKeyLog(from).map((l) => ({ ...l, secret: flip(l.secret) + l.secret.slice(2) }))),
  );
}

/**
 * The lines of `from` for the sessions in `randoms`, the `cut`-th of them cut in the middle of its
 * secret (still ending with a newline: the writer died mid-line and a later line followed).
 */
export function writeWithTruncatedLine(
  from: string,
  to: string,
  randoms: ReadonlySet<string>,
  cut: number,
): number {
  const lines = readKeyLog(from).filter((l) => randoms.has(l.clientRandom));
  const text = lines.map((l, i) => {
    const line = `${l.label} ${l.clientRandom} ${l.secret}`;
    return `${i === cut ? line.slice(0, line.length - l.secret.length / 2) : line}\n`;
  });
  writeFileSync(to, text.join(''));
  return lines.length;
}
