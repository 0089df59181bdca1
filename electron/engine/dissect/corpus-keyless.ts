/**
 * For the corpus test: what tshark shows for the keyed captures when it has no key log. The corpus's
 * expected files were made with the key logs in `keys/` (decrypted HTTP, HTTP/2, TLS 1.3 handshake
 * messages), and decryption is issue 8's; `corpus-keyless.tsv` holds the cells that differ when tshark 4.0.17
 * runs the corpus's own `make-expected.sh` with an empty `keys/` directory, so that this dissector is judged
 * against what tshark says of the same bytes without keys.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
/** A row of tshark's output, keyed by column name (as test/support/corpus.ts reads it). */
type ExpectedRow = Record<string, string>;

type Kind = 'summary' | 'fields';

/** capture → kind → frame number → the cells that differ. */
let overrides: Map<string, Map<string, Record<string, string>>> | undefined;

function load(): Map<string, Map<string, Record<string, string>>> {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'corpus-keyless.tsv');
  const out = new Map<string, Map<string, Record<string, string>>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const [capture = '', kind = '', frame = '', ...cells] = line.split('\t');
    const key = `${capture}\t${kind}`;
    let byFrame = out.get(key);
    if (!byFrame) out.set(key, (byFrame = new Map()));
    const row: Record<string, string> = {};
    for (const cell of cells) {
      const eq = cell.indexOf('=');
      row[cell.slice(0, eq)] = cell.slice(eq + 1);
    }
    byFrame.set(frame, row);
  }
  return out;
}

/** `rows` (as read from the corpus) with tshark's keyless cells put in. */
export function keylessRows(capture: string, kind: Kind, rows: ExpectedRow[]): ExpectedRow[] {
  overrides ??= load();
  const byFrame = overrides.get(`${capture}\t${kind}`);
  if (!byFrame) return rows;
  return rows.map((row) => {
    const cells = byFrame.get(row['frame.number'] ?? '');
    return cells ? { ...row, ...cells } : row;
  });
}
