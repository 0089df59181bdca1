/**
 * The details tree under construction (detail path only; the summary path never creates one).
 * Layers and fields are plain objects matching shared/dissection.ts; ranges are absolute frame offsets.
 */
import type { DissectedField, DissectedLayer, FieldValue } from '../../../shared/dissection.js';
import { formatFieldLine } from '../../../shared/fields/format.js';
import type { FieldDef, ProtocolDef } from '../../../shared/fields/types.js';

export interface MutableField {
  id: string;
  display: string;
  value: FieldValue;
  range: [number, number];
  source?: string;
  children?: MutableField[];
}

export interface MutableLayer {
  id: string;
  title: string;
  range: [number, number];
  source?: string;
  fields: MutableField[];
}

/** An extra byte buffer the details refer to: a reassembled PDU, a decompressed body. */
export interface ByteSource {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A `[start, end)` pair relative to a header start: the shape of the per-protocol range tables. */
export type Span = readonly [number, number];

export class DetailTree {
  /** Ranges are clamped to the captured bytes: a header may claim more than the capture holds. */
  constructor(private limit = Number.MAX_SAFE_INTEGER) {
    this.frameLimit = limit;
  }

  /**
   * Whether anyone reads the display lines. A display filter's field sink does not: hot tree builders
   * (tcp-tree.ts) skip formatting them when false, which is most of a layer's detail cost.
   */
  readonly lines: boolean = true;

  private readonly frameLimit: number;
  /** The buffer ranges refer to from now on; undefined: the frame. */
  private source: string | undefined;
  /** The buffers other than the frame that ranges refer to, in the order they were added. */
  readonly sources: ByteSource[] = [];

  readonly layers: MutableLayer[] = [];
  /** `frame.protocols`: every layer begun, plus pseudo-protocols with no layer of their own (`ethertype`). */
  readonly chain: string[] = [];
  private current: MutableField[] = [];
  private readonly stack: MutableField[][] = [];
  private layer: MutableLayer | undefined;

  /**
   * Starts a protocol layer; following fields go into it. `inChain` false: another tree of a protocol already
   * in `frame.protocols` (Wireshark lists a protocol once per call, however many PDUs it shows).
   */
  begin(
    protocol: ProtocolDef | string,
    title: string,
    start: number,
    end: number,
    inChain = true,
  ): MutableLayer {
    const id = typeof protocol === 'string' ? protocol : protocol.id;
    const layer: MutableLayer = { id, title, range: this.clamp(start, end), fields: [] };
    if (this.source !== undefined) layer.source = this.source;
    this.layer = layer;
    this.layers.push(layer);
    if (inChain) this.chain.push(id);
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

  /** Registers a buffer that later ranges may refer to (see `setSource`); the same name is kept once. */
  addSource(name: string, bytes: Uint8Array): void {
    if (!this.sources.some((s) => s.name === name)) this.sources.push({ name, bytes });
  }

  /** Following ranges index the buffer `name` (null: the frame again), of `length` bytes. */
  setSource(name: string | null, length: number): void {
    this.source = name ?? undefined;
    this.limit = name === null ? this.frameLimit : length;
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
    if (this.source !== undefined) node.source = this.source;
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
