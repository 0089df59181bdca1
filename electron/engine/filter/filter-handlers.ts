/** The engine's handlers for filter-channels.ts, and `views.create` with a filter. */
import type { LaneId, SortSpec, ViewId } from '../../../shared/contract/index.js';
import type { filterRequests } from '../../../shared/contract/filter-channels.js';
import { checkFilter, completeFilter } from '../../../shared/filter/index.js';
import type { Engine, HandlersFor } from '../engine.js';
import { colouringOf } from './colouring.js';
import { FilterService } from './filter-service.js';

const services = new WeakMap<Engine, FilterService>();

/** The engine's filter service (the CLI and tests wait on views through it). */
export function filterServiceOf(engine: Engine): FilterService {
  let service = services.get(engine);
  if (!service) services.set(engine, (service = new FilterService(engine)));
  return service;
}

/** `views.create` with a filter; a blank filter is a plain (sorted) view. */
export function createFilteredView(
  engine: Engine,
  lane: LaneId,
  sort: SortSpec | null,
  filter: string,
): { lane: LaneId; view: ViewId; total: number } {
  if (filter.trim() === '') {
    const plain = engine.liveLane(lane);
    if (plain) return { lane, ...plain.createView(sort) };
  }
  return filterServiceOf(engine).create(lane, sort, filter);
}

export function filterHandlers(engine: Engine): HandlersFor<keyof typeof filterRequests> {
  const service = () => filterServiceOf(engine);
  return {
    'filter.check': ({ text }) => {
      const { ok, error, warnings, normalized } = checkFilter(text);
      return { ok, error, warnings: [...warnings], normalized };
    },
    'filter.complete': ({ text, cursor }) => completeFilter(text, cursor),
    'filter.progress': ({ lane, view, waitMs }) => service().progress(lane, view, waitMs),
    'filter.cancel': ({ lane, view }) => ({ cancelled: service().cancel(lane, view) }),
    'colour.rules': () => ({ rules: colouringOf(engine).rules() }),
    'colour.set': ({ rules }) => ({ rules: colouringOf(engine).setRules(rules) }),
    'colour.frames': ({ lane, numbers }) => ({ lane, rules: colouringOf(engine).framesOf(lane, numbers) }),
  };
}
