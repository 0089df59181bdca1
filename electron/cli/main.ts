/**
 * `hammerhead` command line: the engine in-process.
 *   hammerhead decode FILE [--json]   one line per frame, tshark's default columns (or JSON lines)
 */
import { runDecode } from './decode.js';

const USAGE = `usage: hammerhead decode FILE [--json]

  decode FILE      print one line per frame: No., Time, Source, Destination, Protocol, Length, Info
    --json         one JSON object per line instead (number, time, source, destination,
                   protocol, length, capturedLength, info)
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'decode') {
    const json = rest.includes('--json');
    const files = rest.filter((arg) => arg !== '--json');
    const unknown = files.filter((arg) => arg.startsWith('-') && arg !== '-');
    if (files.length !== 1 || unknown.length > 0)
      return usage(unknown[0] ? `unknown option ${unknown[0]}` : 'decode takes one FILE');
    return runDecode(files[0] as string, { json });
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
