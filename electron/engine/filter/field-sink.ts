/**
 * The field sink: a details tree that keeps only what a filter reads. The dissectors' detail path
 * calls `add(def, start, end, value)` for every field of a frame; the sink looks the id up in the
 * filter's slot table and, for the few that are wanted, records the value in the filter's own form
 * (numbers for integers and IPv4, bytes for MAC/IPv6/byte fields, text for strings). Nothing else is
 * kept: no display line is formatted, no node is allocated, so a frame costs a fraction of `details`.
 *
 * Values are valid until the next `reset` (byte values are views into the frame's buffer).
 */
import type { FieldValue } from '../../../shared/dissection.js';
import { parseIpv6 } from '../../../shared/filter/literals.js';
import type { FType } from '../../../shared/filter/index.js';
import type { FieldDef, ProtocolDef } from '../../../shared/fields/index.js';
import { DetailTree, type MutableField, type MutableLayer } from '../dissect/tree.js';

/** A value as the filter compares it. */
export type RuntimeValue = number | string | Uint8Array | null;

export interface SinkSlot {
  readonly id: string;
  readonly ftype: FType;
  /** The protocol whose layers `#n` counts (`ip` for `ip.src`); null when no filter asks. */
  readonly layerOf: string | null;
}

const EMPTY = new Uint8Array(0);

function scratchField(): MutableField {
  return { id: '', display: '', value: null, range: [0, 0] };
}

/** `1.2.3.4` → 0x01020304 without allocating; NaN when not dotted-quad. */
export function ipv4Number(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return NaN;
      value = value * 256 + part;
      part = digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return NaN;
  }
  return dots === 3 && digits > 0 ? value * 256 + part : NaN;
}

/** `00:11:22:33:44:55` → 6 bytes. */
function etherBytes(text: string): Uint8Array {
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) out[i] = parseInt(text.slice(3 * i, 3 * i + 2), 16);
  return out;
}

export class FieldSink extends DetailTree {
  override readonly lines = false;
  /** The buffer ranges refer to now: the frame's bytes, or a reassembled or decoded buffer. */
  private buffer: Uint8Array = EMPTY;
  private frame: Uint8Array = EMPTY;
  private readonly buffers = new Map<string, Uint8Array>();
  private context: { readonly bytes: Uint8Array } | null = null;
  /** Per slot, this frame's values in the order the dissectors emitted them. */
  readonly values: RuntimeValue[][];
  /** Per slot with `layerOf`, the layer (1 = outermost) of each value. */
  readonly layerOfValue: number[][];
  /** Layers begun so far in this frame, by protocol. */
  private readonly layerCounts = new Map<string, number>();
  /** Slots by field id: several when one field is read both for its value and for existence. */
  private readonly slotOf = new Map<string, number[]>();
  private readonly scratch = scratchField();
  private readonly scratchLayer: MutableLayer = { id: '', title: '', range: [0, 0], fields: [] };
  /** Names of the buffers decoded from (to tell decrypted payload apart). */
  readonly sourceNames: string[] = [];
  /** Slots with values in this frame: only they are cleared for the next (most frames touch few). */
  readonly touched: number[] = [];
  /** Whether any slot counts layers (`ip.src#2`): otherwise `begin` does not count them. */
  private readonly layered: boolean;

  constructor(readonly slots: readonly SinkSlot[]) {
    super();
    this.values = slots.map(() => []);
    this.layerOfValue = slots.map(() => []);
    slots.forEach((slot, i) => this.slotOf.set(slot.id, [...(this.slotOf.get(slot.id) ?? []), i]));
    this.layered = slots.some((slot) => slot.layerOf !== null);
  }

  /** Before each frame. Clears only what the last frame used: this runs a million times per pass. */
  resetFrame(frame: Uint8Array): void {
    this.frame = this.buffer = frame;
    for (const slot of this.touched) {
      (this.values[slot] as RuntimeValue[]).length = 0;
      if (this.layered) (this.layerOfValue[slot] as number[]).length = 0;
    }
    this.touched.length = 0;
    if (this.buffers.size > 0) this.buffers.clear();
    if (this.layered) this.layerCounts.clear();
    if (this.chain.length > 0) this.chain.length = 0;
    if (this.sources.length > 0) this.sources.length = 0;
    if (this.sourceNames.length > 0) this.sourceNames.length = 0;
  }

  /** A value answered without dissection (fast-answers.ts). */
  put(slot: number, value: RuntimeValue): void {
    const list = this.values[slot] as RuntimeValue[];
    if (list.length === 0) this.touched.push(slot);
    list.push(value);
  }

