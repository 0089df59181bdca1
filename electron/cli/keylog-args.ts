/**
 * `--keylog KEYFILE` (repeatable) for `decode` and `capture`: NSS key logs (SSLKEYLOGFILE) whose
 * secrets decrypt the TLS sessions printed. A key log that cannot be read is a usage error (exit 2),
 * said before anything is decoded or captured.
 */
import type { KeyStore } from '../engine/tls-keys/key-store.js';

export const KEYLOG_USAGE = `    --keylog KEYFILE
                   an NSS key log (SSLKEYLOGFILE) to decrypt TLS with; repeatable
`;

/** Takes every `--keylog FILE` (or `--keylog=FILE`) out of the arguments; a string is the problem. */
export function takeKeylogArgs(args: readonly string[]): { args: string[]; keylogs: string[] } | string {
  const rest: string[] = [];
  const keylogs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--keylog=')) keylogs.push(arg.slice('--keylog='.length));
    else if (arg === '--keylog') keylogs.push(args[++i] ?? '');
    else {
      rest.push(arg);
      continue;
    }
    if (keylogs.at(-1) === '') return '--keylog needs a key log file';
  }
  return { args: rest, keylogs };
}

/**
 * Reads the key logs into `keys` (following them with `watch`); the first failure's message, or null.
 * Malformed lines are not fatal, but `warn` is told how many, since they may be the keys that are missing.
 */
export async function loadKeyLogs(
  keys: KeyStore,
  paths: readonly string[],
  options: { readonly watch: boolean; readonly warn: (message: string) => void },
): Promise<string | null> {
  for (const path of paths) {
    try {
      const { malformed, lines } = await keys.addFile(path, { watch: options.watch });
      if (malformed > 0) options.warn(`key log ${path}: ${malformed} of ${lines} lines malformed (skipped)`);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return null;
}
