/**
 * The wire shape of the contract, the same on every transport: numbered requests, responses that
 * name the request they answer, and events. Errors are values with a stable code.
 */
import { z } from 'zod';
import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './channels.js';
import { isRequestChannel, requests } from './channels.js';

export interface RequestMessage<C extends RequestChannel = RequestChannel> {
  readonly type: 'request';
  readonly id: number;
  readonly channel: C;
  readonly payload: RequestOf<C>;
}

export type ErrorCode = 'bad-request' | 'unknown-channel' | 'not-found' | 'io' | 'internal';

export interface ContractError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type ResponseMessage<C extends RequestChannel = RequestChannel> =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: ResponseOf<C> }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: ContractError };

export interface EventMessage<C extends EventChannel = EventChannel> {
  readonly type: 'event';
  readonly channel: C;
  readonly payload: EventOf<C>;
}

const Envelope = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});

export type ParsedRequest =
  | { readonly ok: true; readonly message: RequestMessage }
  | { readonly ok: false; readonly id: number | null; readonly error: ContractError };

/** Validates an incoming request at the engine boundary: envelope, channel name, then payload. */
export function parseRequest(raw: unknown): ParsedRequest {
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, id: null, error: { code: 'bad-request', message: 'malformed request envelope' } };
  }
  const { id, channel, payload } = envelope.data;
  if (!isRequestChannel(channel)) {
    return { ok: false, id, error: { code: 'unknown-channel', message: `unknown channel "${channel}"` } };
  }
  const parsed = requests[channel].request.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      id,
      error: { code: 'bad-request', message: `${channel}: ${issue?.message ?? 'invalid payload'}${where}` },
    };
  }
  return { ok: true, message: { type: 'request', id, channel, payload: parsed.data } as RequestMessage };
}
