/**
 * Starting a capture from the form: one request for the selected interfaces; its lanes go to the
 * session with a note of the addresses the preset's host name resolved to; its error stays here.
 */
import { useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import { startRequest, type CaptureForm } from './capture-form.js';
import { announceLanes } from './started-lanes.js';

export function useCaptureStart(engine: EngineApi, form: CaptureForm, onStarted?: () => void) {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (names: readonly string[]) => {
    if (names.length === 0 || starting) return;
    setStarting(true);
    setError(null);
    try {
      const { lanes, addresses } = await engine.invoke('capture.start', startRequest(form, names));
      const host = form.frontLegHost.trim();
      announceLanes(lanes, addresses.length > 0 ? `${host} resolved to ${addresses.join(', ')}` : undefined);
      onStarted?.();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setStarting(false);
    }
  };
  return { starting, error, start };
}
