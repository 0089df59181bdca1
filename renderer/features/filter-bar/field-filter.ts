/**
 * "Apply as Filter" / "Prepare as Filter" from the details tree: the filter that selects frames with
 * the chosen field's value, written as Wireshark writes it (`ip.src == 10.0.0.1`, `http.host ==
 * "example.com"`, `tcp.flags.syn == 1`, a protocol or a label by its name alone).
 */
import type { FieldShape, FrameDetails } from '../../../shared/contract/index.js';
import { checkFilter, resolveName } from '../../../shared/filter/index.js';
import { quote } from '../../../shared/filter/strings.js';

export interface FieldRef {
  readonly kind: string;
  readonly id: string;
  readonly range: readonly [number, number] | null;
  readonly source: string;
}

const MAX_BYTES = 64;

/** Named in the frame tree but not evaluated by the engine's filters yet: a filter on them would match nothing. */
const NOT_FILTERABLE: ReadonlySet<string> = new Set([
  'frame.coloring_rule.name',
  'frame.coloring_rule.string',
]);

function findField(fields: readonly FieldShape[], node: FieldRef): FieldShape | undefined {
  for (const field of fields) {
    const [start, end] = field.range;
    if (field.id === node.id && node.range && start === node.range[0] && end === node.range[1]) return field;
    const inner = field.children ? findField(field.children, node) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function hexOf(details: FrameDetails, source: string, range: readonly [number, number]): string | null {
  const buffer = details.sources.find((s) => s.name === source)?.bytesHex ?? details.bytesHex;
  const hex = buffer.slice(range[0] * 2, range[1] * 2);
  if (hex.length === 0 || range[1] - range[0] > MAX_BYTES) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

function literal(details: FrameDetails, node: FieldRef, field: FieldShape): string | null {
  const ftype = resolveName(node.id)?.field.ftype;
  const value = field.value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number')
    return ftype === 'uint' || ftype === 'int' || ftype === 'double' || ftype === 'reltime'
      ? String(value)
      : null;
  if (typeof value === 'string' && (ftype === 'ipv4' || ftype === 'ipv6' || ftype === 'ether')) return value;
  if (typeof value === 'string' && ftype === 'string') return quote(value);
  return node.range ? hexOf(details, node.source, node.range) : null;
}

/** The filter for a details-tree node, or null when the node has no filterable name. */
export function filterForField(details: FrameDetails, node: FieldRef): string | null {
  if (node.kind === 'layer') return checkFilter(node.id).ok ? node.id : null;
  if (node.kind !== 'field' || !resolveName(node.id) || NOT_FILTERABLE.has(node.id)) return null;
  const field = details.layers.map((l) => findField(l.fields, node)).find((f) => f !== undefined);
  const value = field ? literal(details, node, field) : null;
  const candidate = value === null ? node.id : `${node.id} == ${value}`;
  if (checkFilter(candidate).ok) return candidate;
  return checkFilter(node.id).ok ? node.id : null;
}
