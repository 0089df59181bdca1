/**
 * Test helpers (imported by the *.test.ts files here only): capture bytes from tcpdump-style hex,
 * small pcap/pcapng builders, and a recorder that turns reader events into comparable values.
 */
import { createCaptureReader } from './capture-reader.js';
import { PcapngWriter } from './pcapng-writer.js';
import type { CaptureInterface, CapturedFrame, CaptureReadError, CaptureReaderEvents } from './types.js';

/**
 * Bytes from `tcpdump -xx`-style lines: "0x0010:  ffff 0000 0100 0000   annotation". The offset
 * is checked against the bytes so far; text after three spaces is an annotation.
 */
export function hex(text: string): Uint8Array {
  const out: number[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^0x([0-9a-f]+):\s+(.*)$/i.exec(line);
    const body = match ? (match[2] ?? '') : line;
    if (match && parseInt(match[1] ?? '', 16) !== out.length) {
      throw new Error(`hex: line "${line}" claims offset 0x${match[1]}, but ${out.length} bytes precede it`);
    }
    const digits = (body.split(/ {3,}/)[0] ?? '').replace(/\s+/g, '');
    if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`hex: bad digits in "${line}"`);
    for (let i = 0; i < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16));
  }
  return Uint8Array.from(out);
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Little- or big-endian field writer for building blocks by hand. */
export function fields(
  le: boolean,
  spec: readonly (readonly [bits: 8 | 16 | 32, value: number])[],
): Uint8Array {
  const size = spec.reduce((n, [bits]) => n + bits / 8, 0);
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  for (const [bits, value] of spec) {
    if (bits === 8) view.setUint8(at, value);
    else if (bits === 16) view.setUint16(at, value, le);
    else view.setUint32(at, value >>> 0, le);
    at += bits / 8;
  }
  return new Uint8Array(view.buffer);
}

/** Pads to 32 bits with zeros, as pcapng requires of packet data and option values. */
export function pad(bytes: Uint8Array): Uint8Array {
  return concat(bytes, new Uint8Array((4 - (bytes.length % 4)) % 4));
}

/** One pcapng option TLV, padded. */
export function option(le: boolean, code: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return concat(
    fields(le, [
      [16, code],
      [16, bytes.length],
    ]),
    pad(bytes),
  );
}

/** A whole pcapng block: type, total length, body (padded), total length. */
export function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const padded = pad(body);
  const total = padded.length + 12;
  return concat(
    fields(le, [
      [32, type],
      [32, total],
    ]),
    padded,
    fields(le, [[32, total]]),
  );
}

export function shb(le: boolean, options: Uint8Array = new Uint8Array(0), major = 1): Uint8Array {
  const body = concat(
    fields(le, [
      [32, 0x1a2b3c4d],
      [16, major],
      [16, 0],
      [32, 0xffffffff],
      [32, 0xffffffff],
    ]),
    options,
  );
  return block(le, 0x0a0d0d0a, body);
}

export function idb(
  le: boolean,
  linkType: number,
  snapLength: number,
  options: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return block(
    le,
    1,
    concat(
      fields(le, [
        [16, linkType],
        [16, 0],
        [32, snapLength],
      ]),
      options,
    ),
  );
}

export interface EpbSpec {
  readonly interfaceId: number;
  readonly high: number;
  readonly low: number;
  readonly data: Uint8Array;
  readonly originalLength?: number;
  readonly options?: Uint8Array;
}

export function epb(le: boolean, p: EpbSpec): Uint8Array {
  const head = fields(le, [
    [32, p.interfaceId],
    [32, p.high],
    [32, p.low],
    [32, p.data.length],
    [32, p.originalLength ?? p.data.length],
  ]);
  return block(le, 6, concat(head, pad(p.data), p.options ?? new Uint8Array(0)));
}

export interface PcapRecordSpec {
  readonly seconds: number;
  readonly fraction: number;
  readonly data: Uint8Array;
  readonly originalLength?: number;
}

export function pcapFile(
  le: boolean,
  nano: boolean,
  linkType: number,
  snapLength: number,
  records: readonly PcapRecordSpec[],
): Uint8Array {
  const header = fields(le, [
    [32, nano ? 0xa1b23c4d : 0xa1b2c3d4],
    [16, 2],
    [16, 4],
    [32, 0],
    [32, 0],
    [32, snapLength],
    [32, linkType],
  ]);
  const body = records.map((r) =>
    concat(
      fields(le, [
        [32, r.seconds],
        [32, r.fraction],
        [32, r.data.length],
        [32, r.originalLength ?? r.data.length],
      ]),
      r.data,
    ),
  );
  return concat(header, ...body);
}

/** Every event as a plain value (frame bytes copied to hex), for toEqual across readings. */
export type RecordedEvent = readonly [string, unknown];

export function recordEvents(): {
  events: RecordedEvent[];
  handlers: CaptureReaderEvents;
  error(): CaptureReadError | undefined;
} {
  const events: RecordedEvent[] = [];
  const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const handlers: CaptureReaderEvents = {
    format: (format, info) => events.push(['format', { format, ...info }]),
    interface: (iface) => events.push(['interface', iface]),
    frame: (f) => events.push(['frame', { ...f, data: toHex(f.data), comments: [...f.comments] }]),
    statistics: (s) => events.push(['statistics', s]),
    secrets: (s) => events.push(['secrets', { ...s, data: toHex(s.data) }]),
    names: (n) => events.push(['names', n]),
    comment: (c) => events.push(['comment', c]),
    error: (e) => events.push(['error', e]),
  };
  const error = () => events.find(([kind]) => kind === 'error')?.[1] as CaptureReadError | undefined;
  return { events, handlers, error };
}

/** Reads `bytes` cut at `cuts` (sorted offsets) and returns every event. */
export function readInChunks(bytes: Uint8Array, cuts: readonly number[] = []): RecordedEvent[] {
  const { events, handlers } = recordEvents();
  const reader = createCaptureReader(handlers);
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.feed(bytes.subarray(start, Math.max(start, cut)));
    start = Math.max(start, cut);
  }
  reader.end();
  return events;
}

/** Reads `bytes` in one chunk: every event, those of one kind (`of`), the error, the reader. */
export function readAll(bytes: Uint8Array) {
  const { events, handlers, error } = recordEvents();
  const reader = createCaptureReader(handlers);
  reader.feed(bytes);
  reader.end();
  const of = (kind: string) => events.filter(([k]) => k === kind).map(([, v]) => v);
  return { events, of, error: error(), reader };
}

/** Runs `write` against a writer and returns every byte it emitted. */
export function written(write: (w: PcapngWriter) => void): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new PcapngWriter((chunk) => chunks.push(chunk.slice()));
  write(writer);
  writer.flush();
  return concat(...chunks);
}

/** Reads a whole file, keeping interfaces and copies of frames as well as every event. */
export function readBack(bytes: Uint8Array) {
  const interfaces: CaptureInterface[] = [];
  const frames: CapturedFrame[] = [];
  const { events, handlers, error } = recordEvents();
  const reader = createCaptureReader({
    ...handlers,
    interface: (i) => {
      interfaces.push(i);
      handlers.interface?.(i);
    },
    frame: (f) => {
      frames.push({ ...f, data: f.data.slice(), comments: [...f.comments] });
      handlers.frame(f);
    },
  });
  reader.feed(bytes);
  reader.end();
  return { interfaces, frames, events, error: error() };
}
