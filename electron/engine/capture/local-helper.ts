/**
 * Finding the capture helper: tcpdump or dumpcap, the only programs that ever hold capture rights.
 * tcpdump is preferred for capturing because it reports its counters live on SIGUSR1/SIGINFO;
 * dumpcap (Wireshark's) only prints them when it ends. `HAMMERHEAD_CAPTURE_HELPER` names one exact
 * program (a test's stand-in, a tcpdump outside PATH).
 */
import { accessSync, constants } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import type { CaptureHelper } from '../../../shared/contract/local-capture-channels.js';

export type HelperKind = CaptureHelper['kind'];
export const HELPER_ENV = 'HAMMERHEAD_CAPTURE_HELPER';

/** Where packages put them even when a user's PATH leaves sbin out (Debian's non-root PATH does). */
const SBIN = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function search(program: string, env: NodeJS.ProcessEnv): string | null {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN];
  for (const dir of dirs) {
    const path = join(dir, program);
    if (executable(path)) return path;
  }
  return null;
}

export function helperKindOf(path: string): HelperKind {
  return basename(path).includes('dumpcap') ? 'dumpcap' : 'tcpdump';
}

/** Every helper found, best first. The override, when set, is the only candidate (found or not). */
export function findHelpers(env: NodeJS.ProcessEnv = process.env): CaptureHelper[] {
  const override = env[HELPER_ENV];
  if (override) return executable(override) ? [{ kind: helperKindOf(override), path: override }] : [];
  const found: CaptureHelper[] = [];
  for (const kind of ['tcpdump', 'dumpcap'] as const) {
    const path = search(kind, env);
    if (path) found.push({ kind, path });
  }
  return found;
}

/** What to install when no helper is found, per OS. */
export function installGuidance(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env) {
  const override = env[HELPER_ENV];
  const message = override
    ? `${HELPER_ENV} names ${override}, which is not an executable file. Point it at tcpdump or dumpcap, or unset it.`
    : 'Hammerhead captures through tcpdump or dumpcap (they hold the capture rights; the app never does), ' +
      'and neither is installed (searched PATH and /usr/sbin, /sbin, /usr/local/sbin). Install one:';
  const fix = override
    ? [`unset ${HELPER_ENV}`]
    : platform === 'darwin'
      ? ['macOS ships /usr/sbin/tcpdump: check that it is present and executable']
      : [
          'sudo apt-get install tcpdump    # Debian, Ubuntu',
          'sudo dnf install tcpdump        # Fedora, RHEL',
        ];
  return { kind: 'missing-helper' as const, message, fix };
}
