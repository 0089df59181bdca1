/**
 * Echo request/reply pairing for ICMP and ICMPv6, as Wireshark does it: within the conversation of the
 * two addresses, a request is keyed by its identifier, sequence number and the checksum its reply will
 * carry (the request's checksum adjusted for the changed type byte), so that only a reply with the same
 * payload matches. A reply then shows `(request in N)`.
 */
import { stateKey, type FrameContext, type StateKey } from './context.js';

/** Ones-complement 16-bit addition (RFC 1071). */
function onesAdd(a: number, b: number): number {
  const sum = a + b;
  return ((sum & 0xffff) + (sum >>> 16)) & 0xffff;
}

/** The checksum a reply to a request with `checksum` carries, when only the type byte differs by `typeDelta`. */
export function expectedReplyChecksum(checksum: number, typeDelta: number): number {
  // checksum' = ~(~checksum + (-delta)) in ones-complement arithmetic, where -delta is ~delta.
  return ~onesAdd(~checksum & 0xffff, ~typeDelta & 0xffff) & 0xffff;
}

export class EchoTracker {
  private readonly requests = new Map<string, number>();
  /** Frame → its partner (request → first reply, reply → request), for the details tree. */
  readonly partners = new Map<number, number>();

  private key(ctx: FrameContext, checksum: number, ident: number, seq: number): string {
    const a = ctx.addressText(ctx.netKind, ctx.netSrcOffset, ctx.netBytes);
    const b = ctx.addressText(ctx.netKind, ctx.netDstOffset, ctx.netBytes);
    return `${a < b ? a : b}|${a < b ? b : a}|${checksum}|${ident}|${seq}`;
  }

  request(ctx: FrameContext, replyChecksum: number, ident: number, seq: number): void {
    this.requests.set(this.key(ctx, replyChecksum, ident, seq), ctx.frameNumber);
  }

  /** The request frame this reply answers, or 0. */
  reply(ctx: FrameContext, checksum: number, ident: number, seq: number): number {
    const request = this.requests.get(this.key(ctx, checksum, ident, seq)) ?? 0;
    if (request > 0 && request < ctx.frameNumber) {
      this.partners.set(ctx.frameNumber, request);
      if (!this.partners.has(request)) this.partners.set(request, ctx.frameNumber);
      return request;
    }
    return 0;
  }
}

export const ICMP_ECHO_STATE: StateKey<EchoTracker> = stateKey('icmp.echo', () => new EchoTracker());
export const ICMPV6_ECHO_STATE: StateKey<EchoTracker> = stateKey('icmpv6.echo', () => new EchoTracker());
