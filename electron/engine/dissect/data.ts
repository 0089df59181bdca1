/** Bytes no dissector claims: Wireshark's `data` layer. It never changes the columns. */
import { formatBytes } from '../../../shared/fields/format.js';
import { DATA } from '../../../shared/fields/frame.js';
import type { FrameContext } from './context.js';

const F = DATA.fields;

export function dissectData(ctx: FrameContext, offset: number, end: number): void {
  const t = ctx.tree;
  const stop = Math.min(end, ctx.capturedEnd);
  if (t === null || stop <= offset) return;
  const length = stop - offset;
  t.begin(DATA.protocol, `Data (${length} byte${length === 1 ? '' : 's'})`, offset, stop);
  const node = t.add(F.data, offset, stop, null, `Data: ${formatBytes(ctx.bytes.subarray(offset, stop))}`);
  t.open(node);
  t.add(F.len, offset, stop, length);
  t.close();
}
