/**
 * The details tree as the pane shows it: the contract's layers and fields, plus what Wireshark shows
 * around them: `Packet comments` first, and each problem as a `[Malformed Packet: …]` line in the
 * layer it concerns. One node shape for all of them keeps paths, keyboard navigation and byte lookup
 * uniform. Built once per `FrameDetails` object and cached (the contract's objects are never mutated).
 */
import type { FieldShape, FrameDetails } from '../../../shared/contract/index.js';
import { FRAME_SOURCE } from '../hex/byte-source.js';

export type NodeKind = 'comments' | 'comment' | 'layer' | 'field' | 'problem';

export interface TreeNode {
  readonly kind: NodeKind;
  /** The Wireshark field id (`ip.src`), the layer's protocol id (`ip`), or `frame.comment` / `_ws.expert`. */
  readonly id: string;
  readonly display: string;
  /** `[start, end)` in `source`; null when the node stands for no bytes (comments). */
  readonly range: readonly [number, number] | null;
  /** The byte buffer the range is in (`FRAME_SOURCE` unless the field says otherwise). */
  readonly source: string;
  readonly children: readonly TreeNode[];
  /** Problems and Wireshark's own `_ws.malformed` / `_ws.short` layers are drawn as warnings. */
  readonly warning: boolean;
  /**
   * What the node is, independent of its position: the chain of ids from its layer down. Expansion
   * is kept by this key, so that a subtree opened in one frame is open in the next (Wireshark keeps
   * one expanded state per subtree type), and a selection carries over to the same field.
   */
  readonly expansionKey: string;
  readonly problem?: 'truncated' | 'malformed';
}

type Problem = FrameDetails['problems'][number];
type Layer = FrameDetails['layers'][number];

const cache = new WeakMap<FrameDetails, readonly TreeNode[]>();

export function treeOf(details: FrameDetails): readonly TreeNode[] {
  let roots = cache.get(details);
  if (!roots) {
    roots = buildTree(details);
    cache.set(details, roots);
  }
  return roots;
}

/**
 * `_text` lines (labels such as `[SEQ/ACK analysis]`, `Options: (12 bytes), …`) share one id; the
 * wording before any value tells them apart well enough to keep their expanded states separate.
 */
function keySegment(id: string, display: string): string {
  if (id !== '_text') return id;
  return `_text:${display.split(/[:(]/, 1)[0]?.trim() ?? ''}`;
}

function fieldNode(field: FieldShape, parentKey: string, parentSource: string): TreeNode {
  // A reassembled or decrypted PDU's subtree lies in the same buffer as the PDU.
  const source = field.source ?? parentSource;
  const expansionKey = `${parentKey}/${keySegment(field.id, field.display)}`;
  return {
    kind: 'field',
    id: field.id,
    display: field.display,
    range: field.range,
    source,
    children: (field.children ?? []).map((child) => fieldNode(child, expansionKey, source)),
    warning: false,
    expansionKey,
  };
}

export function problemText(problem: Problem): string {
  return problem.kind === 'malformed'
    ? `[Malformed Packet: ${problem.message}]`
    : `[Packet size limited during capture: ${problem.message}]`;
}

function problemNode(problem: Problem, parentKey: string): TreeNode {
  return {
    kind: 'problem',
    id: '_ws.expert',
    display: problemText(problem),
    range: problem.range ?? null,
    source: problem.source ?? FRAME_SOURCE,
    children: [],
    warning: true,
    expansionKey: parentKey ? `${parentKey}/_ws.expert` : '_ws.expert',
    problem: problem.kind,
  };
}

/**
 * The layer a problem belongs to: the last layer with its protocol id that contains the problem's
 * first byte (a tunnel can repeat a protocol), else the last with that id; -1 when there is none.
 */
export function layerOfProblem(layers: readonly Layer[], problem: Problem): number {
  let fallback = -1;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (layer?.id !== problem.layer) continue;
    if (fallback < 0) fallback = i;
    const start = problem.range?.[0];
    if (start !== undefined && start >= layer.range[0] && start < layer.range[1]) return i;
  }
  return fallback;
}

function commentsNode(comments: readonly string[]): TreeNode {
  return {
    kind: 'comments',
    id: 'frame.comment',
    display: 'Packet comments',
    range: null,
    source: FRAME_SOURCE,
    children: comments.map((text) => ({
      kind: 'comment',
      id: 'frame.comment',
      display: text,
      range: null,
      source: FRAME_SOURCE,
      children: [],
      warning: false,
      expansionKey: 'comments/frame.comment',
    })),
    warning: false,
    expansionKey: 'comments',
  };
}

function buildTree(details: FrameDetails): readonly TreeNode[] {
  const byLayer = new Map<number, Problem[]>();
  const orphans: Problem[] = [];
  for (const problem of details.problems) {
    const index = layerOfProblem(details.layers, problem);
    if (index < 0) orphans.push(problem);
    else byLayer.set(index, [...(byLayer.get(index) ?? []), problem]);
  }
  const layers = details.layers.map((layer, index): TreeNode => {
    const key = layer.id;
    return {
      kind: 'layer',
      id: layer.id,
      display: layer.title,
      range: layer.range,
      // A layer decoded from a reassembled PDU has its bytes there, and so do its fields.
      source: layer.source ?? FRAME_SOURCE,
      children: [
        ...layer.fields.map((field) => fieldNode(field, key, layer.source ?? FRAME_SOURCE)),
        ...(byLayer.get(index) ?? []).map((problem) => problemNode(problem, key)),
      ],
      warning: layer.id === '_ws.malformed' || layer.id === '_ws.short',
      expansionKey: key,
    };
  });
  return [
    ...(details.comments.length > 0 ? [commentsNode(details.comments)] : []),
    ...layers,
    ...orphans.map((problem) => problemNode(problem, '')),
  ];
}
