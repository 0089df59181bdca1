/**
 * The picker's interface list: what the helper offers (`-D`, no rights needed), joined with the
 * OS's view: addresses (os.networkInterfaces), flags and operstate (/sys/class/net on Linux),
 * wireless-ness, the link type a capture would have; and the per-interface packet counters the
 * sparklines are drawn from (/proc/net/dev on Linux, netstat on macOS: no rights needed either).
 */
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type {
  CaptureHelper,
  InterfaceCounters,
  LocalInterface,
} from '../../../shared/contract/local-capture-channels.js';
import { listArgs } from './local-args.js';
import { execArgv } from './local-exec.js';
import {
  linkTypeOfArphrd,
  parseInterfaceList,
  parseNetstat,
  parseProcNetDev,
  type ListedInterface,
} from './interfaces-parse.js';

const SYS = '/sys/class/net';
const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;
/** Link types of pseudo-devices that are not one interface: 'any' is Linux cooked v2. */
const LINK_TYPE_OF_NAME: Record<string, number> = { any: 276 };

function readSys(name: string, file: string): string | null {
  try {
    return readFileSync(`${SYS}/${name}/${file}`, 'utf8').trim();
  } catch {
    return null;
  }
}

function osAddresses(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, list] of Object.entries(networkInterfaces())) {
    map.set(
      name,
      (list ?? []).map((a) => (a.cidr ?? a.address).replace(/%.*\//, '/')),
    );
  }
  return map;
}

export function describeInterface(listed: ListedInterface, addresses: Map<string, string[]>): LocalInterface {
  const flagsText = readSys(listed.name, 'flags');
  const sysFlags = flagsText === null ? null : Number.parseInt(flagsText, 16);
  const has = (bit: number, word: string) =>
    sysFlags !== null ? (sysFlags & bit) !== 0 : (listed.flags?.includes(word) ?? false);
  const arphrd = readSys(listed.name, 'type');
  const up = has(IFF_UP, 'up');
  const wireless =
    existsSync(`${SYS}/${listed.name}/wireless`) || (listed.flags?.includes('wireless') ?? false);
  return {
    name: listed.name,
    description: listed.description,
    addresses: addresses.get(listed.name) ?? [],
    up,
    // IFF_RUNNING is not in /sys/…/flags (the kernel derives it from the carrier): read the carrier.
    running:
      sysFlags !== null
        ? readSys(listed.name, 'carrier') === '1'
        : (listed.flags?.includes('running') ?? false),
    loopback: has(IFF_LOOPBACK, 'loopback'),
    wireless,
    operState: readSys(listed.name, 'operstate') ?? '',
    linkType: LINK_TYPE_OF_NAME[listed.name] ?? (arphrd === null ? null : linkTypeOfArphrd(Number(arphrd))),
    // Bus monitors and netfilter queues are listed [none]: down, and no network behind them.
    // dumpcap prints no flags, and 'any' has no /sys entry: it is always worth offering.
    usable: up || listed.name === 'any',
  };
}

/** Every interface the helper can open, in its order. Throws with the helper's words if it fails. */
export async function listInterfaces(helper: CaptureHelper): Promise<LocalInterface[]> {
  const result = await execArgv([helper.path, ...listArgs()], { timeoutMs: 5000 });
  if (result.code !== 0)
    throw new Error(
      `${helper.path} -D failed: ${result.spawnError ?? (result.stderr.trim() || `status ${result.code}`)}`,
    );
  const addresses = osAddresses();
  return parseInterfaceList(result.stdout).map((listed) => describeInterface(listed, addresses));
}

/** Packets and bytes (both directions) per interface since boot. */
export async function readCounters(platform: NodeJS.Platform = process.platform): Promise<InterfaceCounters> {
  const at = Date.now();
  if (platform === 'linux') {
    try {
      return { at, counters: parseProcNetDev(readFileSync('/proc/net/dev', 'utf8')) };
    } catch {
      return { at, counters: [] };
    }
  }
  const result = await execArgv(['netstat', '-ibn'], { timeoutMs: 3000 });
  return { at, counters: result.code === 0 ? parseNetstat(result.stdout) : [] };
}
