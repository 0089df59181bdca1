/**
 * Builds the benchmark's capture: Ethernet frames taken from the conformance corpus (or, without
 * it, the bundled sample), repeated with fresh timestamps 10 µs apart, as a classic pcap.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { LinkType } from '../../shared/link-types.js';
import { createCaptureReader } from '../../electron/engine/pcap/capture-reader.js';
import { capturePath, corpusAvailable, corpusCaptures, expectedStatus } from '../support/corpus.js';

function sourceFrames(): Uint8Array[] {
  const files = corpusAvailable
    ? corpusCaptures()
        .filter((name) => expectedStatus(name).summaryExit === 0)
        .map(capturePath)
    : [resolve(import.meta.dirname, '../../assets/samples/loopback-http.pcap')];
  const frames: Uint8Array[] = [];
  for (const path of files) {
    const linkTypes: number[] = [];
    const reader = createCaptureReader({
      interface: (iface) => (linkTypes[iface.id] = iface.linkType),
      frame: (frame) => {
        if (
          linkTypes[frame.interfaceId] === LinkType.EN10MB &&
          frame.capturedLength === frame.originalLength
        ) {
          frames.push(frame.data.slice());
        }
      },
    });
    reader.feed(readFileSync(path));
    reader.end();
  }
  return frames;
}

export function buildBenchCapture(path: string, count: number): void {
  const frames = sourceFrames();
  if (frames.length === 0) throw new Error('no Ethernet frames to build the benchmark capture from');
  const fd = openSync(path, 'w');
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(LinkType.EN10MB, 20);
  const parts: Buffer[] = [header];
  let pending = header.length;
  const base = 1_764_000_000;
  for (let i = 0; i < count; i++) {
    const data = frames[i % frames.length] as Uint8Array;
    const record = Buffer.alloc(16);
    const micros = i * 10;
    record.writeUInt32LE(base + Math.floor(micros / 1e6), 0);
    record.writeUInt32LE(micros % 1e6, 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    parts.push(record, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    pending += 16 + data.length;
    if (pending > 8 * 1024 * 1024) {
      writeSync(fd, Buffer.concat(parts));
      parts.length = 0;
      pending = 0;
    }
  }
  writeSync(fd, Buffer.concat(parts));
  closeSync(fd);
}
