/**
 * Channels of display filters and colouring rules (issue "Display filters and colouring rules").
 * Filtering itself is `views.create` with a `filter` (channels.ts): it answers at once with the new
 * view, whose matches grow while the engine works; `filter.progress` tells how far it is (and can
 * wait for the end), `filter.cancel` stops it. `filter.check` and `filter.complete` also run in the
 * renderer without a round trip (shared/filter); the channels serve other hosts and the CLI.
 * Each entry is `name: { request, response }` as in channels.ts; names go in filter-names.ts.
 */
import { z } from 'zod';
import { FrameNumber, LaneId, ViewId } from './schemas.js';

const filterText = z.string().max(16384);

export const FilterProblem = z.object({
  position: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  message: z.string(),
});
export type FilterProblem = z.infer<typeof FilterProblem>;

export const FilterCheckResult = z.object({
  ok: z.boolean(),
  error: FilterProblem.nullable(),
  warnings: z.array(FilterProblem),
  /** The filter in canonical spelling (`eq` → `==`, needless parentheses dropped). */
  normalized: z.string(),
});
export type FilterCheckResult = z.infer<typeof FilterCheckResult>;

export const FilterSuggestion = z.object({
  /** The text to insert in place of `[from, to)`. */
  label: z.string(),
  kind: z.enum(['protocol', 'field', 'value', 'operator', 'function', 'keyword']),
  /** The field's description and type, a value's number, an operator's meaning. */
  detail: z.string(),
});
export type FilterSuggestion = z.infer<typeof FilterSuggestion>;

export const FilterCompletion = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  suggestions: z.array(FilterSuggestion),
});
export type FilterCompletion = z.infer<typeof FilterCompletion>;

export const FilterProgress = z.object({
  lane: LaneId,
  view: ViewId,
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** dissecting: reading the fields the filter names from the frames; scanning: testing frames. */
  phase: z.enum(['dissecting', 'scanning']).nullable(),
  processed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  error: z.string().nullable(),
  elapsedMs: z.number().nonnegative(),
});
export type FilterProgress = z.infer<typeof FilterProgress>;

/** A colouring rule: Wireshark's `colorfilters` line (name, filter, colours as #rrggbb). */
export const ColourRule = z.object({
  name: z.string().min(1).max(200),
  filter: filterText,
  foreground: z.string().regex(/^#[0-9a-f]{6}$/i),
  background: z.string().regex(/^#[0-9a-f]{6}$/i),
  enabled: z.boolean(),
});
export type ColourRule = z.infer<typeof ColourRule>;

export const filterRequests = {
  /** Parses and checks a filter against the field registry: exact error position, warnings. */
  'filter.check': { request: z.object({ text: filterText }).strict(), response: FilterCheckResult },
  /** What may come at `cursor`: field and protocol names, value names, operators. */
  'filter.complete': {
    request: z.object({ text: filterText, cursor: z.number().int().nonnegative() }).strict(),
    response: FilterCompletion,
  },
  /** How far a filtered view is; with `waitMs`, answers when it is done or after that long. */
  'filter.progress': {
    request: z
      .object({ lane: LaneId, view: ViewId, waitMs: z.number().int().min(0).max(600_000).optional() })
      .strict(),
    response: FilterProgress,
  },
  /** Stops filling a filtered view; the matches so far stay. */
  'filter.cancel': {
    request: z.object({ lane: LaneId, view: ViewId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** The colouring rules in force (the user's, or Wireshark's defaults that apply here). */
  'colour.rules': { request: z.object({}).strict(), response: z.object({ rules: z.array(ColourRule) }) },
  /** Replaces the rules; an invalid filter is refused with its position. */
  'colour.set': {
    request: z.object({ rules: z.array(ColourRule).max(256) }).strict(),
    response: z.object({ rules: z.array(ColourRule) }),
  },
  /** The first matching rule of each frame (index into the rules, or null): the table paints rows with it. */
  'colour.frames': {
    request: z.object({ lane: LaneId, numbers: z.array(FrameNumber).max(5000) }).strict(),
    response: z.object({ lane: LaneId, rules: z.array(z.number().int().nonnegative().nullable()) }),
  },
} as const;
