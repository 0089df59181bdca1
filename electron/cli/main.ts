/**
 * `hammerhead` command line: the engine in-process.
 *   hammerhead decode FILE [--json] [-Y FILTER] [--keylog KEYFILE]   one line per frame (matching
 *                                     frames only with -Y; TLS decrypted with the key logs)
 *   hammerhead capture -i IFACE …     live capture through tcpdump, printed as it arrives
 *   hammerhead capture --ssh HOST …   the same on a remote host, over SSH (capture-ssh.ts)
 */
import { runDecode } from './decode.js';
import { runParallelDecode } from './decode-parallel.js';
import { decodeThreads } from './decode-threads.js';
import { runFilteredDecode, takeFilterArg } from './decode-filter.js';
import { CAPTURE_USAGE, parseCaptureArgs } from './capture-args.js';
import { runCapture } from './capture.js';
import { runCaptureSsh, SSH_CAPTURE_USAGE } from './capture-ssh.js';
import { KEYLOG_USAGE, takeKeylogArgs } from './keylog-args.js';

const USAGE = `usage: hammerhead decode FILE [--json] [-Y FILTER] [--keylog KEYFILE…]
       hammerhead capture -i IFACE [-f FILTER] [-c COUNT] [-a duration:SECONDS] [-w OUT.pcapng] [--json]
                          [--keylog KEYFILE…]
       hammerhead capture --ssh [USER@]HOST[:PORT] [-J JUMP] [--identity FILE] [--sudo] [-i IFACE] [-f FILTER] …

  decode FILE      print one line per frame: No., Time, Source, Destination, Protocol, Length, Info
    --json         one JSON object per line instead (number, time, source, destination,
                   protocol, length, capturedLength, info)
    -Y FILTER      only the frames a Wireshark display filter matches (numbered as in the file)
${KEYLOG_USAGE}                   (keys in the file's own Decryption Secrets Blocks are used too)
${CAPTURE_USAGE}${SSH_CAPTURE_USAGE}`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'decode') {
    const keys = takeKeylogArgs(rest);
    if (typeof keys === 'string') return usage(keys);
    const keylogs = keys.keylogs;
    const taken = takeFilterArg(keys.args);
    if (typeof taken === 'string') return usage(taken);
    const json = taken.args.includes('--json');
    const files = taken.args.filter((arg) => arg !== '--json');
    const unknown = files.filter((arg) => arg.startsWith('-') && arg !== '-');
    if (files.length !== 1 || unknown.length > 0)
      return usage(unknown[0] ? `unknown option ${unknown[0]}` : 'decode takes one FILE');
    if (taken.filter !== null)
      return runFilteredDecode(files[0] as string, { json, filter: taken.filter, keylogs });
    const path = files[0] as string;
    const threads = decodeThreads(path);
    return threads > 1
      ? runParallelDecode(path, { json, keylogs }, threads)
      : runDecode(path, { json, keylogs });
  }
  if (command === 'capture') {
    if (rest.includes('--ssh')) return runCaptureSsh(rest);
    const options = parseCaptureArgs(rest);
    return typeof options === 'string' ? usage(options) : runCapture(options);
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  return usage(command ? `unknown command "${command}"` : 'no command given');
}

function usage(problem: string): number {
  process.stderr.write(`hammerhead: ${problem}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(
      `hammerhead: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
