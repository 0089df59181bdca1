/** The request channel names of filter-channels.ts, zod-free for the preload (names.test.ts checks). */
export const FILTER_CHANNELS = [
  'filter.check',
  'filter.complete',
  'filter.progress',
  'filter.cancel',
  'colour.rules',
  'colour.set',
  'colour.frames',
] as const;
