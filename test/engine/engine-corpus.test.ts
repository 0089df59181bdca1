/**
 * Every corpus capture opens as a lane through the engine's contract, with tshark's frame count;
 * files that tshark could only read in part give the same frames plus a precise error.
 * Needs ../shared/corpus (skips visibly without it).
 */
import { afterAll, expect, it } from 'vitest';
import type { LaneId, ViewId } from '../../shared/contract/index.js';
import { Engine } from '../../electron/engine/engine.js';
import {
  capturePath,
  corpusCaptures,
  describeCorpus,
  expectedRows,
  expectedStatus,
} from '../support/corpus.js';

describeCorpus('engine opens every corpus capture', () => {
  const engine = new Engine();
  afterAll(() => engine.dispose());

  for (const name of corpusCaptures()) {
    it(name, async () => {
      const opened = await engine.handle('file.open', { path: capturePath(name) });
      const lane = opened.lane as LaneId;
      await engine.loaded(lane);
      const { lanes } = await engine.handle('lanes.list', {});
      const info = lanes.find((l) => l.lane === lane);
      const expected = expectedRows(name);
      const status = expectedStatus(name);
      expect(info?.frames).toBe(expected.length);
      if (status.summaryExit === 0) expect(info?.error).toBeNull();
      else expect(info?.error?.message).toMatch(/\w/);
      expect(info?.state).toBe(expected.length > 0 || status.summaryExit === 0 ? 'done' : 'failed');

      const rows = [];
      for (let start = 0; start < expected.length; start += 5000) {
        rows.push(
          ...(await engine.handle('packets.rows', { lane, view: 0 as ViewId, start, count: 5000 })).rows,
        );
      }
      expect(rows.map((row) => row.length)).toEqual(expected.map((row) => Number(row['frame.len'])));
      expect(rows.map((row) => row.capturedLength)).toEqual(
        expected.map((row) => Number(row['frame.cap_len'])),
      );
      await engine.handle('lanes.close', { lane });
    });
  }
});
