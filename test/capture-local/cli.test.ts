/**
 * `hammerhead capture` in-process on lo: lines as frames arrive, stop conditions, -w, --json, and
 * the non-zero exits with a message that says what to do.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCaptureArgs, type CaptureCliOptions } from '../../electron/cli/capture-args.js';
import { runCapture, type CaptureIo } from '../../electron/cli/capture.js';
import { runDecode } from '../../electron/cli/decode.js';
import { captureUnavailable, freePort } from './support.js';
import { sendUdp } from './traffic.js';

const why = captureUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'hhlc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

async function capture(args: string[], traffic?: () => Promise<void>, io: CaptureIo = {}) {
  const options = parseCaptureArgs(args) as CaptureCliOptions;
  const out = collect();
  const err = collect();
  let sending: Promise<void> = Promise.resolve();
  const onListening = () => void (sending = traffic?.() ?? sending);
  const status = await runCapture(options, { out: out.stream, err: err.stream, onListening, ...io });
  await sending;
  return { status, out: out.text(), err: err.text() };
}

describe('capture arguments', () => {
  it('read tcpdump’s and tshark’s letters, and refuse the rest with a reason', () => {
    expect(
      parseCaptureArgs([
        '-i',
        'lo',
        '-i',
        'eth0',
        '-f',
        'tcp port 443',
        '-c',
        '5',
        '-a',
        'duration:2.5',
        '-a',
        'filesize:10',
        '-w',
        'x.pcapng',
        '-p',
        '--json',
      ]),
    ).toEqual({
      interfaces: ['lo', 'eth0'],
      filter: 'tcp port 443',
      count: 5,
      seconds: 2.5,
      bytes: 10000,
      out: 'x.pcapng',
      promiscuous: false,
      json: true,
      admin: false,
    });
    expect(parseCaptureArgs(['-f', 'tcp'])).toMatch(/needs an interface/);
    expect(parseCaptureArgs(['-i', 'lo', '-c', 'ten'])).toBe('-c needs a positive number, not "ten"');
    expect(parseCaptureArgs(['-i', 'lo', '-a', 'hours:1'])).toMatch(/-a takes duration:SECONDS/);
    expect(parseCaptureArgs(['-i', 'lo', '-x'])).toBe('unknown capture option "-x"');
  });
});

describe.skipIf(why !== null)(`hammerhead capture on lo${why ? ` (skipped: ${why})` : ''}`, () => {
  it('prints a line per frame, stops after -c, and writes -w', async () => {
    const port = freePort();
    const file = join(dir, 'lo.pcapng');
    const run = await capture(['-i', 'lo', '-f', `udp dst port ${port}`, '-c', '20', '-w', file], () =>
      sendUdp({ address: '127.0.0.1', port, count: 30 }),
    );
    expect(run.err).toMatch(
      /^lo: 20 frames; 20 packets captured, \d+ received by filter, 0 dropped by kernel/,
    );
    expect(run.status).toBe(0);
    const lines = run.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatch(
      new RegExp(`^    1 0\\.000000000 127\\.0\\.0\\.1 → 127\\.0\\.0\\.1 UDP 74 \\d+ → ${port} Len=32$`),
    );
    const decoded = collect();
    expect(await runDecode(file, { json: false, out: decoded.stream })).toBe(0);
    expect(decoded.text().trim().split('\n')).toHaveLength(20);
    expect(statSync(file).size).toBeGreaterThan(20 * 74);
  });

  it('--json lines, -a duration', async () => {
    const port = freePort();
    const started = Date.now();
    const run = await capture(['-i', 'lo', '-f', `udp dst port ${port}`, '-a', 'duration:1', '--json'], () =>
      sendUdp({ address: '127.0.0.1', port, count: 5 }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(run.status).toBe(0);
    const rows = run.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { number: number; protocol: string });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.protocol === 'UDP')).toBe(true);
  });

  it('exits 1 with the compiler’s message on a bad filter, and the fix without rights', async () => {
    const bad = await capture(['-i', 'lo', '-f', 'udp port'], undefined);
    expect(bad).toMatchObject({ status: 1, out: '' });
    expect(bad.err).toBe(
      'hammerhead: invalid capture filter "udp port": can\'t parse filter expression: syntax error\n',
    );
    const nobody = {
      launcher: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
      env: { PATH: '/usr/bin:/bin' },
    };
    const denied = await capture(['-i', 'lo', '-c', '1'], undefined, { service: nobody });
    expect(denied.status).toBe(1);
    expect(denied.err).toMatch(
      /may not capture as .*\n {2}sudo setcap cap_net_raw,cap_net_admin=eip \/usr\/bin\/tcpdump\n/s,
    );
  });
});