  override begin(protocol: ProtocolDef | string, _title: string, start: number, end: number): MutableLayer {
    const id = typeof protocol === 'string' ? protocol : protocol.id;
    this.chain.push(id);
    if (this.layered) this.layerCounts.set(id, (this.layerCounts.get(id) ?? 0) + 1);
    const slots = this.slotOf.get(id);
    if (slots !== undefined) for (const slot of slots) this.record(slot, start, end, null);
    return this.scratchLayer;
  }

  override add(def: FieldDef, start: number, end: number, value: FieldValue): MutableField {
    const slots = this.slotOf.get(def.id);
    if (slots !== undefined) for (const slot of slots) this.record(slot, start, end, value);
    return this.scratch;
  }

  override appendTo(
    _layer: MutableLayer,
    def: FieldDef,
    start: number,
    end: number,
    value: FieldValue,
  ): void {
    this.add(def, start, end, value);
  }

  override text(): MutableField {
    return this.scratch;
  }

  override open(): void {}

  override close(): void {}

  override setTitle(): void {}

  override setEnd(): void {}

  override addSource(name: string, bytes: Uint8Array): void {
    this.sourceNames.push(name);
    this.buffers.set(name, bytes);
  }

  /** The dissection context whose `bytes` a reassembled buffer's ranges refer to. */
  attach(context: { readonly bytes: Uint8Array }): void {
    this.context = context;
  }

  override setSource(name: string | null): void {
    // A buffer the tree was given (a decoded body), else the one the context reads now (reassembled).
    this.buffer = name === null ? this.frame : (this.buffers.get(name) ?? this.context?.bytes ?? EMPTY);
  }

  private record(slot: number, start: number, end: number, value: FieldValue): void {
    const spec = this.slots[slot] as SinkSlot;
    const list = this.values[slot] as RuntimeValue[];
    if (list.length === 0) this.touched.push(slot);
    list.push(this.convert(spec.ftype, start, end, value));
    if (spec.layerOf !== null)
      (this.layerOfValue[slot] as number[]).push(this.layerCounts.get(spec.layerOf) ?? 0);
  }

  /**
   * After a frame: the values no single `add` gives. A wanted protocol that the registry noted in
   * the chain without beginning a layer (its header was cut short) still exists, as in Wireshark;
   * `frame` is the frame's bytes, `frame.protocols` the chain, `hh.decrypted` whether a decrypted
   * buffer was dissected.
   */
  finishFrame(): void {
    this.slots.forEach((spec, slot) => {
      const list = this.values[slot] as RuntimeValue[];
      if (list.length > 0) return;
      const value = this.derived(spec);
      if (value === undefined) return;
      this.touched.push(slot);
      list.push(value);
      if (spec.layerOf !== null) (this.layerOfValue[slot] as number[]).push(1);
    });
  }

  private derived(spec: SinkSlot): RuntimeValue | undefined {
    switch (spec.id) {
      case 'frame':
        return this.frame;
      case 'frame.protocols':
        return this.chain.filter((id) => id !== 'frame' && !id.startsWith('_ws.')).join(':');
      case 'hh.decrypted':
        return this.sourceNames.some((name) => /decrypt/i.test(name)) ? 1 : undefined;
      default:
        return spec.ftype === 'protocol' || spec.ftype === 'none'
          ? this.chain.includes(spec.id)
            ? EMPTY
            : undefined
          : undefined;
    }
  }

  private range(start: number, end: number): Uint8Array {
    const bytes = this.buffer;
    return bytes.subarray(Math.min(start, bytes.length), Math.min(end, bytes.length));
  }

  /** A protocol's value is its bytes to the end of the buffer, as Wireshark's tvb for it (`tcp contains "GET"`). */
  private protocolBytes(start: number): Uint8Array {
    const bytes = this.buffer;
    return bytes.subarray(Math.min(start, bytes.length));
  }

  private convert(ftype: FType, start: number, end: number, value: FieldValue): RuntimeValue {
    switch (ftype) {
      case 'uint':
      case 'int':
      case 'double':
      case 'abstime':
      case 'reltime':
        return typeof value === 'number' ? value : Number(value);
      case 'bool':
        return typeof value === 'number' ? Number(value !== 0) : value ? 1 : 0;
      case 'ipv4':
        return typeof value === 'string' ? ipv4Number(value) : Number(value);
      case 'ether':
        return end - start === 6 ? this.range(start, end) : etherBytes(String(value));
      case 'ipv6':
        return end - start === 16 ? this.range(start, end) : (parseIpv6(String(value)) ?? EMPTY);
      case 'bytes':
        return this.range(start, end);
      case 'protocol':
        return this.protocolBytes(start);
      case 'string':
        return value === null ? '' : String(value);
      case 'none':
        return null;
    }
  }
}
