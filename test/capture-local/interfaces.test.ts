/**
 * The picker's data without capture rights: what tcpdump lists joined with the OS (addresses,
 * flags, link type), the counters the sparklines move with, and host resolution for the preset.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { findHelpers } from '../../electron/engine/capture/local-helper.js';
import { freePort } from './support.js';
import { sendUdp } from './traffic.js';

const why =
  process.platform !== 'linux'
    ? `these tests read /sys and /proc (this is ${process.platform})`
    : findHelpers().length === 0
      ? 'neither tcpdump nor dumpcap is installed'
      : null;
let engine: Engine;
afterEach(async () => engine?.dispose());

describe.skipIf(why !== null)(`the interface picker’s data${why ? ` (skipped: ${why})` : ''}`, () => {
  it('lists lo with its addresses and flags', async () => {
    engine = new Engine();
    const { interfaces, readiness } = await engine.handle('capture.interfaces', {});
    const lo = interfaces.find((i) => i.name === 'lo');
    expect(lo).toMatchObject({ up: true, loopback: true, wireless: false, linkType: 1, usable: true });
    expect(lo?.addresses).toContain('127.0.0.1/8');
    expect(interfaces.find((i) => i.name === 'any')).toMatchObject({ linkType: 276, usable: true });
    expect(readiness.helper?.path).toMatch(/tcpdump|dumpcap/);
  });

  it('counts packets per interface between two polls', async () => {
    engine = new Engine();
    const before = await engine.handle('capture.counters', {});
    await sendUdp({ address: '127.0.0.1', port: freePort(), count: 50 });
    const after = await engine.handle('capture.counters', {});
    const lo = (c: typeof before) => c.counters.find((x) => x.name === 'lo')?.packets ?? 0;
    expect(after.at).toBeGreaterThanOrEqual(before.at);
    expect(lo(after) - lo(before)).toBeGreaterThanOrEqual(50);
  });

  it('resolves a host name for the front-leg preset (from /etc/hosts: no traffic leaves)', async () => {
    engine = new Engine();
    const { addresses } = await engine.handle('capture.resolve', { host: 'localhost' });
    expect(addresses).toContain('127.0.0.1');
    // An address is its own answer, without a lookup.
    expect(await engine.handle('capture.resolve', { host: '192.0.2.7' })).toEqual({
      host: '192.0.2.7',
      addresses: ['192.0.2.7'],
    });
  });
});
