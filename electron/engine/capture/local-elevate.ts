/**
 * "Capture as administrator", for one run: only the helper is elevated, never Hammerhead. Linux:
 * pkexec (polkit asks for the password) runs the helper by absolute path. macOS: an authorization
 * prompt through osascript's `do shell script … with administrator privileges`, which can only
 * take a shell string, so every argument is quoted here; its output cannot stream through
 * osascript, so the helper writes into FIFOs that Hammerhead reads, and the script prints its pid.
 * Both pass tcpdump `-Z <user>`: once the device is open it runs as the user again, so Hammerhead
 * may still signal it (stop, statistics) and the output file is opened with the user's rights.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const SYSTEM_BIN = ['/usr/bin', '/bin', '/usr/local/bin'];
const OSASCRIPT = '/usr/bin/osascript';

function findProgram(program: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_BIN]) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** The elevation program for this OS, or null when there is none (then the option is not offered). */
export function elevationProgram(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (platform === 'linux') return findProgram('pkexec', env);
  if (platform === 'darwin') return findProgram('osascript', { PATH: '' }) ?? OSASCRIPT;
  return null;
}

/** pkexec wants an absolute program path and keeps our stdin/stdout/stderr. */
export function pkexecArgv(pkexec: string, helperPath: string, helperArgs: readonly string[]): string[] {
  return [pkexec, helperPath, ...helperArgs];
}

/** POSIX single-quoting: the only character needing care inside '…' is ' itself. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An AppleScript string literal; line breaks as escapes keep the script on one line. */
function appleScriptString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
  return `"${escaped}"`;
}

/**
 * osascript argv for macOS. `helperArgs` must write the pcap to `dataFifo` (tcpdump `-w FIFO`);
 * stderr goes to `errorFifo`; the backgrounded helper's pid is the script's only output.
 */
export function osascriptArgv(
  osascript: string,
  helperPath: string,
  helperArgs: readonly string[],
  errorFifo: string,
): string[] {
  const command =
    [helperPath, ...helperArgs].map(shellQuote).join(' ') +
    ` </dev/null >/dev/null 2>${shellQuote(errorFifo)} & echo $!`;
  return [osascript, '-e', `do shell script ${appleScriptString(command)} with administrator privileges`];
}
