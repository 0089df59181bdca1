/** The engine's handlers for local-capture-channels.ts (interface picker, filter validation, start). */
import type { Engine, HandlersFor } from '../engine.js';
import type { localCaptureRequests } from '../../../shared/contract/local-capture-channels.js';

export function localCaptureHandlers(_engine: Engine): HandlersFor<keyof typeof localCaptureRequests> {
  return {};
}
