/**
 * Display filters against tshark: every row of conformance-table.ts run through the engine (a
 * filtered view over the capture opened as a lane) and compared with the frames tshark 4.0.17
 * selects (conformance-expected.json; regenerate with HAMMERHEAD_FILTER_REGEN=1, see the table).
 * Prints the agreement rate and every difference; rows with a `note` may differ, others may not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { LaneId, ViewId } from '../../shared/contract/index.js';
import { checkFilter } from '../../shared/filter/index.js';
import { Engine } from '../../electron/engine/engine.js';
import { filterServiceOf } from '../../electron/engine/filter/filter-handlers.js';
import { capturePath, describeCorpus } from '../support/corpus.js';
import { CONFORMANCE, type ConformanceRow } from './conformance-table.js';

const EXPECTED = join(import.meta.dirname, 'conformance-expected.json');
const REGENERATE = process.env.HAMMERHEAD_FILTER_REGEN === '1';

type Expected = Record<string, number[]>;

const keyOf = (row: ConformanceRow) => `${row.capture}\t${row.filter}`;

function tshark(row: ConformanceRow, config: string): number[] {
  const out = execFileSync(
    'tshark',
    ['-r', capturePath(row.capture), '-Y', row.oracle ?? row.filter, '-T', 'fields', '-e', 'frame.number'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WIRESHARK_CONFIG_DIR: config },
    },
  );
  return out.split('\n').filter(Boolean).map(Number);
}

async function ours(engine: Engine, lane: LaneId, filter: string): Promise<number[] | string> {
  try {
    const { view } = await engine.handle('views.create', { lane, sort: null, filter });
    const done = await filterServiceOf(engine).settled(lane, view as ViewId);
    if (done.state !== 'done') return `filter ${done.state}: ${done.error}`;
    const numbers: number[] = [];
    for (let start = 0; start < done.matched; start += 5000) {
      const window = await engine.handle('packets.rows', { lane, view, start, count: 5000 });
      numbers.push(...window.rows.map((r) => r.number));
    }
    await engine.handle('views.close', { lane, view });
    return numbers;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** A row naming a protocol whose fields are not registered yet (TLS while its dissector is being written). */
function unregistered(filter: string): boolean {
  return checkFilter(filter).error?.message.includes('is neither a field nor a protocol name') === true;
}

function describeDifference(got: number[] | string, want: number[]): string {
  if (typeof got === 'string') return got;
  const extra = got.filter((n) => !want.includes(n));
  const missing = want.filter((n) => !got.includes(n));
  return `${got.length} vs tshark ${want.length}; only Hammerhead: [${extra.slice(0, 12).join(',')}] only tshark: [${missing.slice(0, 12).join(',')}]`;
}

describeCorpus('display filters agree with tshark 4.0.17', () => {
  const engine = new Engine();
  afterAll(() => engine.dispose());

  it(`runs ${CONFORMANCE.length} filters`, async () => {
    expect(CONFORMANCE.length).toBeGreaterThanOrEqual(80);
    const config = mkdtempSync(join(tmpdir(), 'hh-ws-'));
    const expected: Expected = REGENERATE ? {} : (JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected);
    const lanes = new Map<string, LaneId>();
    const failures: string[] = [];
    const noted: string[] = [];
    const pending: string[] = [];
    let agree = 0;
    for (const row of CONFORMANCE) {
      if (REGENERATE) expected[keyOf(row)] = tshark(row, config);
      let lane = lanes.get(row.capture);
      if (lane === undefined) {
        lane = (await engine.handle('file.open', { path: capturePath(row.capture) })).lane;
        await engine.loaded(lane);
        lanes.set(row.capture, lane);
      }
      const want = expected[keyOf(row)];
      const got = await ours(engine, lane, row.filter);
      if (want && typeof got !== 'string' && got.join(',') === want.join(',')) agree++;
      else if (unregistered(row.filter)) pending.push(`${row.capture}: ${row.filter}`);
      else
        (row.note ? noted : failures).push(
          `${row.capture}: ${row.filter}\n    ${describeDifference(got, want ?? [])}${row.note ? `\n    (${row.note})` : ''}`,
        );
    }
    if (REGENERATE) writeFileSync(EXPECTED, `${JSON.stringify(expected, null, 1)}\n`);
    console.log(
      `display filters vs tshark: ${agree}/${CONFORMANCE.length} agree (${((100 * agree) / CONFORMANCE.length).toFixed(1)}%)` +
        (noted.length ? `\nnoted differences:\n  ${noted.join('\n  ')}` : '') +
        (pending.length
          ? `\nnot run (a name the field registry does not have yet):\n  ${pending.join('\n  ')}`
          : '') +
        (failures.length ? `\nUNEXPECTED differences:\n  ${failures.join('\n  ')}` : ''),
    );
    expect(failures).toEqual([]);
  }, 900_000);
});
