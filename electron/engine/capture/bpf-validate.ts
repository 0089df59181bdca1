/**
 * Capture-filter (BPF) validation without capture rights: tcpdump compiles the filter for the link
 * type of the pcap file it "reads", and a 24-byte header-only pcap on its stdin is enough. The
 * compiler's own message is the answer. dumpcap can compile only on an opened device (rights), so
 * with dumpcap alone and no rights a filter stays "unchecked" and the helper judges it at start.
 */
import type { CaptureHelper, FilterCheck } from '../../../shared/contract/local-capture-channels.js';
import { compileArgs } from './local-args.js';
import { execArgv } from './local-exec.js';

const ETHERNET = 1;
const CACHE_SIZE = 128;
const cache = new Map<string, FilterCheck>();

/** A pcap file header (tcpdump.org format, microseconds, little-endian) and no packets. */
export function headerOnlyPcap(linkType: number): Uint8Array {
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4, true);
  header.setUint16(4, 2, true);
  header.setUint16(6, 4, true);
  header.setUint32(16, 262144, true);
  header.setUint32(20, linkType, true);
  return new Uint8Array(header.buffer);
}

/** tcpdump's error without its preamble: "can't parse filter expression: syntax error". */
export function compilerMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('reading from file'));
  return lines.map((line) => line.replace(/^tcpdump: /, '')).join('; ') || 'the filter does not compile';
}

export async function checkFilter(
  helper: CaptureHelper | undefined,
  filter: string,
  linkType: number | null,
): Promise<FilterCheck> {
  if (!filter.trim()) return { filter, status: 'valid', message: null };
  if (!helper || helper.kind !== 'tcpdump')
    return {
      filter,
      status: 'unchecked',
      message: 'install tcpdump to check filters while typing; the capture helper will check it at start',
    };
  const key = `${linkType ?? ETHERNET}\u0000${filter}`;
  const known = cache.get(key);
  if (known) return known;
  const result = await execArgv([helper.path, ...compileArgs(filter)], {
    input: headerOnlyPcap(linkType ?? ETHERNET),
    timeoutMs: 5000,
  });
  const check: FilterCheck = result.spawnError
    ? { filter, status: 'unchecked', message: `${helper.path} could not be started: ${result.spawnError}` }
    : result.signal
      ? { filter, status: 'unchecked', message: 'compiling took over 5 s (does a host name in it resolve?)' }
      : result.code === 0
        ? { filter, status: 'valid', message: null }
        : { filter, status: 'invalid', message: compilerMessage(result.stderr) };
  // A timeout (a host name that never resolves) is not a verdict: ask again next time.
  if (result.signal === null && !result.spawnError) remember(key, check);
  return check;
}

function remember(key: string, check: FilterCheck): void {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, check);
}
