/** What the preflight script reports, and the fixes it names when something is missing. */
import { describe, expect, it } from 'vitest';
import { defaultInterface } from './capture-plan.js';
import { installHint, parseFacts, requireInterface, requireTcpdump } from './preflight.js';

const DEBIAN = [
  'conn=10.213.7.254 40312 10.213.7.11 22',
  'os=debian',
  'version=12',
  'name=Debian GNU/Linux 12 (bookworm)',
  'kernel=Linux',
  'tcpdump=/usr/bin/tcpdump',
  'if=1.hh7t1 [Up, Running, Connected]',
  'if=2.any (Pseudo-device that captures on all interfaces) [Up, Running]',
  'if=3.lo [Up, Running, Loopback]',
  'sys=hh7t1',
  'sys=lo',
  'sys=dummy0',
  'has=sudo',
].join('\n');

describe('preflight', () => {
  it('reads the host’s facts: SSH_CONNECTION, system, tcpdump, interfaces, sudo/doas', () => {
    const facts = parseFacts(DEBIAN);
    expect(facts.sshConnection).toBe('10.213.7.254 40312 10.213.7.11 22');
    expect(facts.os).toEqual({
      id: 'debian',
      versionId: '12',
      name: 'Debian GNU/Linux 12 (bookworm)',
      kernel: 'Linux',
    });
    expect(facts.tcpdump).toBe('/usr/bin/tcpdump');
    expect(facts.interfaces.map((i) => i.name)).toEqual(['hh7t1', 'any', 'lo', 'dummy0']);
    expect(facts.interfaces[1]?.description).toBe('Pseudo-device that captures on all interfaces');
    expect(facts.has).toEqual({ sudo: true, doas: false });
    expect(defaultInterface(facts)).toBe('hh7t1');
  });

  it('names the install command of the host’s distribution', () => {
    const os = (id: string, versionId = '') => ({ id, versionId, name: '', kernel: 'Linux' });
    expect(installHint(os('amzn', '2023'))).toBe('sudo dnf install -y tcpdump');
    expect(installHint(os('amzn', '2'))).toBe('sudo yum install -y tcpdump');
    expect(installHint(os('ubuntu', '24.04'))).toBe('sudo apt-get install -y tcpdump');
    expect(installHint(os('rocky', '9'))).toBe('sudo dnf install -y tcpdump');
    expect(installHint(os('alpine'))).toBe('sudo apk add tcpdump');
  });

  it('fails with the fix: tcpdump missing, interface missing', () => {
    const missing = parseFacts(
      DEBIAN.replace('tcpdump=/usr/bin/tcpdump', 'tcpdump=')
        .replace('os=debian', 'os=amzn')
        .replace('version=12', 'version=2023'),
    );
    expect(() => requireTcpdump(missing, 'ec2-user@10.0.0.5:22')).toThrow(
      /tcpdump is not installed on ec2-user@10\.0\.0\.5:22 .*`sudo dnf install -y tcpdump`/,
    );
    const facts = parseFacts(DEBIAN);
    expect(() => requireInterface(facts, 'eth0', 'h')).toThrow(
      'there is no interface "eth0" on h; it has: hh7t1, any, lo, dummy0',
    );
    expect(() => requireInterface(facts, 'dummy0', 'h')).not.toThrow();
  });
});
