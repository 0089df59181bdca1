/**
 * What a checked filter needs to read, frame by frame: one slot per field id, each answered from the
 * store (no dissection), from a cached column, or from a dissection pass's field sink. A field only
 * tested for existence (`tcp`, `tcp.analysis.retransmission`) needs no value, so its slot records
 * presence only and can be cached even for protocols; byte values (`tcp.payload`, `frame contains`)
 * are read during a pass and never cached (they are the frames themselves).
 */
import type { FilterField, FType, Test, Value } from '../../../shared/filter/index.js';
import { isStoreField } from './store-fields.js';

export interface SlotSpec {
  /** Identifies the slot's column in a lane's cache. */
  readonly key: string;
  readonly id: string;
  /** `none` when only existence is read. */
  readonly ftype: FType;
  readonly layerOf: string | null;
  /** The protocol whose dissector must build a (sink) tree for it. */
  readonly protocol: string;
  readonly source: 'store' | 'sink';
  readonly cacheable: boolean;
}

export interface FilterPlan {
  readonly test: Test | null;
  readonly slots: readonly SlotSpec[];
  /** The slots standing for a field (several for `ip.addr`). */
  slotsOf(field: FilterField, layered: boolean): readonly SlotSpec[];
  /** Protocols whose dissectors must build (sink) trees. */
  readonly protocols: ReadonlySet<string>;
  /** Every layer needs a tree (`frame.protocols`, `hh.decrypted`). */
  readonly everything: boolean;
}

interface Use {
  value: boolean;
  layered: boolean;
}

/** How each field is used: for its value anywhere, or only for existence. */
function uses(test: Test | null): Map<FilterField, Use> {
  const out = new Map<FilterField, Use>();
  const note = (field: FilterField, value: boolean, layered: boolean) => {
    const use = out.get(field) ?? { value: false, layered: false };
    use.value ||= value;
    use.layered ||= layered;
    out.set(field, use);
  };
  const value = (v: Value): void => {
    if (v.kind === 'field') note(v.field, true, v.layers !== null);
    else if (v.kind === 'slice') value(v.target);
    else if (v.kind === 'call') v.args.forEach(value);
    else if (v.kind === 'arith') [v.left, v.right].forEach(value);
    else if (v.kind === 'negate') value(v.operand);
  };
  const walk = (t: Test): void => {
    switch (t.kind) {
      case 'and':
      case 'or':
      case 'xor':
        walk(t.left);
        walk(t.right);
        break;
      case 'not':
        walk(t.operand);
        break;
      case 'exists':
        note(t.field, false, t.layers !== null);
        break;
      case 'truthy':
        value(t.value);
        break;
      case 'compare':
        value(t.left);
        value(t.right);
        break;
      case 'in':
        value(t.left);
        for (const e of t.elements) {
          value(e.low);
          if (e.high) value(e.high);
        }
    }
  };
  if (test) walk(test);
  return out;
}

const EVERY_LAYER: ReadonlySet<string> = new Set(['frame.protocols', 'hh.decrypted']);

function slotSpec(id: string, field: FilterField, use: Use): SlotSpec {
  const ftype = use.value ? field.ftype : 'none';
  const layerOf = use.layered ? field.protocol : null;
  const source = isStoreField(id, use.value) ? 'store' : 'sink';
  const cacheable = source === 'sink' && ftype !== 'bytes' && ftype !== 'protocol';
  const protocol = field.isProtocol ? id : field.protocol;
  return { key: `${id}|${ftype}|${layerOf ?? ''}`, id, ftype, layerOf, protocol, source, cacheable };
}

export function makePlan(test: Test | null): FilterPlan {
  const byField = new Map<FilterField, readonly SlotSpec[]>();
  const slots = new Map<string, SlotSpec>();
  const protocols = new Set<string>();
  let everything = false;
  for (const [field, use] of uses(test)) {
    // One object per key: `tcp.port` and `tcp.srcport` in one filter share the srcport slot.
    const specs = field.ids.map((id) => {
      const spec = slotSpec(id, field, use);
      const known = slots.get(spec.key);
      if (known) return known;
      slots.set(spec.key, spec);
      return spec;
    });
    byField.set(field, specs);
    for (const spec of specs) {
      if (spec.source === 'sink') protocols.add(spec.protocol);
      everything ||= EVERY_LAYER.has(spec.id);
    }
  }
  return {
    test,
    slots: [...slots.values()],
    slotsOf: (field) => byField.get(field) ?? [],
    protocols,
    everything,
  };
}
