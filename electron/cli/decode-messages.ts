/**
 * What the main thread of a parallel `decode` and its workers say to each other (decode-parallel.ts,
 * decode-worker.ts). Frames travel in batches: their bytes back to back in one buffer, and per frame
 * FRAME_FIELDS numbers in a Float64Array (transferred, not copied). Lines come back the same way: one
 * UTF-8 buffer per batch with where each line ends.
 */
import type { CapturedFrame } from '../engine/pcap/types.js';

export interface InitMessage {
  readonly kind: 'init';
  readonly json: boolean;
  readonly keylogs: readonly string[];
}

export interface InterfaceMessage {
  readonly kind: 'interface';
  readonly id: number;
  readonly linkType: number;
  readonly ticksPerSecond: number;
}

/** A Decryption Secrets Block's NSS key log, met in the file: every worker's keys get it. */
export interface SecretsMessage {
  readonly kind: 'secrets';
  readonly text: string;
}

export interface FramesMessage {
  readonly kind: 'frames';
  /** The first timestamp of the file (relative times count from it), once known. */
  readonly first: { readonly seconds: number; readonly nanos: number } | null;
  readonly count: number;
  readonly fields: Float64Array;
  readonly bytes: Uint8Array;
}

export interface EndMessage {
  readonly kind: 'end';
}

export type ToWorker = InitMessage | InterfaceMessage | SecretsMessage | FramesMessage | EndMessage;

export interface LinesMessage {
  readonly kind: 'lines';
  readonly numbers: Int32Array;
  /** Where each line ends in `bytes`. */
  readonly ends: Int32Array;
  readonly bytes: Uint8Array;
}

export interface ReadyMessage {
  readonly kind: 'ready';
}

export type FromWorker = LinesMessage | ReadyMessage;

/** Per frame in `FramesMessage.fields`. */
export const Field = {
  number: 0,
  interfaceId: 1,
  hasTimestamp: 2,
  seconds: 3,
  nanos: 4,
  captured: 5,
  original: 6,
  block: 7,
  pen: 8,
  customCopy: 9,
  offset: 10,
} as const;
export const FRAME_FIELDS = 11;

export const BLOCKS: readonly CapturedFrame['block'][] = ['pcap', 'epb', 'spb', 'opb', 'pb', 'custom'];
