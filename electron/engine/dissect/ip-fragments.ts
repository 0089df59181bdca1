/**
 * What IPv4 and IPv6 do with a fragment (see ip-defrag.ts for the reassembly itself): on the summary pass
 * add it, and dissect the datagram in the frame that completes it; on replay give that frame the columns
 * the summary pass recorded; on the detail path rebuild the datagram from the spool, show which fragments
 * made it (`[6 IPv4 Fragments (8328 bytes): #1(1480), …]`) and dissect it again, and for the other
 * fragments say where it was reassembled.
 */
import { formatBytes } from '../../../shared/fields/format.js';
import type { FieldDef } from '../../../shared/fields/types.js';
import type { FrameContext } from './context.js';
import {
  addFragment,
  DEFRAG_STATE,
  rebuildDatagram,
  type CompletedDatagram,
  type Fragment,
} from './ip-defrag.js';

/** The field ids and names of one IP version's reassembly lines. */
export interface FragmentFields {
  /** `IPv4` / `IPv6`. */
  readonly name: string;
  readonly reassembledIn: FieldDef;
  readonly fragments: FieldDef;
  readonly fragment: FieldDef;
  readonly fragmentCount: FieldDef;
  readonly reassembledLength: FieldDef;
  readonly reassembledData: FieldDef;
}

/** Dissects the datagram's payload `[0, length)` of the current byte source. */
export type PayloadDissector = (ctx: FrameContext, length: number) => void;

/** True when the datagram was reassembled in this frame (and its payload dissected); false: show data. */
export function reassemble(
  ctx: FrameContext,
  names: FragmentFields,
  f: Fragment,
  payload: PayloadDissector,
): boolean {
  const st = ctx.state(DEFRAG_STATE);
  if (!ctx.detail) {
    const done = addFragment(ctx, f);
    if (!done) return false;
    const rec: CompletedDatagram = {
      pieces: done.pieces,
      length: done.bytes.length,
      protocol: '',
      info: '',
      streamId: -1,
      flags: 0,
    };
    st.completed.set(ctx.frameNumber, rec);
    dissectDatagram(ctx, names, done.bytes, payload);
    rec.protocol = ctx.protocol;
    rec.info = ctx.info;
    rec.streamId = ctx.streamId;
    rec.flags = ctx.flags;
    return true;
  }
  const rec = st.completed.get(ctx.frameNumber);
  if (!rec) {
    const reassembledIn = st.reassembledIn.get(ctx.frameNumber);
    if (reassembledIn !== undefined) ctx.tree?.add(names.reassembledIn, f.start, f.start, reassembledIn);
    return false;
  }
  // Details, or a display filter's extraction (whose tree may start above IP): the datagram is needed.
  const wanted = ctx.tree !== null || ctx.layerPolicy !== null;
  const bytes = wanted ? rebuildDatagram(ctx, rec) : null;
  if (ctx.tree) addFragmentsTree(ctx, names, rec, bytes);
  if (bytes) dissectDatagram(ctx, names, bytes, payload);
  else if (wanted)
    ctx.tree?.text(`[Reassembled ${names.name}: its fragments cannot be read back]`, f.start, f.start);
  ctx.protocol = rec.protocol;
  ctx.info = rec.info;
  ctx.streamId = rec.streamId;
  ctx.flags |= rec.flags;
  return true;
}

function dissectDatagram(
  ctx: FrameContext,
  names: FragmentFields,
  bytes: Uint8Array,
  payload: PayloadDissector,
): void {
  const source = `Reassembled ${names.name}`;
  ctx.tree?.addSource(source, bytes);
  const saved = ctx.enterSource(bytes, bytes.length, source);
  payload(ctx, bytes.length);
  ctx.leaveSource(saved);
}

/** Wireshark's `show_fragment_tree`: the fragments in datagram order, then count, length and data. */
function addFragmentsTree(
  ctx: FrameContext,
  names: FragmentFields,
  rec: CompletedDatagram,
  bytes: Uint8Array | null,
): void {
  const t = ctx.tree;
  if (!t) return;
  const order: number[] = [];
  for (let i = 0; i < rec.pieces.length; i += 4) order.push(i);
  order.sort((a, b) => (rec.pieces[a + 2] ?? 0) - (rec.pieces[b + 2] ?? 0) || a - b);
  const piece = (i: number) => rec.pieces.subarray(i, i + 4);
  const summary = order.map((i) => `#${piece(i)[0]}(${piece(i)[3]})`).join(', ');
  const title = `[${order.length} ${names.name} Fragments (${rec.length} bytes): ${summary}]`;
  t.open(t.add(names.fragments, 0, 0, null, title));
  for (const i of order) {
    const [frame = 0, , offset = 0, length = 0] = piece(i);
    const line = `[Frame: ${frame}, payload: ${offset}-${offset + length - 1} (${length} byte${length === 1 ? '' : 's'})]`;
    t.add(names.fragment, 0, 0, frame, line);
  }
  t.add(names.fragmentCount, 0, 0, order.length);
  t.add(names.reassembledLength, 0, 0, rec.length);
  if (bytes)
    t.add(
      names.reassembledData,
      0,
      0,
      formatBytes(bytes),
      `[Reassembled ${names.name} data: ${formatBytes(bytes)}]`,
    );
  t.close();
}
