/**
 * The details tree under construction (detail path only; the summary path never creates one).
 * Layers and fields are plain objects matching shared/dissection.ts; ranges are absolute frame offsets.
 */
import type { DissectedField, DissectedLayer, FieldValue } from '../../../shared/dissection.js';
import { formatFieldLine } from '../../../shared/fields/format.js';
import type { FieldDef, ProtocolDef } from '../../../shared/fields/types.js';

interface MutableField {
  id: string;
  display: string;
  value: FieldValue;
  range: [number, number];
  children?: MutableField[];
}

export interface MutableLayer {
  id: string;
  title: string;
  range: [number, number];
  fields: MutableField[];
}

/** A `[start, end)` pair relative to a header start: the shape of the per-protocol range tables. */
export type Span = readonly [number, number];

export class DetailTree {
  /** Ranges are clamped to the captured bytes: a header may claim more than the capture holds. */
  constructor(private readonly limit = Number.MAX_SAFE_INTEGER) {}

  readonly layers: MutableLayer[] = [];
  /** `frame.protocols`: every layer begun, plus pseudo-protocols with no layer of their own (`ethertype`). */
  readonly chain: string[] = [];
  private current: MutableField[] = [];
  private readonly stack: MutableField[][] = [];
  private layer: MutableLayer | undefined;

  /** Starts a protocol layer; following fields go into it. */
  begin(protocol: ProtocolDef | string, title: string, start: number, end: number): MutableLayer {
    const id = typeof protocol === 'string' ? protocol : protocol.id;
    const layer: MutableLayer = { id, title, range: this.clamp(start, end), fields: [] };
    this.layer = layer;
    this.layers.push(layer);
    this.chain.push(id);
    this.current = layer.fields;
    this.stack.length = 0;
    return layer;
  }

  /** A protocol that Wireshark lists in `frame.protocols` without a tree of its own. */
  mark(id: string): void {
    this.chain.push(id);
  }

  /** A field added to an earlier layer once later ones are done (Ethernet padding after the datagram). */
  appendTo(
    layer: MutableLayer,
    def: FieldDef,
    start: number,
    end: number,
    value: FieldValue,
    display?: string,
  ): void {
    layer.fields.push({
      id: def.id,
      display: display ?? formatFieldLine(def, value),
      value,
      range: this.clamp(start, end),
    });
  }

  /** The title or extent of the open layer are often known only once it has been read. */
  setTitle(title: string): void {
    if (this.layer) this.layer.title = title;
  }

  setEnd(end: number): void {
    if (this.layer) this.layer.range = this.clamp(this.layer.range[0], end);
  }

  private clamp(start: number, end: number): [number, number] {
    const s = Math.min(Math.max(0, start), this.limit);
    return [s, Math.min(Math.max(s, end), this.limit)];
  }

  /** Adds a field line; `display` overrides the registry's rendering when Wireshark words it specially. */
  add(def: FieldDef, start: number, end: number, value: FieldValue, display?: string): MutableField {
    const node: MutableField = {
      id: def.id,
      display: display ?? formatFieldLine(def, value),
      value,
      range: this.clamp(start, end),
    };
    this.current.push(node);
    return node;
  }

  /** Adds a field at `base + span`, the usual case with a range table. */
  at(def: FieldDef, base: number, span: Span, value: FieldValue, display?: string): MutableField {
    return this.add(def, base + span[0], base + span[1], value, display);
  }

  /** A text-only line (Wireshark's expert notes and labels without a filterable value). */
  text(display: string, start: number, end: number): MutableField {
    return this.add({ id: '_text', label: display, type: 'none' }, start, end, null, display);
  }

  /** Following fields become children of `node`, until `close()`. */
  open(node: MutableField): void {
    this.stack.push(this.current);
    node.children ??= [];
    this.current = node.children;
  }

  close(): void {
    this.current = this.stack.pop() ?? this.layer?.fields ?? [];
  }

  /** The finished layers, typed as the read-only contract. */
  result(): readonly DissectedLayer[] {
    return this.layers;
  }
}

export type { DissectedField };
