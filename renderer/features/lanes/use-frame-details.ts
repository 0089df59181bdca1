/**
 * The details of the selected frame, fetched on selection; the latest selection wins. While a key
 * is held down the selection moves every frame: a short pause before fetching means only the row
 * the user stops on is decoded, and the previous details stay up meanwhile (no flashing). A new
 * dissection of the lane (TLS keys arrived) or new colouring rules (the frame layer names the rule
 * that matched) fetch the same frame's details again.
 */
import { useEffect, useState } from 'react';
import type { EngineApi, FrameDetails, FrameNumber, LaneId } from '../../../shared/contract/index.js';

export type DetailsState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly number: FrameNumber }
  | { readonly kind: 'ready'; readonly details: FrameDetails }
  | { readonly kind: 'failed'; readonly number: FrameNumber; readonly message: string };

const SETTLE_MS = 40;

export function useFrameDetails(
  engine: EngineApi,
  lane: LaneId,
  number: FrameNumber | null,
  dissection = 0,
  colourRules = 0,
): DetailsState {
  const [state, setState] = useState<DetailsState>({ kind: 'none' });
  useEffect(() => {
    if (number === null) {
      setState({ kind: 'none' });
      return;
    }
    let live = true;
    setState((previous) => (previous.kind === 'ready' ? previous : { kind: 'loading', number }));
    const timer = setTimeout(() => {
      engine
        .invoke('packets.details', { lane, number })
        .then((details) => live && setState({ kind: 'ready', details }))
        .catch((error: Error) => live && setState({ kind: 'failed', number, message: error.message }));
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [engine, lane, number, dissection, colourRules]);
  return state;
}
