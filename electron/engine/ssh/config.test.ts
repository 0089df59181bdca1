/**
 * Host resolution: OpenSSH's own answer (`ssh -G`) and the ssh-config fallback agree on what the
 * issue names (HostName, User, Port, IdentityFile, ProxyJump, UserKnownHostsFile,
 * StrictHostKeyChecking); destinations and jump chains parse as ssh parses them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHost } from './config.js';
import { formatJump, parseDestination, parseJumps } from './jump-spec.js';
import { resolveChain } from './resolve-chain.js';

const dir = mkdtempSync(join(tmpdir(), 'hh-ssh-config-'));
const config = join(dir, 'config');
writeFileSync(
  config,
  [
    'Host web',
    '  HostName 10.1.2.3',
    '  User alice',
    '  Port 2200',
    '  IdentityFile ~/keys/%h-%r',
    '  ProxyJump bob@bastion:2222,jump2',
    `  UserKnownHostsFile ${dir}/kh1 ~/kh2`,
    '  StrictHostKeyChecking accept-new',
    'Host other',
    '  StrictHostKeyChecking yes',
    'Host *',
    '  User fallback',
    '',
  ].join('\n'),
);
let haveSsh = true;
try {
  execFileSync('ssh', ['-V'], { stdio: 'ignore' });
} catch {
  haveSsh = false;
}

describe('resolving a host through ~/.ssh/config', () => {
  for (const ssh of haveSsh ? ['ssh', null] : [null]) {
    const by = ssh ? 'ssh -G' : 'ssh-config';
    it(`reads HostName, User, Port, IdentityFile, ProxyJump, known hosts and strictness (${by})`, async () => {
      const host = await resolveHost({ host: 'web', configFile: config }, { ssh });
      expect(host).toMatchObject({
        alias: 'web',
        hostName: '10.1.2.3',
        user: 'alice',
        port: 2200,
        proxyJump: [{ user: 'bob', host: 'bastion', port: 2222 }, { host: 'jump2' }],
        userKnownHostsFiles: [`${dir}/kh1`, join(homedir(), 'kh2')],
        strictHostKeyChecking: 'accept-new',
        resolvedBy: by,
      });
      expect(host.identityFiles[0]).toBe(join(homedir(), 'keys', '10.1.2.3-alice'));
      const other = await resolveHost({ host: 'other', configFile: config, port: 2022 }, { ssh });
      expect(other).toMatchObject({
        hostName: 'other',
        user: 'fallback',
        port: 2022,
        strictHostKeyChecking: 'yes',
      });
    });
  }

  it('refuses a host that ssh would read as an option', async () => {
    await expect(resolveHost({ host: '-oProxyCommand=touch /tmp/x' })).rejects.toThrow(/invalid host/);
    await expect(resolveHost({ host: 'a b' })).rejects.toThrow(/invalid host/);
  });

  it('takes user@host:port from the host field, and a -J chain over the config', async () => {
    const chain = await resolveChain(
      { host: 'carol@web:2022', configFile: config, proxyJump: 'j1' },
      { ssh: null },
    );
    expect(chain.target).toMatchObject({ hostName: '10.1.2.3', user: 'carol', port: 2022 });
    expect(chain.jumps.map((j) => j.hostName)).toEqual(['j1']);
  });

  it('parses destinations and ProxyJump values', () => {
    expect(parseDestination('ec2-user@10.0.0.5:2222')).toEqual({
      user: 'ec2-user',
      host: '10.0.0.5',
      port: 2222,
    });
    expect(parseDestination('ssh://[fe80::1]:22')).toEqual({ host: 'fe80::1', port: 22 });
    expect(parseDestination('fe80::1')).toEqual({ host: 'fe80::1' });
    expect(() => parseDestination('@host')).toThrow(/expected \[user@\]host/);
    expect(() => parseDestination('host:99999')).toThrow(/invalid port/);
    expect(parseJumps('none')).toEqual([]);
    expect(parseJumps('a,b@c:1').map(formatJump)).toEqual(['a', 'b@c:1']);
  });
});
