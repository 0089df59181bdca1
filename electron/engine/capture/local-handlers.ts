/** The engine's handlers for local-capture-channels.ts (interface picker, filter validation, start, restart). */
import type { Engine, HandlersFor } from '../engine.js';
import type { localCaptureRequests } from '../../../shared/contract/local-capture-channels.js';
import { LocalCapture } from './local-capture.js';

const services = new WeakMap<Engine, LocalCapture>();

/** The engine's local-capture service (the CLI and the benchmark read the helper's counts from it). */
export function localCaptureOf(engine: Engine): LocalCapture {
  let service = services.get(engine);
  if (!service) services.set(engine, (service = new LocalCapture(engine)));
  return service;
}

/** Replaces an engine's service: the benchmark runs the helper inside its own namespace. */
export function setLocalCapture(engine: Engine, service: LocalCapture): void {
  services.set(engine, service);
}

export function localCaptureHandlers(engine: Engine): HandlersFor<keyof typeof localCaptureRequests> {
  const capture = () => localCaptureOf(engine);
  return {
    'capture.interfaces': () => capture().interfaces(),
    'capture.counters': () => capture().counters(),
    'capture.validate': ({ filter, interface: iface }) => capture().validate(filter, iface),
    'capture.resolve': ({ host }) => capture().resolve(host),
    'capture.start': (request) => capture().start(request),
    'capture.restart': ({ lane, append }) => capture().restart(lane, append),
  };
}
