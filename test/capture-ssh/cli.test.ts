/**
 * `hammerhead capture --ssh …`, in-process against the lab: frames printed as `hammerhead decode`
 * prints them, written to pcapng with -w, tcpdump's counters at the end; an unknown host refused
 * with its fingerprint unless --accept-new-host-key, which remembers it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptureSsh } from '../../electron/cli/capture-ssh.js';
import { run, sleep } from '../lab/exec.js';
import { cleanupStale, labUp, type Lab } from '../lab/lab.js';
import { backRequests } from '../lab/oracle.js';
import { httpTo, labUnavailableReason, sshFixture, target, type SshFixture } from './support.js';

const reason = labUnavailableReason();

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe.skipIf(reason)(`hammerhead capture --ssh${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let lab: Lab;
  let fx: SshFixture;
  beforeAll(async () => {
    await cleanupStale();
    lab = await labUp({ maxLifetimeSeconds: 300, healthCheckIntervalSeconds: 30 });
    fx = sshFixture(lab);
  });
  afterAll(async () => lab?.down());

  async function cli(args: string[], during?: () => void) {
    const out = new Collect();
    const err = new Collect();
    const signal = new AbortController().signal;
    const running = runCaptureSsh(args, { out, err, signal });
    if (during) {
      for (let i = 0; i < 100 && !err.text.includes('listening on'); i++) await sleep(50);
      during();
    }
    return { code: await running, out: out.text, err: err.text };
  }

  it('prints each frame as decode does, writes pcapng, and ends with tcpdump’s counters', async () => {
    const t1 = target(lab, 0);
    const file = join(fx.dir, 'cli.pcapng');
    const { code, out, err } = await cli(
      [
        '--ssh',
        `${t1.ssh.user}@${t1.address}`,
        '--identity',
        t1.ssh.privateKeyPath,
        '--known-hosts',
        fx.knownHostsFile,
        '--sudo',
        '-i',
        t1.iface,
        '-f',
        'tcp port 80',
        '-c',
        '20',
        '-w',
        file,
        '-F',
        '/dev/null',
      ],
      () => httpTo(lab, t1, 'tok-cli', 3),
    );
    expect(err).toContain(`ec2-user@${t1.address}:22: tcpdump: listening on ${t1.iface}`);
    expect(code, err).toBe(0);
    const lines = out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatch(
      new RegExp(`^ +1 0\\.000000 [\\d.]+ → ${t1.address.replace(/\./g, '\\.')} TCP 74 `),
    );
    expect(lines.some((line) => line.includes('GET /echo/tok-cli-0 HTTP/1.1'))).toBe(true);
    expect(err).toMatch(
      /\n20 packets captured, \d+ received by filter, 0 dropped by kernel; 20 frames stored\n/,
    );
    expect(run(['capinfos', '-c', '-M', file]).stdout).toMatch(/Number of packets:\s+20/);
    expect(backRequests(file).some((r) => r.path === '/echo/tok-cli-0')).toBe(true);
  });

  it('refuses an unknown host with its fingerprint; --accept-new-host-key trusts and remembers it', async () => {
    const t2 = target(lab, 1);
    const knownHosts = join(fx.dir, 'cli_known_hosts');
    writeFileSync(knownHosts, '');
    const base = [
      '--ssh',
      `${t2.ssh.user}@${t2.address}`,
      '--identity',
      t2.ssh.privateKeyPath,
      '--known-hosts',
      knownHosts,
      '-F',
      '/dev/null',
    ];
    const refused = await cli([...base, '--sudo', '-i', t2.iface]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(t2.ssh.hostKeyFingerprint);
    expect(refused.err).toContain('run again with --accept-new-host-key');
    expect(readFileSync(knownHosts, 'utf8')).toBe('');
    const accepted = await cli([
      ...base,
      '--accept-new-host-key',
      '--sudo',
      '-i',
      t2.iface,
      '-a',
      'duration:1',
    ]);
    expect(accepted.code, accepted.err).toBe(0);
    expect(readFileSync(knownHosts, 'utf8')).toBe(`${t2.ssh.knownHostsLine}\n`);
  });

  it('says what is wrong with the arguments', async () => {
    const { code, err } = await cli(['--ssh', 'h', '-c', 'many']);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^hammerhead: -c wants a positive whole number, not "many"\nusage: hammerhead capture --ssh/,
    );
  });
});
