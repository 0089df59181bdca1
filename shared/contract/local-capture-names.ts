/** The request channel names of local-capture-channels.ts, zod-free for the preload (names.test.ts checks). */
export const LOCAL_CAPTURE_CHANNELS = [
  'capture.interfaces',
  'capture.counters',
  'capture.validate',
  'capture.resolve',
  'capture.start',
  'capture.restart',
] as const;
