/** Choosing which helper runs a capture, and what link type a filter is compiled for. */
import { readFileSync } from 'node:fs';
import type { CaptureHelper } from '../../../shared/contract/local-capture-channels.js';
import { linkTypeOfArphrd } from './interfaces-parse.js';
import { CaptureStartError, type LaunchContext } from './local-launch.js';

/**
 * Tries the helpers in order (tcpdump first: live counters): one without rights gives way to the
 * next (dumpcap in the wireshark group may capture where tcpdump may not). When none may, the
 * first one's guidance, which names the others' fixes too, is the answer. An elevated run uses
 * tcpdump only: it alone can hand itself back to the user (`-Z`) and stay stoppable.
 */
export async function startOrder<T>(
  helpers: readonly CaptureHelper[],
  context: LaunchContext,
  attempt: (helper: CaptureHelper, others: readonly CaptureHelper[]) => Promise<T>,
): Promise<T> {
  const candidates = context.elevate ? helpers.filter((h) => h.kind === 'tcpdump') : helpers;
  if (candidates.length === 0)
    throw new CaptureStartError({
      kind: 'missing-helper',
      message: '"Capture as administrator" runs tcpdump, which is not installed',
      fix: ['sudo apt-get install tcpdump'],
    });
  let firstRefusal: unknown = null;
  for (const helper of candidates) {
    try {
      return await attempt(
        helper,
        helpers.filter((h) => h !== helper),
      );
    } catch (error) {
      const noRights = error instanceof CaptureStartError && error.problem.kind === 'no-rights';
      if (!noRights) throw error;
      firstRefusal ??= error;
    }
  }
  throw firstRefusal;
}

/** The pcap link type a capture on `iface` gets, from the kernel's ARPHRD type; null if unknown. */
export function linkTypeOfInterface(iface: string): number | null {
  if (iface === 'any') return 276;
  if (iface.includes('/') || iface.startsWith('.')) return null;
  try {
    return linkTypeOfArphrd(Number(readFileSync(`/sys/class/net/${iface}/type`, 'utf8').trim()));
  } catch {
    return null;
  }
}
