/**
 * The dissector's view of a captured frame, filled in place: the summary pass runs once per frame,
 * and an object literal per frame costs more than decoding it.
 */
import type { CapturedFrame } from '../pcap/types.js';
import type { FrameInput } from './index.js';

export type MutableFrameInput = { -readonly [K in keyof FrameInput]: FrameInput[K] };

export function emptyFrameInput(): MutableFrameInput {
  return {
    number: 0,
    linkType: -1,
    data: new Uint8Array(0),
    capturedLength: 0,
    originalLength: 0,
    block: 'pcap',
    time: NaN,
  };
}

/** Capture time in seconds as TCP analysis wants it, NaN when the block carried none. */
export function frameTime(hasTimestamp: boolean, seconds: number, nanos: number): number {
  return hasTimestamp ? seconds + nanos / 1e9 : NaN;
}

export function fillFrameInput(
  input: MutableFrameInput,
  frame: CapturedFrame,
  number: number,
  linkType: number,
): void {
  input.number = number;
  input.linkType = linkType;
  input.data = frame.data;
  input.capturedLength = frame.capturedLength;
  input.originalLength = frame.originalLength;
  input.block = frame.block;
  input.time = frameTime(frame.hasTimestamp, frame.tsSeconds, frame.tsNanos);
  input.pen = frame.pen;
  input.customCopy = frame.customCopy;
}
