/**
 * TCP options (RFC 9293 §3.2; MSS RFC 6691, window scale and timestamps RFC 7323, SACK RFC 2018).
 *
 *  +--------+--------+-------------------+
 *  |  Kind  | Length |  data (Length-2)  |     Kind 0 (EOL) and 1 (NOP) are a single byte.
 *  +--------+--------+-------------------+
 *
 * Read one at a time, as Wireshark does: each adds its Info text (` MSS=1460`, ` SACK_PERM`, ` WS=128`,
 * ` SLE=1 SRE=2`, ` TSval=… TSecr=…`) once its bytes are read, so a snap length that cuts the options
 * leaves the earlier ones in Info. A length that does not fit ends the walk.
 */
import { TCP } from '../../../shared/fields/tcp.js';
import type { FrameContext } from './context.js';
import type { Flow } from './tcp-conversations.js';
import type { DetailTree } from './tree.js';

const F = TCP.fields;
export const TCP_OPTION = { kind: [0, 1], length: [1, 2] } as const;

const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERM = 4;
const OPT_SACK = 5;
const OPT_TIMESTAMP = 8;
/** Wireshark caps the shift it applies at 14 (RFC 7323 §2.3). */
const MAX_WINDOW_SHIFT = 14;

const OPTION_TITLES: Readonly<Record<number, string>> = {
  [OPT_EOL]: 'End of Option List (EOL)',
  [OPT_NOP]: 'No-Operation (NOP)',
  [OPT_MSS]: 'Maximum segment size',
  [OPT_WSCALE]: 'Window scale',
  [OPT_SACK_PERM]: 'SACK permitted',
  [OPT_SACK]: 'SACK',
  [OPT_TIMESTAMP]: 'Timestamps',
};

/** Lengths the fixed-size options must have. */
const FIXED_LENGTHS: Readonly<Record<number, number>> = {
  [OPT_MSS]: 4,
  [OPT_WSCALE]: 3,
  [OPT_SACK_PERM]: 2,
  [OPT_TIMESTAMP]: 10,
};

export interface OptionContext {
  /** The sender's flow (window scale is stored there) and the receiver's (SACK edges are its numbers). */
  readonly fwd: Flow | undefined;
  readonly rev: Flow | undefined;
}

function optionInfo(ctx: FrameContext, kind: number, at: number, length: number, o: OptionContext): string {
  switch (kind) {
    case OPT_MSS:
      return ` MSS=${ctx.u16(at + 2)}`;
    case OPT_WSCALE: {
      const shift = ctx.u8(at + 2);
      if (o.fwd) o.fwd.winScale = Math.min(shift, MAX_WINDOW_SHIFT);
      return ` WS=${2 ** Math.min(shift, MAX_WINDOW_SHIFT)}`;
    }
    case OPT_SACK_PERM:
      return ' SACK_PERM';
    case OPT_SACK: {
      const base = o.rev?.baseSet ? o.rev.baseSeq : 0;
      let text = '';
      for (let edge = at + 2; edge + 8 <= at + length; edge += 8) {
        text += ` SLE=${(ctx.u32(edge) - base) >>> 0} SRE=${(ctx.u32(edge + 4) - base) >>> 0}`;
      }
      return text;
    }
    case OPT_TIMESTAMP:
      return ` TSval=${ctx.u32(at + 2)} TSecr=${ctx.u32(at + 6)}`;
    default:
      return '';
  }
}

/** The option's line after `TCP Option - `, as Wireshark words it. */
function optionTitle(ctx: FrameContext, kind: number, at: number, length: number, o: OptionContext): string {
  const name = OPTION_TITLES[kind] ?? 'Unknown';
  switch (kind) {
    case OPT_MSS:
      return `${name}: ${ctx.u16(at + 2)} bytes`;
    case OPT_WSCALE: {
      const shift = ctx.u8(at + 2);
      return `${name}: ${shift} (multiply by ${2 ** Math.min(shift, MAX_WINDOW_SHIFT)})`;
    }
    case OPT_TIMESTAMP:
      return `${name}: TSval ${ctx.u32(at + 2)}, TSecr ${ctx.u32(at + 6)}`;
    case OPT_SACK: {
      const base = o.rev?.baseSet ? o.rev.baseSeq : 0;
      const edges: string[] = [];
      for (let edge = at + 2; edge + 8 <= at + length; edge += 8) {
        edges.push(`${(ctx.u32(edge) - base) >>> 0}-${(ctx.u32(edge + 4) - base) >>> 0}`);
      }
      return `${name} ${edges.join(' ')}`;
    }
    default:
      return name;
  }
}

const OPTION_FIELDS: Readonly<Record<number, typeof F.optNop>> = {
  [OPT_EOL]: F.optEol,
  [OPT_NOP]: F.optNop,
  [OPT_MSS]: F.optMss,
  [OPT_WSCALE]: F.optWscale,
  [OPT_SACK_PERM]: F.optSackPerm,
  [OPT_SACK]: F.optSack,
  [OPT_TIMESTAMP]: F.optTimestamp,
};

