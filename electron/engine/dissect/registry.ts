/**
 * Dissector tables, as Wireshark's `dissector_add_uint` / gopacket's layer registry: a dissector says
 * which (table, key) pairs lead to it (`ethertype` 0x0800 → ip), and a parent hands its payload to
 * whatever is registered under the key it read, instead of switching on known values. Adding a protocol
 * is adding a dissector and its bindings, not editing its parents.
 *
 * Every call goes through `call`, which contains any unexpected exception to that layer: it becomes a
 * `malformed` problem and the layer's bytes a `data` layer, and the frame's other layers stand.
 */
import type { FrameContext } from './context.js';

export type TableName =
  /** pcap/pcapng LINKTYPE_* value. */
  | 'link'
  | 'ethertype'
  /** IPv4 protocol / IPv6 next header. */
  | 'ip.proto'
  /** Linux SLL protocol values below 0x0600 (ETH_P_802_2 and friends). */
  | 'sll.ltype'
  /** BSD loopback address family. */
  | 'null.family'
  | 'llc.dsap'
  | 'tcp.port'
  | 'udp.port';

export interface Binding {
  readonly table: TableName;
  readonly key: number;
}

export interface Dissector {
  /** Protocol id, as in `frame.protocols`. */
  readonly id: string;
  readonly bindings: readonly Binding[];
  /**
   * Its name in `frame.protocols` when that is not `id` (`sll` for SLL2), or null for dissectors that
   * only route (a link type that is directly IP).
   */
  readonly chainId?: string | null;
  /**
   * Decodes the bytes from `offset`; `end` is the length the enclosing layer gives it (which may exceed
   * what was captured). Sets columns and, on the detail path, adds its layer to `ctx.tree`.
   * Returning `false` declines the bytes before touching anything (Wireshark's new-style dissector
   * returning 0): the caller then treats them as if no dissector were registered.
   */
  dissect(ctx: FrameContext, offset: number, end: number): boolean | void;
  /**
   * A protocol above TCP that parses a byte stream (HTTP, DNS over TCP): TCP reassembles for it and it
   * reports PDU boundaries through `ctx.stream` (Wireshark's desegmentation API).
   */
  readonly stream?: boolean;
  /**
   * A stream dissector that stays in `frame.protocols` when it asked for more before consuming anything
   * (Wireshark's TLS, which accepts the bytes and adds its layer first; HTTP then declines and leaves none).
   */
  readonly keepsLayer?: boolean;
  /**
   * A heuristic for payloads no port claims (Wireshark's heuristic tables): a cheap test on the bytes; when
   * it passes, the dissector is used for the rest of the conversation.
   */
  readonly heuristic?: {
    readonly table: TableName;
    test(ctx: FrameContext, offset: number, end: number): boolean;
  };
}

const NONE: readonly Dissector[] = [];
const SHARED_BIT_INDEX = 30;

/** Called with the payload nobody claimed: the `data` dissector. */
export type Fallback = (ctx: FrameContext, offset: number, end: number) => void;

export class Registry {
  private readonly tables = new Map<TableName, Map<number, Dissector>>();
  private readonly byId = new Map<string, Dissector>();
  private readonly heuristicLists = new Map<TableName, Dissector[]>();
  /** Exceptions contained so far: each is a dissector bug worth a report (tests assert there are none). */
  failures = 0;
  /** A bit per protocol dissected on a summary pass (`FrameContext.seen`), in order of first sight. */
  private readonly protocolBits = new Map<string, number>();

  constructor(private readonly fallback: Fallback) {}

  register(dissector: Dissector): this {
    this.byId.set(dissector.id, dissector);
    for (const { table, key } of dissector.bindings) {
      let entries = this.tables.get(table);
      if (!entries) this.tables.set(table, (entries = new Map()));
      entries.set(key, dissector);
    }
    const heuristic = dissector.heuristic;
    if (heuristic) {
      const list = this.heuristicLists.get(heuristic.table) ?? [];
      list.push(dissector);
      this.heuristicLists.set(heuristic.table, list);
    }
    return this;
  }

