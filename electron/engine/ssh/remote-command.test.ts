/**
 * The remote command, run here by a real POSIX sh (what sshd runs it with): every hostile piece a
 * user might type arrives as one literal argument and nothing in it is executed; the capture stops
 * when stdin closes and leaves no process behind; the filter always excludes the session itself.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from './quote.js';
import {
  captureArgv,
  combinedFilter,
  customCaptureCommand,
  ownTrafficExclusion,
  stoppableCommand,
} from './remote-command.js';

const dir = mkdtempSync(join(tmpdir(), 'hh-remote-command-'));
const marker = join(dir, 'pwned');
/** A stand-in for tcpdump that prints its argv, one NUL-terminated argument each. */
const argvDump = join(dir, 'argv-dump');
writeFileSync(argvDump, '#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done\n');
chmodSync(argvDump, 0o755);

const HOSTILE = [
  `tcp port 80'; touch ${marker}; echo '`,
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `"; touch ${marker}; "`,
  `port 80 && touch ${marker} || true\nnewline`,
  `-w /etc/passwd`,
];

/** Running, not gone and not a zombie (here, orphans are reparented to a pid 1 that may not reap them). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Runs `command` as sshd would (`sh -c`), optionally closing stdin after `closeAfterMs`. */
function runSh(
  command: string,
  closeAfterMs?: number,
): Promise<{ stdout: Buffer; code: number | null; ms: number }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    const started = Date.now();
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    if (closeAfterMs === undefined) child.stdin.end();
    else setTimeout(() => child.stdin.end(), closeAfterMs);
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ stdout: Buffer.concat(chunks), code, ms: Date.now() - started });
    });
  });
}

describe('the remote capture command', () => {
  it('quotes a word so that sh gives it back unchanged', async () => {
    for (const word of [...HOSTILE, '', "it's", 'plain-word_1.2:3']) {
      const { stdout } = await runSh(`printf '%s' ${shellQuote(word)}`);
      expect(stdout.toString()).toBe(word);
    }
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('passes hostile interfaces and filters to tcpdump literally, executing none of them', async () => {
    for (const hostile of HOSTILE) {
      const argv = captureArgv({
        tcpdump: argvDump,
        privilege: 'none',
        interface: hostile,
        filter: hostile,
        count: 5,
      });
      const { stdout, code } = await runSh(stoppableCommand(argv), 50);
      expect(code).toBe(0);
      const received = stdout.toString().split('\0').slice(0, -1);
      expect(received).toEqual(argv.slice(1));
      expect(received.slice(-2)).toEqual(['--', hostile]);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('puts sudo -n or doas -n in front, and -c COUNT before the filter', () => {
    const argv = captureArgv({
      tcpdump: '/usr/sbin/tcpdump',
      privilege: 'sudo',
      interface: 'ens5',
      filter: 'tcp',
      count: 10,
    });
    expect(argv).toEqual([
      'sudo',
      '-n',
      '/usr/sbin/tcpdump',
      '-i',
      'ens5',
      '-n',
      '-s',
      '0',
      '-U',
      '--immediate-mode',
      '-w',
      '-',
      '-c',
      '10',
      '--',
      'tcp',
    ]);
    expect(captureArgv({ tcpdump: 't', privilege: 'doas', interface: 'i', filter: '' }).slice(0, 3)).toEqual([
      'doas',
      '-n',
      't',
    ]);
  });

  it('stops the capture when stdin closes, and leaves no process behind', async () => {
    const pidFile = join(dir, 'sleep.pid');
    const argv = ['sh', '-c', `echo $$ > ${shellQuote(pidFile)}; exec sleep 30`];
    const { code, ms } = await runSh(stoppableCommand(argv), 300);
    expect(ms).toBeLessThan(3000);
    expect(code).not.toBe(0); // the stopped command's status (killed by SIGTERM)
    const pid = Number((await runSh(`cat ${shellQuote(pidFile)}`)).stdout.toString());
    expect(alive(pid)).toBe(false);
  });

  it('stops a custom command’s children too', async () => {
    const pidFile = join(dir, 'custom.pid');
    const { ms } = await runSh(
      customCaptureCommand(`sleep 30 & echo $! > ${shellQuote(pidFile)}; wait`),
      300,
    );
    expect(ms).toBeLessThan(3000);
    const pid = Number((await runSh(`cat ${shellQuote(pidFile)}`)).stdout.toString());
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });

  it('ends with the command’s own status when it ends by itself (a packet count)', async () => {
    const { code, ms } = await runSh(customCaptureCommand('exit 3'), 5000);
    expect(code).toBe(3);
    expect(ms).toBeLessThan(2000);
  });

  it('excludes exactly the session’s 4-tuple, ANDed with the user’s filter', () => {
    const exclusion = ownTrafficExclusion('10.213.7.254 51234 10.213.7.11 22');
    expect(exclusion).toBe('not (host 10.213.7.254 and port 51234 and host 10.213.7.11 and port 22)');
    expect(ownTrafficExclusion('fe80::1 40000 fe80::2 22\n')).toContain('host fe80::1 and port 40000');
    expect(combinedFilter('tcp port 80 or udp', exclusion)).toBe(`(tcp port 80 or udp) and ${exclusion}`);
    expect(combinedFilter('  ', exclusion)).toBe(exclusion);
    expect(() => ownTrafficExclusion('')).toThrow(/SSH_CONNECTION/);
    expect(() => ownTrafficExclusion('1.2.3.4 1 5.6.7.8 22 extra')).toThrow();
    expect(() => ownTrafficExclusion('1.2.3.4 1 $(id) 22')).toThrow();
    expect(shellCommand(['a b', 'c'])).toBe("'a b' c");
  });
});
