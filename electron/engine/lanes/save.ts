/**
 * Save lanes as one pcapng. One lane: its spool already is that file, so it is copied. Several
 * lanes: one interface block per lane interface, frames merged by timestamp (as mergecap does),
 * each frame's bytes read back from its lane's spool. With TLS secrets (tls-keys/save-secrets.ts),
 * one Decryption Secrets Block goes before the first packet, so even one lane is written block by block.
 */
import { closeSync, fchmodSync, openSync, renameSync, writeSync } from 'node:fs';
import { PcapngWriter } from '../pcap/pcapng-writer.js';
import type { DecryptionSecrets } from '../pcap/types.js';
import type { Lane } from './lane.js';

export interface MergeOptions {
  /** A DSB written after the interfaces and before the first packet (readers need keys first). */
  readonly secrets?: DecryptionSecrets;
  /** File mode when created: 0600 when the file holds secrets. */
  readonly mode?: number;
}

export function saveLanes(lanes: readonly Lane[], path: string): number {
  // Write beside the target and rename, so a failed save never leaves half a file under its name.
  const partial = `${path}.partial`;
  if (lanes.length === 1) {
    const [lane] = lanes as [Lane];
    lane.spool.copyTo(partial);
    renameSync(partial, path);
    return lane.store.count;
  }
  return writeMerged(lanes, path);
}

/** Writes the lanes' frames merged by time into a new pcapng at `path` (via a `.partial` file). */
export function writeMerged(lanes: readonly Lane[], path: string, options: MergeOptions = {}): number {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', options.mode ?? 0o644);
  let position = 0;
  try {
    // A `.partial` left by an earlier failed save keeps its old mode unless told otherwise.
    if (options.mode !== undefined) fchmodSync(fd, options.mode);
    const writer = new PcapngWriter((chunk) => {
      writeSync(fd, chunk, 0, chunk.length, position);
      position += chunk.length;
    });
    writer.writeSectionHeader({ comment: `Hammerhead: ${lanes.map((lane) => lane.title).join(' + ')}` });
    const interfaceIds = lanes.map((lane) =>
      lane.interfaces.map((iface) =>
        writer.writeInterface({
          linkType: iface.linkType,
          snapLength: iface.snapLength,
          name: iface.name ?? lane.title,
          description: `lane ${lane.id}: ${lane.title}`,
        }),
      ),
    );
    if (options.secrets) writer.writeSecrets(options.secrets);
    const frames = mergeByTime(lanes, (laneIndex, index) => {
      const lane = lanes[laneIndex] as Lane;
      const record = lane.store.record(index);
      writer.writePacket({
        interfaceId: interfaceIds[laneIndex]?.[record.interfaceId] ?? 0,
        tsSeconds: record.tsSeconds,
        tsNanos: record.tsNanos,
        data: lane.bytes(index),
        originalLength: record.originalLength,
        comments: lane.store.frameComments(index),
        flags: 0,
      });
    });
    writer.flush();
    closeSync(fd);
    renameSync(partial, path);
    return frames;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Visits every frame of every lane, earliest first; within a lane, capture order is kept. */
function mergeByTime(lanes: readonly Lane[], visit: (lane: number, index: number) => void): number {
  const next = lanes.map(() => 0);
  let total = 0;
  for (;;) {
    let best = -1;
    for (let l = 0; l < lanes.length; l++) {
      const store = (lanes[l] as Lane).store;
      const i = next[l] as number;
      if (i >= store.count) continue;
      if (best < 0) {
        best = l;
        continue;
      }
      const other = (lanes[best] as Lane).store;
      const j = next[best] as number;
      if (
        store.seconds(i) - other.seconds(j) < 0 ||
        (store.seconds(i) === other.seconds(j) && store.nanos(i) < other.nanos(j))
      )
        best = l;
    }
    if (best < 0) return total;
    visit(best, next[best] as number);
    next[best] = (next[best] as number) + 1;
    total++;
  }
}
