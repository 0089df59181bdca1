/**
 * Messages from Electron main to the engine's utilityProcess over its parent port (never from the
 * renderer, which talks to the engine only through the contract on its MessagePort). A module of
 * its own so that main can import it without pulling in the engine.
 */
export const HOST_MESSAGES = {
  /** Carries the engine's end of a renderer page's MessageChannel in `ports[0]`. */
  port: 'engine.port',
  /** Release the lanes' spool files and exit. */
  stop: 'engine.stop',
} as const;
