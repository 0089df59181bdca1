/**
 * Everything that must stop a capture before it starts, with the words the user needs: a bad
 * filter (the compiler's own message), no helper installed, a helper without capture rights (run
 * as nobody, as an unprivileged user would). None of them leaves a lane or a process behind.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { CaptureStartError, LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { findHelpers } from '../../electron/engine/capture/local-helper.js';
import { captureUnavailable } from './support.js';

const tcpdump = findHelpers().find((h) => h.kind === 'tcpdump');
const why = captureUnavailable();
const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
let engine: Engine;
afterEach(async () => engine?.dispose());

async function lanes(): Promise<number> {
  return (await engine.handle('lanes.list', {})).lanes.length;
}

describe.skipIf(!tcpdump)(`capture filters${tcpdump ? '' : ' (skipped: tcpdump is not installed)'}`, () => {
  it('are checked without privileges, with the compiler’s own message', async () => {
    engine = new Engine();
    const nobody = new LocalCapture(engine, { launcher: NOBODY });
    expect(await engine.handle('capture.validate', { filter: 'tcp port 443' })).toEqual({
      filter: 'tcp port 443',
      status: 'valid',
      message: null,
    });
    expect(await nobody.validate('')).toMatchObject({ status: 'valid' });
    expect(await engine.handle('capture.validate', { filter: 'tcp prot 443', interface: 'lo' })).toEqual({
      filter: 'tcp prot 443',
      status: 'invalid',
      message: "can't parse filter expression: syntax error",
    });
    // Compiled for the interface's link type: 'any' is Linux cooked capture, which has no MAC addresses.
    const ether = await engine.handle('capture.validate', {
      filter: 'ether host 1:2:3:4:5:6',
      interface: 'any',
    });
    expect(ether.status).toBe('invalid');
    expect(ether.message).toMatch(/ether/i);
  });

  it('an invalid filter starts nothing', async () => {
    engine = new Engine();
    const start = engine.handle('capture.start', { interfaces: ['lo'], filter: 'udp port 53 and' });
    await expect(start).rejects.toThrow(
      'invalid capture filter "udp port 53 and": can\'t parse filter expression: syntax error',
    );
    expect(await lanes()).toBe(0);
    expect(spawnSync('pgrep', ['-f', 'udp port 53 and']).status).toBe(1);
  });
});

describe('a missing helper', () => {
  it('is named, with the command that installs one', async () => {
    engine = new Engine();
    const env = { PATH: '/nonexistent' };
    const capture = new LocalCapture(engine, { env, platform: 'linux' });
    const readiness = await capture.readiness();
    expect(readiness).toMatchObject({ helper: null, canCapture: false, problem: { kind: 'missing-helper' } });
    expect(readiness.problem?.fix).toContain('sudo apt-get install tcpdump    # Debian, Ubuntu');
    const start = capture.start({ interfaces: ['lo'], filter: '' });
    await expect(start).rejects.toThrow(/neither is installed/);
    await expect(start).rejects.toBeInstanceOf(CaptureStartError);
    expect(await lanes()).toBe(0);
  });
});

describe.skipIf(why !== null)(`an unprivileged helper${why ? ` (skipped: ${why})` : ''}`, () => {
  it('gets the exact fix for this OS, and nothing starts', async () => {
    engine = new Engine();
    const env = { PATH: '/usr/bin:/bin' };
    const nobody = new LocalCapture(engine, { launcher: NOBODY, env, platform: 'linux' });
    const readiness = await nobody.readiness();
    expect(readiness).toMatchObject({ canCapture: false, problem: { kind: 'no-rights' } });
    expect(readiness.problem?.fix[0]).toBe(`sudo setcap cap_net_raw,cap_net_admin=eip ${tcpdump?.path}`);
    const start = nobody.start({ interfaces: ['lo'], filter: 'udp port 9' });
    await expect(start).rejects.toThrow(/may not capture as .*CAP_NET_RAW/s);
    await expect(start).rejects.toThrow(`sudo setcap cap_net_raw,cap_net_admin=eip ${tcpdump?.path}`);
    expect(await lanes()).toBe(0);
  });

  it('the same helper as root can (the probe is what decides)', async () => {
    engine = new Engine();
    expect(await new LocalCapture(engine).readiness()).toMatchObject({ canCapture: true, problem: null });
  });
});
