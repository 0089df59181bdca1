/**
 * The one selection that the details tree and the hex pane share. A field is addressed by its path in
 * the tree the pane shows (`treeOf`): the index among the top-level nodes (`Packet comments` when
 * the frame has comments, then one per layer, then problems that belong to no layer), then child
 * indices. A field selects its byte range; a click on a byte selects the innermost field covering it.
 */
import type { FrameDetails } from '../../../shared/contract/index.js';
import type { ByteHighlight } from '../hex/byte-source.js';
import { treeOf, type TreeNode } from './tree-model.js';

export type FieldPath = readonly number[];

/** A row of the tree as shown: what is visible given the expanded subtrees, in order. */
export interface VisibleRow {
  readonly path: FieldPath;
  /** `pathKey(path)`: `data-path` in the DOM. */
  readonly key: string;
  readonly node: TreeNode;
  /** 1-based, as `aria-level`. */
  readonly level: number;
  readonly expandable: boolean;
  readonly expanded: boolean;
  /** Position among its siblings, 1-based, and their number (`aria-posinset`, `aria-setsize`). */
  readonly posInSet: number;
  readonly setSize: number;
}

export function pathKey(path: FieldPath): string {
  return path.join('.');
}

export function parsePathKey(key: string): FieldPath | null {
  if (!/^\d+(\.\d+)*$/.test(key)) return null;
  return key.split('.').map(Number);
}

export function samePath(a: FieldPath | null, b: FieldPath | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((index, i) => index === b[i]);
}

export function fieldAt(details: FrameDetails, path: FieldPath): TreeNode | null {
  let nodes = treeOf(details);
  let node: TreeNode | null = null;
  for (const index of path) {
    node = nodes[index] ?? null;
    if (!node) return null;
    nodes = node.children;
  }
  return node;
}

/** The bytes a selected node highlights; null for nodes that stand for no bytes (zero-length fields). */
export function rangeOf(details: FrameDetails, path: FieldPath): ByteHighlight | null {
  const node = fieldAt(details, path);
  if (!node?.range || node.range[1] <= node.range[0]) return null;
  return { source: node.source, range: node.range };
}

export function flattenTree(details: FrameDetails, expanded: ReadonlySet<string>): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const visit = (nodes: readonly TreeNode[], parent: FieldPath): void => {
    nodes.forEach((node, index) => {
      const path = [...parent, index];
      const expandable = node.children.length > 0;
      const open = expandable && expanded.has(node.expansionKey);
      rows.push({
        path,
        key: pathKey(path),
        node,
        level: path.length,
        expandable,
        expanded: open,
        posInSet: index + 1,
        setSize: nodes.length,
      });
      if (open) visit(node.children, path);
    });
  };
  visit(treeOf(details), []);
  return rows;
}

/**
 * The path of the innermost field covering `offset` in `source`: the smallest range, then the deepest,
 * then the last in tree order (Wireshark's own tie-break: of `Version` and `Header Length`, both in
 * IPv4's first byte, it picks the later). Layers count as fields of their own range; zero-length
 * ranges never match; generated fields, comments and problem lines are annotations, not bytes.
 */
export function innermostFieldAt(details: FrameDetails, source: string, offset: number): FieldPath | null {
  const best = { path: null as FieldPath | null, size: Infinity };
  walk(treeOf(details), [], (node, path) => {
    const range = node.range;
    if (node.kind !== 'layer' && (node.kind !== 'field' || isGenerated(node))) return;
    if (!range || node.source !== source || offset < range[0] || offset >= range[1]) return;
    const size = range[1] - range[0];
    if (size < best.size || (size === best.size && path.length >= (best.path?.length ?? 0))) {
      best.path = path;
      best.size = size;
    }
  });
  return best.path;
}

/**
 * Wireshark shows a generated field (`[Stream index: 0]`, `[TCP Flags: ·······AP···]`) in brackets
 * and never selects one from a byte; the contract has no flag for it, so the brackets tell.
 */
function isGenerated(node: TreeNode): boolean {
  return node.display.startsWith('[');
}

/** Every node in tree order (pre-order), with its path. */
function walk(
  nodes: readonly TreeNode[],
  parent: FieldPath,
  visit: (node: TreeNode, path: FieldPath) => void,
): void {
  nodes.forEach((node, index) => {
    const path = [...parent, index];
    visit(node, path);
    walk(node.children, path, visit);
  });
}

/** The ancestors to expand so that `path` shows, outermost first. */
export function pathsToReveal(path: FieldPath): FieldPath[] {
  return path.slice(0, -1).map((_, i) => path.slice(0, i + 1));
}

/** The expansion keys of `path`'s ancestors. */
export function revealKeys(details: FrameDetails, path: FieldPath): string[] {
  return pathsToReveal(path).flatMap((ancestor) => {
    const node = fieldAt(details, ancestor);
    return node ? [node.expansionKey] : [];
  });
}

/**
 * The first node with this expansion key: the same field in another frame, so that moving from
 * packet to packet keeps `tcp.srcport` selected, as Wireshark does.
 */
export function pathForExpansionKey(details: FrameDetails, key: string): FieldPath | null {
  const find = (nodes: readonly TreeNode[], parent: FieldPath): FieldPath | null => {
    for (const [index, node] of nodes.entries()) {
      const path = [...parent, index];
      if (node.expansionKey === key) return path;
      if (key.startsWith(`${node.expansionKey}/`)) {
        const found = find(node.children, path);
        if (found) return found;
      }
    }
    return null;
  };
  return find(treeOf(details), []);
}
