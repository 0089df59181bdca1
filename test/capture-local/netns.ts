/**
 * Two namespaces joined by veth pairs, made by a test and removed by it (afterAll): captures on a
 * veth end see exactly what the other namespace sends, with no other traffic of the machine.
 * Addresses are 10.25x.K.0/24 inside the namespaces only; nothing is routed out of them.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface Pair {
  /** The capture side's interface (in namespace `capture`) and address. */
  readonly iface: string;
  readonly address: string;
  /** The sending side's interface (in namespace `sender`). */
  readonly peer: string;
}

export interface Namespaces {
  readonly capture: string;
  readonly sender: string;
  readonly pairs: readonly Pair[];
  /** argv prefix that runs a program in the capture namespace. */
  readonly launcher: readonly string[];
  removeLink(iface: string): void;
  down(): void;
}

function ip(args: readonly string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr || result.error?.message}`);
}

export function namespacesUp(pairCount: number): Namespaces {
  const id = randomBytes(2).toString('hex');
  const capture = `hhlc-${id}-cap`;
  const sender = `hhlc-${id}-snd`;
  const octet = 240 + (parseInt(id, 16) % 16);
  const pairs: Pair[] = [];
  const down = () => {
    for (const ns of [capture, sender]) spawnSync('ip', ['netns', 'del', ns], { timeout: 10_000 });
  };
  try {
    ip(['netns', 'add', capture]);
    ip(['netns', 'add', sender]);
    for (let k = 1; k <= pairCount; k++) {
      const pair = { iface: `hl${id}c${k}`, peer: `hl${id}s${k}`, address: `10.${octet}.${k}.1` };
      ip(['link', 'add', pair.iface, 'netns', capture, 'type', 'veth', 'peer', pair.peer, 'netns', sender]);
      ip(['-n', capture, 'addr', 'add', `${pair.address}/24`, 'dev', pair.iface]);
      ip(['-n', sender, 'addr', 'add', `10.${octet}.${k}.2/24`, 'dev', pair.peer]);
      ip(['-n', capture, 'link', 'set', pair.iface, 'up']);
      ip(['-n', sender, 'link', 'set', pair.peer, 'up']);
      pairs.push(pair);
    }
  } catch (error) {
    down();
    throw error;
  }
  return {
    capture,
    sender,
    pairs,
    launcher: ['ip', 'netns', 'exec', capture],
    removeLink: (iface) => ip(['-n', capture, 'link', 'del', iface]),
    down,
  };
}