function addOptionTree(
  ctx: FrameContext,
  t: DetailTree,
  kind: number,
  at: number,
  length: number,
  o: OptionContext,
): void {
  t.open(
    t.add(
      OPTION_FIELDS[kind] ?? F.optUnknown,
      at,
      at + length,
      null,
      `TCP Option - ${optionTitle(ctx, kind, at, length, o)}`,
    ),
  );
  t.add(F.optionKind, at, at + 1, kind);
  if (length > 1) t.add(F.optionLen, at + 1, at + 2, length);
  if (kind === OPT_MSS) t.add(F.mssVal, at + 2, at + 4, ctx.u16(at + 2));
  if (kind === OPT_WSCALE) {
    t.add(F.wscaleShift, at + 2, at + 3, ctx.u8(at + 2));
    t.add(F.wscaleMultiplier, at + 2, at + 3, 2 ** Math.min(ctx.u8(at + 2), MAX_WINDOW_SHIFT));
  }
  if (kind === OPT_TIMESTAMP) {
    t.add(F.tsval, at + 2, at + 6, ctx.u32(at + 2));
    t.add(F.tsecr, at + 6, at + 10, ctx.u32(at + 6));
  }
  if (kind === OPT_SACK) {
    const base = o.rev?.baseSet ? o.rev.baseSeq : 0;
    for (let edge = at + 2; edge + 8 <= at + length; edge += 8) {
      t.add(F.sackLe, edge, edge + 4, (ctx.u32(edge) - base) >>> 0);
      t.add(F.sackRe, edge + 4, edge + 8, (ctx.u32(edge + 4) - base) >>> 0);
    }
  }
  t.close();
}

/** The option's total length, or 0 when it does not fit the header (which ends the walk, as in Wireshark). */
function optionLength(ctx: FrameContext, kind: number, at: number, end: number): number {
  if (kind === OPT_EOL || kind === OPT_NOP) return 1;
  if (at + 2 > end) return 0;
  const length = ctx.u8(at + 1);
  return length < 2 || at + length > end ? 0 : length;
}

/**
 * An option whose length is not its kind's fixed one: Wireshark still reads the fixed fields, so bytes
 * missing from the capture end the frame (`truncated`); otherwise the option is skipped as malformed.
 * SACK permitted has no fields and is shown anyway. Returns false to stop, true to skip, undefined to decode.
 */
function wrongLength(
  ctx: FrameContext,
  kind: number,
  at: number,
  length: number,
  reportedEnd: number,
): boolean | undefined {
  const fixed = FIXED_LENGTHS[kind];
  if (fixed === undefined || fixed === length || kind === OPT_SACK_PERM) return undefined;
  if (at + fixed > ctx.capturedEnd && at + fixed <= reportedEnd) {
    ctx.exception('truncated', 'tcp', at, at + fixed);
    return false;
  }
  ctx.problem('malformed', 'tcp', `option length ${length}, should be ${fixed}`, at, at + length);
  return true;
}

/**
 * Walks the options in `[start, end)`, appending each one's Info text; `reportedEnd` is where the
 * segment ends (a header longer than the segment is malformed). Returns false on an exception.
 */
export function dissectTcpOptions(
  ctx: FrameContext,
  start: number,
  end: number,
  reportedEnd: number,
  o: OptionContext,
): boolean {
  const t = ctx.tree;
  const summary = t?.add(F.options, start, end, null, `Options: (${end - start} bytes)`);
  const names: string[] = [];
  if (t && summary) t.open(summary);
  let ok = true;
  for (let at = start; at < end;) {
    if (!ctx.need('tcp', at, 1, reportedEnd)) {
      ok = false;
      break;
    }
    const kind = ctx.u8(at);
    const length = optionLength(ctx, kind, at, end);
    if (length === 0) {
      ctx.problem('malformed', 'tcp', 'TCP option length is invalid', at, end);
      break;
    }
    const skip = wrongLength(ctx, kind, at, length, reportedEnd);
    if (skip === false) {
      ok = false;
      break;
    }
    if (skip === true) {
      at += length;
      continue;
    }
    if (!ctx.need('tcp', at, length, reportedEnd)) {
      ok = false;
      break;
    }
    if (t) {
      addOptionTree(ctx, t, kind, at, length, o);
      names.push(OPTION_TITLES[kind] ?? 'Unknown');
    }
    const info = optionInfo(ctx, kind, at, length, o);
    if (info.length > 0) ctx.appendInfo(info);
    if (kind === OPT_EOL) break;
    at += length;
  }
  if (t && summary) {
    t.close();
    if (names.length > 0) summary.display += `, ${names.join(', ')}`;
  }
  return ok;
}
