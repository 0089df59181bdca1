/** Command line of the web host (`node out/web/host.js`, `npm run web`). */
import { parseArgs } from 'node:util';
import { LOOPBACK_HOSTS, type LoopbackHost } from './server.js';

export const USAGE = `usage: node out/web/host.js [--port N] [--host 127.0.0.1|localhost] [--no-open]

  Serves the Hammerhead UI and its engine on the loopback interface and prints the address to
  open (it carries a one-time token; anyone with the address can open files as you).
    --port N     listen on port N (default: a free port)
    --host H     127.0.0.1 (default) or localhost; other addresses are refused
    --no-open    do not open the address in the default browser
`;

export interface HostArgs {
  readonly port: number;
  readonly host: LoopbackHost;
  readonly open: boolean;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly args: HostArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export function parseHostArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  const port = parsePort(values.port ?? '0');
  if (port === null)
    return { kind: 'error', message: `--port must be an integer 0-65535, not "${values.port}"` };
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host))
    return {
      kind: 'error',
      message: `--host must be ${LOOPBACK_HOSTS.join(' or ')}, not "${host}": the web host serves this machine only`,
    };
  return { kind: 'run', args: { port, host, open: !values['no-open'] } };
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

function isLoopbackHost(host: string): host is LoopbackHost {
  return (LOOPBACK_HOSTS as readonly string[]).includes(host);
}
