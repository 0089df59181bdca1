/**
 * A filter's pass over a lane, frame by frame in order. A frame whose every slot fast-answers.ts can
 * settle from recorded state is not even read; any other is read back from the spool (in large
 * windows) and dissected again on the detail path (what the summary pass recorded is read, never
 * changed: the same tree the details pane shows, so filters agree with it), with the field sink as
 * the tree of the layers the filter reads. A pass advances in steps so that the engine stays
 * responsive, and goes on from where it stopped when a live lane grows.
 */
import type { Lane } from '../lanes/lane.js';
import { FieldSink, type RuntimeValue } from './field-sink.js';
import { ExtractionPolicy } from './layer-policy.js';
import type { SlotSpec } from './plan.js';
import { SpoolScanner } from './spool-scanner.js';
import { fastAnswerFor, type FastAnswer } from './fast-answers.js';

const NO_BYTES = new Uint8Array(0);

export class Pass {
  /** Frames [0, next) have been dissected. */
  next = 0;
  readonly sink: FieldSink;
  private readonly policy: ExtractionPolicy;
  /** When every slot has an answer from recorded state (fast-answers.ts), frames that allow it are not dissected. */
  private readonly fast: { answers: FastAnswer[]; puts: ((value: RuntimeValue) => void)[] } | null;

  constructor(
    private readonly lane: Lane,
    readonly slots: readonly SlotSpec[],
    protocols: ReadonlySet<string>,
    everything: boolean,
  ) {
    this.sink = new FieldSink(slots.map(({ id, ftype, layerOf }) => ({ id, ftype, layerOf })));
    this.policy = new ExtractionPolicy(this.sink, protocols, everything);
    const answers = slots.map((slot) => fastAnswerFor(slot, lane));
    const sink = this.sink;
    this.fast = answers.every((a) => a !== null)
      ? {
          answers: answers as FastAnswer[],
          puts: slots.map((_, i) => (value: RuntimeValue) => sink.put(i, value)),
        }
      : null;
  }

  /** Dissects frames [next, to), calling `each(frame)` after each one with the sink filled. */
  advance(to: number, each: (frame: number) => void): void {
    if (this.next >= to) return;
    this.lane.spool.flush();
    const store = this.lane.store;
    const scanner = new SpoolScanner(this.lane.spool.path);
    try {
      for (let i = this.next; i < to; i++) {
        if (this.answered(i + 1)) {
          each(i);
          this.next = i + 1;
          continue;
        }
        const data = scanner.bytes(store.spoolOffset(i), store.capturedLength(i));
        this.sink.resetFrame(data);
        this.lane.extract(i, data, this.sink, this.policy);
        this.sink.finishFrame();
        each(i);
        this.next = i + 1;
      }
    } finally {
      scanner.close();
    }
  }

  /** Every slot answered from recorded state for frame `number` (no bytes read, nothing dissected). */
  private answered(number: number): boolean {
    const fast = this.fast;
    if (!fast) return false;
    this.sink.resetFrame(NO_BYTES);
    for (let slot = 0; slot < fast.answers.length; slot++)
      if (!(fast.answers[slot] as FastAnswer)(number, fast.puts[slot] as (value: RuntimeValue) => void))
        return false;
    return true;
  }

  valuesOf(slot: number): readonly RuntimeValue[] {
    return this.sink.values[slot] as RuntimeValue[];
  }
}
