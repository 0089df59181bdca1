/** Command lines: argv arrays with the filter as one argument, elevation that elevates only the helper. */
import { describe, expect, it } from 'vitest';
import { captureArgs, compileArgs } from './local-args.js';
import { osascriptArgv, pkexecArgv, shellQuote } from './local-elevate.js';
import { launchArgv } from './local-launch.js';
import { rightsGuidance } from './local-privileges.js';
import { withHosts } from './local-resolve.js';

const tcpdump = { kind: 'tcpdump', path: '/usr/bin/tcpdump' } as const;
const dumpcap = { kind: 'dumpcap', path: '/usr/bin/dumpcap' } as const;
const settings = {
  interface: 'eth0',
  filter: '-tcp port 443 and host "x"',
  snapLength: 128,
  promiscuous: false,
  bufferSizeMiB: 8,
  packets: 100,
};

describe('capture argv', () => {
  it('tcpdump: pcap on stdout, immediate, nanoseconds on Linux, the filter last and whole', () => {
    expect(captureArgs(tcpdump, settings, { platform: 'linux' })).toEqual([
      '-i',
      'eth0',
      '-n',
      '-w',
      '-',
      '-U',
      '--immediate-mode',
      '--time-stamp-precision=nano',
      '-s',
      '128',
      '-p',
      '-B',
      '8192',
      '-c',
      '100',
      '--',
      '-tcp port 443 and host "x"',
    ]);
    const mac = captureArgs(tcpdump, { interface: 'en0', filter: '' }, { platform: 'darwin' });
    expect(mac).toEqual(['-i', 'en0', '-n', '-w', '-', '-U', '--immediate-mode', '-s', '0', '-B', '32768']);
  });

  it('dumpcap: pcapng on stdout, quiet, the filter as -f', () => {
    expect(captureArgs(dumpcap, settings, { platform: 'linux' })).toEqual([
      '-i',
      'eth0',
      '-q',
      '-w',
      '-',
      '-s',
      '128',
      '-p',
      '-B',
      '8',
      '-c',
      '100',
      '-f',
      '-tcp port 443 and host "x"',
    ]);
  });

  it('compiles a filter from stdin’s pcap header, never as options', () => {
    expect(compileArgs('-d')).toEqual(['-d', '-r', '-', '--', '-d']);
  });

  it('a launcher goes in front of the helper', () => {
    const context = {
      platform: 'linux',
      env: {},
      launcher: ['ip', 'netns', 'exec', 'ns1'],
      statsIntervalMs: 0,
      readyTimeoutMs: 1,
      elevate: false,
    } as const;
    expect(launchArgv(tcpdump, { interface: 'lo', filter: '' }, context).slice(0, 6)).toEqual([
      'ip',
      'netns',
      'exec',
      'ns1',
      '/usr/bin/tcpdump',
      '-i',
    ]);
  });
});

describe('capture as administrator', () => {
  it('pkexec runs the helper by absolute path, which hands itself back to the user (-Z)', () => {
    const args = captureArgs(
      tcpdump,
      { interface: 'eth0', filter: 'tcp' },
      { platform: 'linux', dropToUser: 'alice' },
    );
    expect(pkexecArgv('/usr/bin/pkexec', tcpdump.path, args)).toEqual([
      '/usr/bin/pkexec',
      '/usr/bin/tcpdump',
      '-i',
      'eth0',
      '-n',
      '-w',
      '-',
      '-U',
      '--immediate-mode',
      '--time-stamp-precision=nano',
      '-s',
      '0',
      '-B',
      '32768',
      '-Z',
      'alice',
      '--',
      'tcp',
    ]);
  });

  it('osascript gets one shell string in which every argument is quoted', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('/usr/sbin/tcpdump')).toBe('/usr/sbin/tcpdump');
    const argv = osascriptArgv(
      '/usr/bin/osascript',
      '/usr/sbin/tcpdump',
      ['-w', '/tmp/h h/data', '--', 'host "a" and $(x)'],
      '/tmp/h h/err',
    );
    expect(argv).toEqual([
      '/usr/bin/osascript',
      '-e',
      `do shell script "/usr/sbin/tcpdump -w '/tmp/h h/data' -- 'host \\"a\\" and $(x)' </dev/null >/dev/null 2>'/tmp/h h/err' & echo $!" with administrator privileges`,
    ]);
  });
});

describe('guidance', () => {
  it('names the exact fix on Linux and on macOS', () => {
    const linux = rightsGuidance(tcpdump, 'linux', 'alice', [dumpcap]);
    expect(linux.fix).toEqual([
      'sudo setcap cap_net_raw,cap_net_admin=eip /usr/bin/tcpdump',
      'sudo dpkg-reconfigure wireshark-common    # answer "Yes" (Debian, Ubuntu); or: sudo setcap cap_net_raw,cap_net_admin=eip /usr/bin/dumpcap',
      'sudo usermod -aG wireshark alice    # then log out and back in',
    ]);
    const mac = rightsGuidance({ kind: 'tcpdump', path: '/usr/sbin/tcpdump' }, 'darwin', 'alice');
    expect(mac.fix).toEqual(['sudo dseditgroup -o edit -a alice -t user access_bpf']);
    expect(mac.message).toMatch(/ChmodBPF/);
  });

  it('the front-leg preset narrows the filter to the resolved hosts', () => {
    expect(withHosts('tcp port 443', ['192.0.2.1', '2001:db8::1'])).toBe(
      '(tcp port 443) and (host 192.0.2.1 or host 2001:db8::1)',
    );
    expect(withHosts('', ['192.0.2.1'])).toBe('host 192.0.2.1');
    expect(withHosts('tcp', [])).toBe('tcp');
  });
});
