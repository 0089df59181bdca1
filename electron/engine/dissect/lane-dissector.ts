/**
 * One lane's dissection. The summary path reuses one context and writes the columns into the caller's
 * `SummaryOut`; the detail path uses its own context with a tree, sharing the lane's dissector state
 * read-only, so that selecting a frame never changes what later frames' summaries say.
 */
import type { FrameDissection } from '../../../shared/dissection.js';
import { FrameFlag } from '../../../shared/dissection.js';
import { FrameContext, LaneState, type LayerPolicy, type StateKey } from './context.js';
import { addProtocolsLine, beginFrameLayer, dissectCustomBlock } from './frame.js';
import type { FrameInput, LaneDissector, SummaryOut } from './index.js';
import type { Registry } from './registry.js';
import { pduBytesOf } from './tcp-upper.js';
import { TLS_STATE, type TlsSessions } from './tls-session.js';
import { DetailTree } from './tree.js';
import type { KeyLookup } from '../tls-keys/secrets.js';

export class LaneDissectorImpl implements LaneDissector {
  private readonly state = new LaneState();
  private readonly summaryContext: FrameContext;
  private readonly detailContext: FrameContext;

  constructor(
    private readonly registry: Registry,
    frameBytes?: (frame: number) => Uint8Array | undefined,
    keys?: KeyLookup,
  ) {
    this.state.frameBytes = frameBytes ?? null;
    if (keys) this.state.keys = keys;
    this.summaryContext = new FrameContext(registry, this.state);
    this.detailContext = new FrameContext(registry, this.state);
  }

  summarize(frame: FrameInput, out: SummaryOut): void {
    const ctx = this.summaryContext;
    ctx.reset(frame.data, frame.originalLength, frame.number, frame.time ?? NaN, null);
    this.run(ctx, frame);
    this.columns(ctx, out);
  }

  extract(frame: FrameInput, sink: DetailTree, policy: LayerPolicy): void {
    const ctx = this.detailContext;
    ctx.reset(frame.data, frame.originalLength, frame.number, frame.time ?? NaN, sink);
    ctx.tree = policy.initial(ctx);
    ctx.layerPolicy = policy;
    this.run(ctx, frame);
    ctx.layerPolicy = null;
  }

  replay(frame: FrameInput, out: SummaryOut): void {
    const ctx = this.detailContext;
    ctx.reset(frame.data, frame.originalLength, frame.number, frame.time ?? NaN, null, true);
    this.run(ctx, frame);
    this.columns(ctx, out);
  }

  tlsSessions(): TlsSessions {
    return this.state.get(TLS_STATE);
  }

  pduBytes(frame: number, pdu: number): Uint8Array | null {
    return pduBytesOf(this.state, frame, pdu);
  }

  private columns(ctx: FrameContext, out: SummaryOut): void {
    out.protocol = ctx.protocol;
    out.source = ctx.addressText(ctx.srcKind, ctx.srcOffset);
    out.destination = ctx.addressText(ctx.dstKind, ctx.dstOffset);
    out.info = ctx.info;
    out.streamId = ctx.streamId;
    out.flags = ctx.flags;
  }

  get summarizedProtocols(): number {
    return this.summaryContext.seen;
  }

  details(frame: FrameInput): FrameDissection {
    const ctx = this.detailContext;
    const tree = new DetailTree(frame.data.length);
    ctx.reset(frame.data, frame.originalLength, frame.number, frame.time ?? NaN, tree);
    if (frame.block !== 'custom')
      beginFrameLayer(tree, frame.number, frame.originalLength, frame.data.length);
    this.run(ctx, frame);
    addProtocolsLine(tree, frame.data.length);
    const problems = ctx.problems ?? [];
    return tree.sources.length > 0
      ? { layers: tree.result(), problems, sources: tree.sources }
      : { layers: tree.result(), problems };
  }

  recorded<T>(key: StateKey<T>): T {
    return this.state.get(key);
  }

  protocolBit(protocol: string): number | null {
    return this.registry.dispatches(protocol) ? this.registry.protocolBit(protocol) : null;
  }

  private run(ctx: FrameContext, frame: FrameInput): void {
    if (frame.capturedLength < frame.originalLength) ctx.flags |= FrameFlag.SnapLimited;
    if (frame.block === 'spb' || frame.block === 'custom') ctx.flags |= FrameFlag.NoTimestamp;
    if (frame.block === 'custom') {
      dissectCustomBlock(ctx, frame.pen ?? 0, frame.customCopy ?? false);
      return;
    }
    const end = ctx.reportedEnd;
    if (!this.registry.next(ctx, 'link', frame.linkType, 0, end)) ctx.data(0, end);
  }
}
