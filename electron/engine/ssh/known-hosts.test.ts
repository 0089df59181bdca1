/**
 * known_hosts as OpenSSH reads it, checked against OpenSSH itself: `ssh-keygen -H` hashes lines we
 * must match, `ssh-keygen -F` finds the lines we write, `ssh-keygen -l` gives the fingerprints.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  fingerprintSha256,
  hostMatches,
  keyTypeOf,
  knownHostsLine,
  knownHostsName,
  parseKnownHosts,
} from './known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'hh-known-hosts-'));
const keygen = (...args: string[]) =>
  execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function newKey(name: string, type = 'ed25519'): { line: string; blob: Buffer; type: string } {
  const path = join(dir, name);
  keygen('-q', '-t', type, '-N', '', '-C', name, '-f', path);
  const [keyType = '', base64 = ''] = readFileSync(`${path}.pub`, 'utf8').split(' ');
  return { line: `${keyType} ${base64}`, blob: Buffer.from(base64, 'base64'), type: keyType };
}

describe('known_hosts', () => {
  let a: ReturnType<typeof newKey>;
  let b: ReturnType<typeof newKey>;
  let rsa: ReturnType<typeof newKey>;
  beforeAll(() => {
    a = newKey('a');
    b = newKey('b');
    rsa = newKey('rsa', 'rsa');
  });

  it('names a host as OpenSSH files it: plain on port 22, [host]:port elsewhere', () => {
    expect(knownHostsName('10.0.0.1', 22)).toBe('10.0.0.1');
    expect(knownHostsName('10.0.0.1', 2222)).toBe('[10.0.0.1]:2222');
  });

  it('matches comma lists, wildcards and negations the way match_hostname does', () => {
    expect(hostMatches('web1,web2', 'web2')).toBe(true);
    expect(hostMatches('*.lab.test,!bad.lab.test', 'good.lab.test')).toBe(true);
    expect(hostMatches('*.lab.test,!bad.lab.test', 'bad.lab.test')).toBe(false);
    expect(hostMatches('10.0.0.?', '10.0.0.7')).toBe(true);
    expect(hostMatches('10.0.0.?', '10.0.0.17')).toBe(false);
    expect(hostMatches('[10.0.0.*]:2222', '[10.0.0.5]:2222')).toBe(true);
    expect(hostMatches('[10.0.0.*]:2222', '10.0.0.5')).toBe(false);
    expect(hostMatches('WEB1', 'web1')).toBe(true);
  });

  it('matches lines hashed by ssh-keygen -H, and only for their own name', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `web1 ${a.line}\n[web2]:2200 ${b.line}\n`);
    keygen('-q', '-H', '-f', file);
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, 'web1', { type: a.type, blob: a.blob }).kind).toBe('trusted');
    expect(checkHostKey(entries, '[web2]:2200', { type: b.type, blob: b.blob }).kind).toBe('trusted');
    expect(checkHostKey(entries, 'web2', { type: b.type, blob: b.blob }).kind).toBe('unknown');
  });

  it('writes lines (plain and hashed) that OpenSSH finds', () => {
    const file = join(dir, 'written');
    writeFileSync(file, `other ${b.line}`); // no final newline: the next line must not join it
    appendKnownHost(file, knownHostsLine('[10.9.8.7]:2222', { type: a.type, blob: a.blob }, false));
    appendKnownHost(file, knownHostsLine('hashed.lab.test', { type: rsa.type, blob: rsa.blob }, true));
    expect(keygen('-F', '[10.9.8.7]:2222', '-f', file)).toContain(a.line.split(' ')[1]);
    expect(keygen('-F', 'hashed.lab.test', '-f', file)).toContain(rsa.line.split(' ')[1]);
    expect(keygen('-F', 'other', '-f', file)).toContain(b.line.split(' ')[1]);
  });

  it('says trusted, unknown, changed (same or other type), revoked, or CA-only', () => {
    const text = [
      `# a comment`,
      `web1,web1.lab.test ${a.line}`,
      `web2 ${a.line}`,
      `web3 ${rsa.line}`,
      `@revoked * ${b.line}`,
      `@cert-authority *.ca.lab.test ${rsa.line}`,
      `@unknown-marker web9 ${a.line}`,
    ].join('\n');
    const entries = parseKnownHosts(text, 'kh');
    const key = (k: typeof a) => ({ type: k.type, blob: k.blob });
    expect(checkHostKey(entries, 'web1.lab.test', key(a))).toMatchObject({
      kind: 'trusted',
      entry: { line: 2 },
    });
    expect(checkHostKey(entries, 'web4', key(a)).kind).toBe('unknown');
    expect(checkHostKey(entries, 'web9', key(a)).kind).toBe('unknown');
    const changed = checkHostKey(entries, 'web3', key(a));
    expect(changed).toMatchObject({ kind: 'changed', known: [{ line: 4 }] });
    expect(checkHostKey(entries, 'web2', key(b)).kind).toBe('revoked');
    expect(checkHostKey(entries, 'x.ca.lab.test', key(a))).toMatchObject({ kind: 'cert-authority' });
  });

  it('computes the fingerprint ssh-keygen -l prints, and reads the type inside the key', () => {
    const printed = keygen('-l', '-E', 'sha256', '-f', join(dir, 'rsa.pub')).split(' ')[1];
    expect(fingerprintSha256(rsa.blob)).toBe(printed);
    expect(keyTypeOf(rsa.blob)).toBe('ssh-rsa');
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('');
  });
});
