/**
 * The command lines Hammerhead sends to a target. The capture command is a fixed POSIX sh script
 * run by `exec sh -c SCRIPT`, with tcpdump's argv as its positional parameters: every user piece
 * (interface, filter, custom command) is one quoted word and never part of the script's text.
 *
 * The script runs tcpdump in the background and stops it when the channel's stdin reaches EOF (a
 * closed channel alone would leave tcpdump running until its next failed write); it exits with
 * tcpdump's status when tcpdump ends by itself (a packet count, an error).
 */
import { shellCommand, shellQuote } from './quote.js';

export type Privilege = 'none' | 'sudo' | 'doas';

export interface CaptureCommandOptions {
  /** Absolute path found by the preflight (`command -v tcpdump`). */
  readonly tcpdump: string;
  readonly privilege: Privilege;
  readonly interface: string;
  /** The complete capture filter (the user's, ANDed with the own-traffic exclusion). */
  readonly filter: string;
  /** Stop after this many packets (tcpdump -c). */
  readonly count?: number | undefined;
}

/*
 * fd 3 keeps the channel's stdin for the watcher: a background job's stdin is /dev/null in a
 * non-interactive sh. The watcher uses `read`, a builtin, so killing it leaves no child behind.
 * At EOF it signals the command and its children (a custom command's `sh -c` does not pass the
 * signal on; sudo does, to the root tcpdump the user may not signal itself).
 */
const STOPPABLE = [
  'exec 3<&0 </dev/null',
  '"$@" &',
  'pid=$!',
  '( while read -r _ <&3; do :; done; pkill -TERM -P "$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null ) &',
  'watch=$!',
  'exec 3<&-',
  'wait "$pid"',
  'status=$?',
  'kill "$watch" 2>/dev/null',
  'exit "$status"',
].join('\n');

export function privilegePrefix(privilege: Privilege): string[] {
  switch (privilege) {
    case 'none':
      return [];
    case 'sudo':
      return ['sudo', '-n'];
    case 'doas':
      return ['doas', '-n'];
  }
}

/** tcpdump writing pcap to stdout at once (-U, --immediate-mode: nothing is lost when it is stopped). */
export function captureArgv(options: CaptureCommandOptions): string[] {
  return [
    ...privilegePrefix(options.privilege),
    options.tcpdump,
    '-i',
    options.interface,
    '-n',
    '-s',
    '0',
    '-U',
    '--immediate-mode',
    '-w',
    '-',
    ...(options.count !== undefined ? ['-c', String(options.count)] : []),
    // `--` so that no filter, whatever it starts with, is ever read as an option (-w FILE as root…).
    '--',
    options.filter,
  ];
}

/** `argv` on the remote host, stopped when the channel's stdin closes. */
export function stoppableCommand(argv: readonly string[]): string {
  return `exec sh -c ${shellQuote(STOPPABLE)} hammerhead-capture ${shellCommand(argv)}`;
}

/** The user's own capture command (advanced), run by sh, stopped the same way. */
export function customCaptureCommand(command: string): string {
  return stoppableCommand(['sh', '-c', command]);
}

const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/;
const PORT = /^\d{1,5}$/;

/**
 * `not (host C and port c and host S and port s)` for `$SSH_CONNECTION` ("C c S s", as seen on the
 * target: behind NAT or a jump host, C is the address the target sees, which is what its packets
 * carry). Refuses anything that is not four address/port fields: it becomes part of a filter.
 */
export function ownTrafficExclusion(sshConnection: string): string {
  const fields = sshConnection.trim().split(/\s+/);
  const [client, clientPort, server, serverPort] = fields;
  if (fields.length !== 4 || !client || !server || !clientPort || !serverPort) {
    throw new Error(`unexpected $SSH_CONNECTION ${JSON.stringify(sshConnection)}`);
  }
  if (!ADDRESS.test(client) || !ADDRESS.test(server) || !PORT.test(clientPort) || !PORT.test(serverPort))
    throw new Error(`unexpected $SSH_CONNECTION ${JSON.stringify(sshConnection)}`);
  return `not (host ${client} and port ${clientPort} and host ${server} and port ${serverPort})`;
}

/** The user's filter ANDed with the exclusion; the user's keeps its own precedence in parentheses. */
export function combinedFilter(userFilter: string, exclusion: string | null): string {
  const user = userFilter.trim();
  if (!exclusion) return user;
  return user === '' ? exclusion : `(${user}) and ${exclusion}`;
}
