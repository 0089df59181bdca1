/** `hammerhead capture --ssh …`: every option, and the first problem named. */
import { describe, expect, it } from 'vitest';
import { parseSshCaptureArgs } from './capture-args.js';

describe('capture --ssh arguments', () => {
  it('reads every option', () => {
    const args = parseSshCaptureArgs([
      '--ssh',
      'ec2-user@10.0.0.5:2222',
      '-J',
      'bastion',
      '--identity',
      '/k',
      '--sudo',
      '-i',
      'ens5',
      '-f',
      'port 80',
      '-c',
      '100',
      '-a',
      'duration:30',
      '-w',
      'out.pcapng',
      '--known-hosts',
      '/kh',
      '--accept-new-host-key',
      '-F',
      '/cfg',
    ]);
    expect(args).toEqual({
      destination: { user: 'ec2-user', host: '10.0.0.5', port: 2222 },
      proxyJump: 'bastion',
      identity: '/k',
      privilege: 'sudo',
      interface: 'ens5',
      filter: 'port 80',
      count: 100,
      durationSeconds: 30,
      write: 'out.pcapng',
      knownHosts: '/kh',
      acceptNewHostKey: true,
      configFile: '/cfg',
    });
  });

  it('has defaults: no privilege, tcpdump’s interface, the back leg’s filter', () => {
    expect(parseSshCaptureArgs(['--ssh', 'target'])).toEqual({
      destination: { host: 'target' },
      privilege: 'none',
      interface: null,
      filter: 'tcp port 80',
      acceptNewHostKey: false,
    });
  });

  it('names the first problem', () => {
    expect(() => parseSshCaptureArgs([])).toThrow(/--ssh .* is required/);
    expect(() => parseSshCaptureArgs(['--ssh', 'h', '-c', '0'])).toThrow(/positive whole number/);
    expect(() => parseSshCaptureArgs(['--ssh', 'h', '-a', '30'])).toThrow(/duration:SECONDS/);
    expect(() => parseSshCaptureArgs(['--ssh', 'h', '--sudo', '--doas'])).toThrow(/not both/);
    expect(() => parseSshCaptureArgs(['--ssh', 'h', '-x'])).toThrow(/unknown argument "-x"/);
    expect(() => parseSshCaptureArgs(['--ssh'])).toThrow(/needs a value/);
  });
});
