/**
 * Colouring rules: Wireshark's default `colorfilters` (those whose protocols Hammerhead dissects),
 * or the user's, evaluated on the rows the table shows. A frame's colour is the first rule that
 * matches, as in Wireshark. Rows on screen are few, so each is checked through its details tree
 * (`frame-tree.ts`) rather than a pass; results are cached per lane until the rules change.
 */
import type { ColourRule } from '../../../shared/contract/filter-channels.js';
import type { FieldShape, FrameNumber, LaneId } from '../../../shared/contract/index.js';
import { FRAME } from '../../../shared/fields/frame.js';
import { checkFilter } from '../../../shared/filter/index.js';
import { EngineError, type Engine } from '../engine.js';
import type { Lane } from '../lanes/lane.js';
import { DEFAULT_COLOUR_RULES } from './default-colours.js';
import { frameMatcher, type FrameMatcher } from './frame-tree.js';

/** Cached per frame: 0 not yet known, 255 no rule, else the rule's index + 1. */
const UNKNOWN = 0;
const NO_RULE = 255;

interface LaneColours {
  generation: number;
  colours: Uint8Array;
}

export class Colouring {
  private list: ColourRule[] = DEFAULT_COLOUR_RULES.filter((rule) => checkFilter(rule.filter).ok).filter(
    // The first valid variant of a rule wins (HTTP with `http2` once HTTP/2 is dissected).
    (rule, i, valid) => valid.findIndex((other) => other.name === rule.name) === i,
  );
  private matchers: (FrameMatcher | null)[] = [];
  private readonly cache = new WeakMap<Lane, LaneColours>();
  /** Bumped when the rules change: every lane's cached colours are then stale. */
  private generation = 0;

  constructor(private readonly engine: Engine) {
    this.compile();
  }

  rules(): ColourRule[] {
    return this.list;
  }

  setRules(rules: readonly ColourRule[]): ColourRule[] {
    rules.forEach((rule, i) => {
      const checked = checkFilter(rule.filter);
      if (!checked.ok && rule.enabled)
        throw new EngineError(
          'bad-request',
          `rule ${i + 1} "${rule.name}": ${checked.error?.message} (at ${checked.error?.position})`,
        );
    });
    this.list = [...rules];
    this.compile();
    return this.list;
  }

  /** For each frame, the index of the first rule it matches, or null. */
  framesOf(laneId: LaneId, numbers: readonly FrameNumber[]): (number | null)[] {
    const lane = this.engine.liveLane(laneId);
    if (!lane) throw new EngineError('not-found', `no lane ${laneId}`);
    const cache = this.cacheOf(lane);
    return numbers.map((number) => {
      const index = number - 1;
      if (index < 0 || index >= lane.store.count) return null;
      if (cache[index] === UNKNOWN) {
        const rule = this.evaluate(lane, number);
        cache[index] = rule < 0 ? NO_RULE : rule + 1;
      }
      const found = cache[index] as number;
      return found === NO_RULE ? null : found - 1;
    });
  }

  /** The lines the frame layer of the details gets for the rule frame `number` matches (none: none). */
  linesOf(laneId: LaneId, number: FrameNumber): FieldShape[] {
    const [index] = this.framesOf(laneId, [number]);
    const rule = index === null || index === undefined ? undefined : this.list[index];
    if (!rule) return [];
    const { coloringRule, coloringRuleString } = FRAME.fields;
    return [
      { id: coloringRule.id, display: `[Coloring Rule Name: ${rule.name}]`, value: rule.name, range: [0, 0] },
      {
        id: coloringRuleString.id,
        display: `[Coloring Rule String: ${rule.filter}]`,
        value: rule.filter,
        range: [0, 0],
      },
    ];
  }

  private evaluate(lane: Lane, number: FrameNumber): number {
    const { data, dissection } = lane.details(number);
    const frame = { lane, index: number - 1, data, dissection };
    return this.matchers.findIndex(
      (matcher, i) => this.list[i]?.enabled === true && matcher !== null && matcher(frame),
    );
  }

  private cacheOf(lane: Lane): Uint8Array {
    let entry = this.cache.get(lane);
    // Rules changed, or the lane was dissected again with new keys: every cached colour is stale.
    const generation = this.generation * 65536 + lane.dissection;
    if (!entry || entry.generation !== generation) {
      entry = { generation, colours: new Uint8Array(0) };
      this.cache.set(lane, entry);
    }
    if (entry.colours.length < lane.store.count) {
      const grown = new Uint8Array(Math.max(1024, lane.store.count * 2));
      grown.set(entry.colours);
      entry.colours = grown;
    }
    return entry.colours;
  }

  private compile(): void {
    this.matchers = this.list.map((rule) => {
      const checked = checkFilter(rule.filter);
      return checked.ok ? frameMatcher(checked.test) : null;
    });
    this.generation++;
  }
}

const colourings = new WeakMap<Engine, Colouring>();

export function colouringOf(engine: Engine): Colouring {
  let colouring = colourings.get(engine);
  if (!colouring) colourings.set(engine, (colouring = new Colouring(engine)));
  return colouring;
}
