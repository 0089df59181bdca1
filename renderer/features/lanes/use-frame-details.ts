/** The details of the selected frame, fetched on selection; the latest selection wins. */
import { useEffect, useState } from 'react';
import type { EngineApi, FrameDetails, FrameNumber, LaneId } from '../../../shared/contract/index.js';

export type DetailsState =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading'; readonly number: FrameNumber }
  | { readonly kind: 'ready'; readonly details: FrameDetails }
  | { readonly kind: 'failed'; readonly number: FrameNumber; readonly message: string };

export function useFrameDetails(engine: EngineApi, lane: LaneId, number: FrameNumber | null): DetailsState {
  const [state, setState] = useState<DetailsState>({ kind: 'none' });
  useEffect(() => {
    if (number === null) {
      setState({ kind: 'none' });
      return;
    }
    let live = true;
    setState({ kind: 'loading', number });
    engine
      .invoke('packets.details', { lane, number })
      .then((details) => live && setState({ kind: 'ready', details }))
      .catch((error: Error) => live && setState({ kind: 'failed', number, message: error.message }));
    return () => {
      live = false;
    };
  }, [engine, lane, number]);
  return state;
}
