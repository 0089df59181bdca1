/**
 * Helpers for the dissector tests: packets written as tcpdump-style hex (`0x0000:  4500 003c …` with
 * `#` comments), run through a lane dissector, and field lookups in the resulting tree.
 */
import type { KeyLookup } from '../tls-keys/secrets.js';
import type { DissectedField, FrameDissection } from '../../../shared/dissection.js';
import {
  createLaneDissector,
  emptySummary,
  type FrameInput,
  type LaneDissector,
  type SummaryOut,
} from './index.js';

/** Bytes from hex text: `#` starts a comment, a leading `0x0000:` offset is ignored. */
export function hex(text: string): Uint8Array {
  const digits = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').replace(/^\s*(0x)?[0-9a-f]{4}:/i, ''))
    .join('')
    .replace(/[^0-9a-f]/gi, '');
  if (digits.length % 2 !== 0) throw new Error(`odd number of hex digits (${digits.length})`);
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) =>
    parseInt(digits.slice(2 * i, 2 * i + 2), 16),
  );
}

export interface FrameOptions {
  readonly originalLength?: number;
  readonly time?: number;
}

export function frameInput(
  number: number,
  linkType: number,
  data: Uint8Array,
  options: FrameOptions = {},
): FrameInput {
  return {
    number,
    linkType,
    data,
    capturedLength: data.length,
    originalLength: options.originalLength ?? data.length,
    block: 'pcap',
    ...(options.time === undefined ? {} : { time: options.time }),
  };
}

export { emptySummary };

/** A lane fed frame by frame; keeps the inputs so that details can be asked for later. */
export class TestLane {
  private readonly inputs: FrameInput[] = [];
  /** Reads earlier frames back, as the engine does from its spool, for reassembled PDUs' details. */
  readonly dissector: LaneDissector;

  constructor(keys?: KeyLookup) {
    this.dissector = createLaneDissector(undefined, {
      frameBytes: (n) => this.inputs[n - 1]?.data,
      ...(keys && { keys }),
    });
  }

  get count(): number {
    return this.inputs.length;
  }

  add(linkType: number, data: Uint8Array, options: FrameOptions = {}): SummaryOut {
    const input = frameInput(this.inputs.length + 1, linkType, data, options);
    this.inputs.push(input);
    const out = emptySummary();
    this.dissector.summarize(input, out);
    return out;
  }

  replay(number: number): SummaryOut {
    const input = this.inputs[number - 1];
    if (!input) throw new Error(`no frame ${number}`);
    const out = emptySummary();
    this.dissector.replay(input, out);
    return out;
  }

  details(number: number): FrameDissection {
    const input = this.inputs[number - 1];
    if (!input) throw new Error(`no frame ${number}`);
    return this.dissector.details(input);
  }
}

export function summarize(linkType: number, data: Uint8Array, options: FrameOptions = {}): SummaryOut {
  return new TestLane().add(linkType, data, options);
}

export function details(linkType: number, data: Uint8Array, options: FrameOptions = {}): FrameDissection {
  const lane = new TestLane();
  lane.add(linkType, data, options);
  return lane.details(1);
}

function* walk(fields: readonly DissectedField[]): Generator<DissectedField> {
  for (const field of fields) {
    yield field;
    if (field.children) yield* walk(field.children);
  }
}

/** Every field with this id, depth first, across layers. */
export function findAll(dissection: FrameDissection, id: string): DissectedField[] {
  return dissection.layers.flatMap((layer) => [...walk(layer.fields)].filter((field) => field.id === id));
}

/** The first field with this id; throws when absent, so a test reads as `field(d, 'ip.src').value`. */
export function field(dissection: FrameDissection, id: string): DissectedField {
  const found = findAll(dissection, id)[0];
  if (!found) throw new Error(`no field ${id}`);
  return found;
}

/** `[id, display, range]` of every field of one layer, for compact whole-layer expectations. */
export function layerLines(
  dissection: FrameDissection,
  layerId: string,
): [string, string, readonly [number, number]][] {
  const layer = dissection.layers.find((l) => l.id === layerId);
  if (!layer) throw new Error(`no layer ${layerId}`);
  return [...walk(layer.fields)].map((f) => [f.id, f.display, f.range]);
}

export function allFields(dissection: FrameDissection): DissectedField[] {
  return dissection.layers.flatMap((layer) => [...walk(layer.fields)]);
}

/** A frame and the four columns tshark 4.0.17 shows for it (Source, Destination, Protocol, Info). */
export interface ColumnCase {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly originalLength?: number;
  readonly expected: readonly [string, string, string, string];
}

/** Runs the cases through one lane, in order (TCP and ICMP read earlier frames), and returns our columns. */
export function columnsOf(
  linkType: number,
  cases: readonly ColumnCase[],
): [string, string, string, string][] {
  const lane = new TestLane();
  return cases.map((c, i) => {
    const out = lane.add(linkType, c.bytes, {
      time: 1000 + i,
      ...(c.originalLength === undefined ? {} : { originalLength: c.originalLength }),
    });
    return [out.source, out.destination, out.protocol, out.info];
  });
}
