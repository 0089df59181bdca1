/**
 * The helpers' command lines, always as argv arrays (never a shell string: a filter or interface
 * name is one argument whatever it contains). The capture filter goes last, after `--`, so a
 * filter that starts with "-" can never be read as an option.
 */
import type { CaptureHelper } from '../../../shared/contract/local-capture-channels.js';

export const DEFAULT_BUFFER_MIB = 32;

export interface CaptureSettings {
  readonly interface: string;
  readonly filter: string;
  /** 0 or absent: whole frames. */
  readonly snapLength?: number | undefined;
  readonly promiscuous?: boolean | undefined;
  readonly bufferSizeMiB?: number | undefined;
  /** The helper stops by itself after this many packets. */
  readonly packets?: number | undefined;
}

export interface ArgsContext {
  readonly platform: NodeJS.Platform;
  /** Elevated runs only: the user tcpdump switches to once the device is open (so we can signal it). */
  readonly dropToUser?: string | undefined;
  /** Where the pcap goes; "-" is stdout. */
  readonly output?: string;
}

export function captureArgs(
  helper: CaptureHelper,
  settings: CaptureSettings,
  context: ArgsContext,
): string[] {
  return helper.kind === 'tcpdump'
    ? tcpdumpArgs(settings, context)
    : dumpcapArgs(settings, context.output ?? '-');
}

function tcpdumpArgs(s: CaptureSettings, context: ArgsContext): string[] {
  const args = ['-i', s.interface, '-n', '-w', context.output ?? '-'];
  // -U flushes every packet into the pipe; --immediate-mode hands each packet over at once instead
  // of per kernel buffer block (with -U alone, a stop by signal loses up to a second of packets).
  args.push('-U', '--immediate-mode');
  // BPF on macOS has no nanosecond time stamps; asking for them there is an error.
  if (context.platform === 'linux') args.push('--time-stamp-precision=nano');
  args.push('-s', String(s.snapLength ?? 0));
  if (s.promiscuous === false) args.push('-p');
  // In immediate mode libpcap's ring holds one slot per snaplen-or-MTU (64 KiB on lo): its default
  // 2 MiB is some 30 slots, and a burst of 40 packets on lo loses most of them. 32 MiB holds ~500.
  args.push('-B', String((s.bufferSizeMiB ?? DEFAULT_BUFFER_MIB) * 1024)); // tcpdump counts KiB
  if (s.packets !== undefined) args.push('-c', String(s.packets));
  if (context.dropToUser) args.push('-Z', context.dropToUser);
  return s.filter.trim() ? [...args, '--', s.filter] : args;
}

function dumpcapArgs(s: CaptureSettings, output: string): string[] {
  // -q: no per-packet counter on stderr (its statistics at the end still come); pcapng on stdout.
  const args = ['-i', s.interface, '-q', '-w', output];
  if (s.snapLength) args.push('-s', String(s.snapLength));
  if (s.promiscuous === false) args.push('-p');
  args.push('-B', String(s.bufferSizeMiB ?? DEFAULT_BUFFER_MIB));
  if (s.packets !== undefined) args.push('-c', String(s.packets));
  return s.filter.trim() ? [...args, '-f', s.filter] : args;
}

/** Lists interfaces; needs no capture rights. */
export function listArgs(): string[] {
  return ['-D'];
}

/** Opens the device without capturing (its link types): fails exactly when capture rights are missing. */
export function probeArgs(iface: string): string[] {
  return ['-L', '-i', iface];
}

/** tcpdump compiles the filter for the link type of the pcap header it reads on stdin: no device, no rights. */
export function compileArgs(filter: string): string[] {
  return ['-d', '-r', '-', '--', filter];
}
