/**
 * The disk that holds the spool fills during a capture: it stops with a message that says so and
 * what to do, and every frame captured so far stays readable. The disk is a small tmpfs the test
 * mounts (and unmounts); TMPDIR points the lane's spool at it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { allRows, captureUnavailable, freePort, waitForLane } from './support.js';
import { sendUdp } from './traffic.js';

const why = captureUnavailable();
const MiB = 1024 * 1024;

describe.skipIf(why !== null)(`a full disk${why ? ` (skipped: ${why})` : ''}`, () => {
  let dir = '';
  let engine: Engine;
  const saved = process.env.TMPDIR;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hhlc-disk-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', dir], { encoding: 'utf8' });
    if (mount.status !== 0) throw new Error(`mount tmpfs: ${mount.stderr}`);
    process.env.TMPDIR = dir;
  });
  afterAll(async () => {
    await engine?.dispose();
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the capture with a clear message and keeps the frames', async () => {
    engine = new Engine();
    const capture = new LocalCapture(engine, { minFreeBytes: 6 * MiB });
    const port = freePort();
    const { lanes } = await capture.start({ interfaces: ['lo'], filter: `udp dst port ${port}` });
    const lane = lanes[0]!.lane;
    await sendUdp({ address: '127.0.0.1', port, count: 9000, size: 1000, perTick: 20 }).catch(() => {});
    const info = await waitForLane(engine, lane, (i) => i.state !== 'capturing', 15_000);
    await capture.ended(lane);
    expect(info.frames).toBeGreaterThan(1000);
    expect(info.error?.message).toMatch(
      /^stopped: the disk holding the capture's spool file \(.*hhlc-disk-.*\) has only [\d.]+ MiB left\. The \d+ frames captured so far are kept: free some space, then save them\.$/,
    );
    const rows = await allRows(engine, lane);
    expect(rows).toHaveLength(info.frames);
    const last = await engine.handle('packets.details', { lane, number: rows[rows.length - 1]!.number });
    expect(last.bytesHex.length).toBe(2 * 1042);
  });
});