  /** The dissectors with a heuristic on `table`, in registration order. */
  heuristics(table: TableName): readonly Dissector[] {
    return this.heuristicLists.get(table) ?? NONE;
  }

  lookup(table: TableName, key: number): Dissector | undefined {
    return this.tables.get(table)?.get(key);
  }

  dissector(id: string): Dissector | undefined {
    return this.byId.get(id);
  }

  /** Hands `[offset, end)` to the dissector bound to `key`; false when there is none. */
  next(ctx: FrameContext, table: TableName, key: number, offset: number, end: number): boolean {
    const dissector = this.tables.get(table)?.get(key);
    if (dissector === undefined) return false;
    return this.call(ctx, dissector, offset, end);
  }

  /** `next`, or the data dissector when no one is bound to `key`. */
  nextOrData(ctx: FrameContext, table: TableName, key: number, offset: number, end: number): void {
    if (!this.next(ctx, table, key, offset, end)) this.data(ctx, offset, end);
  }

  data(ctx: FrameContext, offset: number, end: number): void {
    this.fallback(ctx, offset, end);
  }

  /** Runs one dissector, containing its failures; false when it declined the bytes. */
  call(ctx: FrameContext, dissector: Dissector, offset: number, end: number): boolean {
    if (ctx.stopped) return true;
    const outer = ctx.tree;
    if (ctx.layerPolicy) ctx.tree = ctx.layerPolicy.treeFor(dissector.id, outer, ctx);
    const at = ctx.tree ? ctx.tree.chain.length : 0;
    let accepted = true;
    try {
      accepted = dissector.dissect(ctx, offset, end) !== false;
    } catch (error) {
      this.contain(ctx, dissector.id, offset, end, error);
    }
    if (accepted && ctx.tree) this.noteInChain(ctx.tree.chain, at, dissector);
    if (accepted) ctx.seen |= this.bitOf(dissector);
    if (ctx.layerPolicy) ctx.tree = outer;
    return accepted;
  }

  private bitOf(dissector: Dissector): number {
    const name = dissector.chainId === undefined ? dissector.id : dissector.chainId;
    if (name === null) return 0;
    let bit = this.protocolBits.get(name);
    if (bit === undefined) {
      // Thirty protocols get a bit each; any more share the last one (their frames are always looked at).
      bit = this.protocolBits.size < SHARED_BIT_INDEX ? 1 << this.protocolBits.size : 1 << SHARED_BIT_INDEX;
      this.protocolBits.set(name, bit);
    }
    return bit;
  }

  /** The bit of `protocol` in `FrameContext.seen`, or 0 when no summary pass has dissected it yet. */
  protocolBit(protocol: string): number {
    return this.protocolBits.get(protocol) ?? 0;
  }

  /** Whether `protocol` is dissected through `call` (so a summary pass notes it in `seen`). */
  dispatches(protocol: string): boolean {
    for (const dissector of this.byId.values()) {
      const name = dissector.chainId === undefined ? dissector.id : dissector.chainId;
      if (name === protocol) return true;
    }
    return false;
  }

  /** A dissector that stopped before its layer began is still in `frame.protocols`, as in Wireshark. */
  private noteInChain(chain: string[], at: number, dissector: Dissector): void {
    const name = dissector.chainId === undefined ? dissector.id : dissector.chainId;
    if (name !== null && chain[at] !== name) chain.splice(at, 0, name);
  }

  /** A dissector bug must not cost the user the frame: report it and show the bytes as data. */
  private contain(ctx: FrameContext, id: string, offset: number, end: number, error: unknown): void {
    this.failures++;
    const message = error instanceof Error ? error.message : String(error);
    ctx.problem('malformed', id, `dissector failed: ${message}`, offset, end);
    if (!ctx.stopped) {
      ctx.stopped = true;
      ctx.appendInfo('[Malformed Packet]');
    }
    ctx.tree?.begin(
      'data',
      `Data (${Math.max(0, Math.min(end, ctx.capturedEnd) - offset)} bytes)`,
      offset,
      Math.min(end, ctx.capturedEnd),
    );
  }
}
