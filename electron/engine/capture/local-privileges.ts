/**
 * Whether the helper may capture, found by asking it: `-L -i IFACE` opens the device exactly as a
 * capture would, and fails with the OS's permission error when the rights are missing. The
 * guidance names the exact fix for this OS; the app itself never asks for rights.
 */
import { userInfo } from 'node:os';
import type { CaptureHelper, CaptureProblem } from '../../../shared/contract/local-capture-channels.js';
import { probeArgs } from './local-args.js';
import { execArgv } from './local-exec.js';

export type FailureKind = 'no-rights' | 'no-such-device' | 'interface-gone' | 'bad-filter' | 'other';

/** What a helper's stderr says went wrong (tcpdump's, dumpcap's and libpcap's own wording). */
export function classifyFailure(stderr: string): FailureKind {
  if (/permission|not permitted|\(cannot open BPF device\)/i.test(stderr)) return 'no-rights';
  if (/interface disappeared|interface went down|ENETDOWN|ENXIO/i.test(stderr)) return 'interface-gone';
  if (/no such device|doesn't exist|not up|BIOCSETIF/i.test(stderr)) return 'no-such-device';
  if (/can't parse filter expression|syntax error|unknown host|invalid capture filter/i.test(stderr))
    return 'bad-filter';
  return 'other';
}

export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'your-user';
  }
}

/** The exact commands that give a helper capture rights on this OS. */
export function rightsGuidance(
  helper: CaptureHelper,
  platform: NodeJS.Platform,
  user: string,
  others: readonly CaptureHelper[] = [],
): CaptureProblem {
  if (platform === 'darwin') {
    return {
      kind: 'no-rights',
      message:
        `${helper.path} cannot open /dev/bpf* as ${user}. Wireshark's ChmodBPF ("Install ChmodBPF.pkg" ` +
        'from the Wireshark disk image) gives the access_bpf group read/write on them; then join the group ' +
        'and log out and back in. Or use "Capture as administrator" for a single run.',
      fix: [`sudo dseditgroup -o edit -a ${user} -t user access_bpf`],
    };
  }
  const dumpcap = [helper, ...others].find((h) => h.kind === 'dumpcap');
  const tcpdump = [helper, ...others].find((h) => h.kind === 'tcpdump');
  const fix = tcpdump ? [`sudo setcap cap_net_raw,cap_net_admin=eip ${tcpdump.path}`] : [];
  if (dumpcap)
    fix.push(
      `sudo dpkg-reconfigure wireshark-common    # answer "Yes" (Debian, Ubuntu); or: sudo setcap cap_net_raw,cap_net_admin=eip ${dumpcap.path}`,
      `sudo usermod -aG wireshark ${user}    # then log out and back in`,
    );
  return {
    kind: 'no-rights',
    message:
      `${helper.path} may not capture as ${user}: it needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities. ` +
      'Give them to the helper once (Hammerhead itself stays unprivileged), or use "Capture as ' +
      'administrator" for a single run.',
    fix,
  };
}

export interface ProbeResult {
  readonly ok: boolean;
  readonly stderr: string;
}

/** Opens `iface` through the helper (and the launcher, if any) without capturing. */
export async function probeRights(
  helper: CaptureHelper,
  iface: string,
  launcher: readonly string[] = [],
): Promise<ProbeResult> {
  const result = await execArgv([...launcher, helper.path, ...probeArgs(iface)], { timeoutMs: 5000 });
  if (result.spawnError) return { ok: false, stderr: result.spawnError };
  return { ok: result.code === 0, stderr: result.stderr.trim() };
}
