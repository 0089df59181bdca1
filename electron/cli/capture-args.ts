/**
 * `hammerhead capture` options, in tcpdump's and tshark's letters where they have one:
 *   -i IFACE (repeatable)  -f FILTER  -c COUNT  -a duration:SECONDS | filesize:KB
 *   -w OUT.pcapng  -s SNAPLEN  -p (no promiscuous mode)  -B MiB  --json  --admin
 *   --keylog KEYFILE (repeatable; followed while capturing, as the browser appends to it)
 */
export interface CaptureCliOptions {
  readonly interfaces: string[];
  filter: string;
  count?: number;
  seconds?: number;
  bytes?: number;
  out?: string;
  snapLength?: number;
  bufferSizeMiB?: number;
  promiscuous: boolean;
  json: boolean;
  admin: boolean;
  /** NSS key logs to decrypt TLS with, watched as they grow (absent when none is given). */
  keylogs?: string[];
}

export const CAPTURE_USAGE = `  capture -i IFACE [-i IFACE…] [-f FILTER] [-c COUNT] [-a duration:SECONDS] [-a filesize:KB]
          [-w OUT.pcapng] [-s SNAPLEN] [-p] [-B MiB] [--json] [--admin] [--keylog KEYFILE…]
                   capture live through tcpdump (or dumpcap), printing a line per frame as it
                   arrives; Ctrl-C stops. -w also writes every frame to a pcapng file. --admin
                   runs the helper (only it) through pkexec for this capture. --keylog decrypts
                   TLS with a key log, read again as the browser appends to it.
`;

function positive(flag: string, text: string | undefined): number | string {
  const n = Number(text);
  return text !== undefined && /^\d+(\.\d+)?$/.test(text) && n > 0
    ? n
    : `${flag} needs a positive number, not "${text ?? ''}"`;
}

/** Parses the arguments after `capture`; a string is the usage problem. */
export function parseCaptureArgs(args: readonly string[]): CaptureCliOptions | string {
  const options: CaptureCliOptions = {
    interfaces: [],
    filter: '',
    promiscuous: true,
    json: false,
    admin: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => args[++i];
    const problem = apply(options, arg, value);
    if (problem) return problem;
  }
  if (options.interfaces.length === 0)
    return 'capture needs an interface: -i IFACE (list them with tcpdump -D)';
  return options;
}

function apply(options: CaptureCliOptions, arg: string, value: () => string | undefined): string | null {
  const number = (flag: string, set: (n: number) => void) => {
    const n = positive(flag, value());
    if (typeof n === 'string') return n;
    set(n);
    return null;
  };
  switch (arg) {
    case '-i': {
      const name = value();
      if (!name) return '-i needs an interface name';
      options.interfaces.push(name);
      return null;
    }
    case '-f':
      options.filter = value() ?? '';
      return null;
    case '-w': {
      const out = value();
      if (!out || out === '-') return '-w needs a file name (frames go to stdout as lines already)';
      options.out = out;
      return null;
    }
    case '-c':
      return number('-c', (n) => (options.count = Math.floor(n)));
    case '-s':
      return number('-s', (n) => (options.snapLength = Math.floor(n)));
    case '-B':
      return number('-B', (n) => (options.bufferSizeMiB = Math.ceil(n)));
    case '-a':
      return autostop(options, value());
    case '-p':
      options.promiscuous = false;
      return null;
    case '--json':
      options.json = true;
      return null;
    case '--admin':
      options.admin = true;
      return null;
    case '--keylog': {
      const file = value();
      if (!file) return '--keylog needs a key log file';
      (options.keylogs ??= []).push(file);
      return null;
    }
    default:
      return `unknown capture option "${arg}"`;
  }
}

function autostop(options: CaptureCliOptions, spec: string | undefined): string | null {
  const [kind, amount] = (spec ?? '').split(':');
  const n = positive(`-a ${kind}`, amount);
  if (typeof n === 'string') return n;
  if (kind === 'duration') options.seconds = n;
  else if (kind === 'filesize') options.bytes = Math.ceil(n * 1000);
  else if (kind === 'packets') options.count = Math.floor(n);
  else return `-a takes duration:SECONDS, filesize:KB or packets:N, not "${spec ?? ''}"`;
  return null;
}
