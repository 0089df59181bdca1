/**
 * `tcpdump -D` and `dumpcap -D`, parsed. tcpdump (libpcap ≥ 1.9) adds flags in brackets:
 *   4.lo [Up, Running, Loopback]
 *   3.any (Pseudo-device that captures on all interfaces) [Up, Running]
 *   7.bluetooth-monitor (Bluetooth Linux Monitor) [Wireless]
 * dumpcap puts a space after the dot and gives no flags:
 *   4. lo (Loopback)
 */
export interface ListedInterface {
  readonly name: string;
  readonly description: string;
  /** The bracketed flags, lower-cased; null when the helper printed none (dumpcap, old libpcap). */
  readonly flags: readonly string[] | null;
}

const LINE = /^\d+\.\s?(\S+)(?: \((.*?)\))?(?: \[(.*)\])?\s*$/;

export function parseInterfaceList(text: string): ListedInterface[] {
  const out: ListedInterface[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line.trimEnd());
    if (!m) continue;
    const flags =
      m[3] === undefined ? null : m[3] === 'none' ? [] : m[3].split(',').map((f) => f.trim().toLowerCase());
    out.push({ name: m[1] as string, description: m[2] ?? '', flags });
  }
  return out;
}

/**
 * /proc/net/dev (Linux): two header lines, then
 *   "    lo: 1234 56 0 0 0 0 0 0 1234 56 0 0 0 0 0 0"  (receive: bytes packets …, transmit: bytes packets …)
 */
export function parseProcNetDev(text: string): { name: string; packets: number; bytes: number }[] {
  const out = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (fields.length < 16 || fields.some(Number.isNaN)) continue;
    const [rxBytes = 0, rxPackets = 0] = fields;
    const txBytes = fields[8] ?? 0;
    const txPackets = fields[9] ?? 0;
    out.push({ name: line.slice(0, colon).trim(), packets: rxPackets + txPackets, bytes: rxBytes + txBytes });
  }
  return out;
}

/**
 * `netstat -ibn` (macOS): one row per interface address; the link row (`<Link#N>`) carries the
 * counters. Columns: Name Mtu Network Address Ipkts Ierrs Ibytes Opkts Oerrs Obytes Coll.
 */
export function parseNetstat(text: string): { name: string; packets: number; bytes: number }[] {
  const out = [];
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (!cols[2]?.startsWith('<Link#')) continue;
    // A link row without a hardware address has one column fewer.
    const n = cols.slice(-7).map(Number);
    if (n.length < 7 || n.some(Number.isNaN)) continue;
    const [ipkts = 0, , ibytes = 0, opkts = 0, , obytes = 0] = n;
    out.push({
      name: (cols[0] as string).replace(/\*$/, ''),
      packets: ipkts + opkts,
      bytes: ibytes + obytes,
    });
  }
  return out;
}

/** Linux ARPHRD_* (/sys/class/net/X/type) to the pcap link type libpcap gives a capture on it. */
export function linkTypeOfArphrd(arphrd: number): number | null {
  const table: Record<number, number> = {
    1: 1, // ether → EN10MB
    772: 1, // loopback: libpcap presents lo as Ethernet
    65534: 101, // none (tun, wireguard) → RAW
    512: 9, // ppp
    776: 101, // sit
    768: 101, // ipip
    803: 127, // 802.11 radiotap
    280: 227, // CAN → CAN_SOCKETCAN
  };
  return table[arphrd] ?? null;
}
