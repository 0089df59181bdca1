/**
 * A helper must not outlive the engine. When the engine exits, its exit hook kills the helpers;
 * when it is killed (SIGKILL, a crash, the OOM killer), nothing runs, and tcpdump would capture
 * on until its next write into the dead pipe, which on a quiet filter may never come.
 *
 * The parent-death signal (`setpriv --pdeathsig TERM -- tcpdump …`) does not hold here: the
 * kernel clears it whenever the process changes credentials, and a helper always does one of
 * these — an exec that gains file capabilities (a setcap'd tcpdump or dumpcap run by the user),
 * tcpdump's drop to its own "tcpdump" user when started as root (Debian's and Fedora's builds),
 * `-Z <user>` after pkexec (pkexec is set-uid, so it also clears one set before it; set after it,
 * `pkexec setpriv --pdeathsig TERM -- tcpdump -Z me`, it lasts until that `-Z`). Measured on Debian
 * 12, util-linux 2.38, tcpdump 4.99: a SIGKILLed parent's helper lived on when it was a setcap'd
 * copy run by nobody, root's tcpdump (which became user tcpdump), and root's tcpdump `-Z nobody`;
 * it died only with `-Z root`, which no one should want. macOS has no parent-death signal at all.
 *
 * So a watchdog: a small shell, the engine's own unprivileged child, reading a pipe whose other end
 * only the engine holds. When the engine dies the pipe closes, `read` returns, and the shell sends
 * the helper SIGTERM (tcpdump then flushes and exits). An elevated helper can be signalled once it
 * has handed itself back to the user (`-Z`), which it does as soon as the device is open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

export interface Reaper {
  /** The helper ended by itself or was stopped: the watchdog goes, without signalling anyone. */
  release(): void;
}

const WATCH = 'read line; kill -TERM "$1" 2>/dev/null';
/** The watchdog's name in `ps` (argv[0] of its shell script). */
export const REAPER_NAME = 'hammerhead-reaper';

const watching = new Set<ChildProcess>();

export function watchOver(pid: number): Reaper {
  const watchdog = spawn('/bin/sh', ['-c', WATCH, REAPER_NAME, String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => {});
  watchdog.stdin.on('error', () => {});
  // Neither the watchdog nor its pipe keeps the engine's event loop alive.
  watchdog.unref();
  (watchdog.stdin as unknown as Socket).unref();
  watching.add(watchdog);
  return {
    release: () => {
      watching.delete(watchdog);
      watchdog.kill('SIGKILL');
    },
  };
}

// An engine that exits kills its helpers itself (local-process.ts): its watchdogs go first, so that
// none signals a pid that is no longer its helper's.
process.once('exit', () => {
  for (const watchdog of watching) watchdog.kill('SIGKILL');
});
