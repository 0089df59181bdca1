/** The channel names of tls-channels.ts, zod-free for the preload (names.test.ts checks). */
export const TLS_CHANNELS = [
  'keys.add',
  'keys.list',
  'keys.remove',
  'keys.browsers',
  'keys.launchBrowser',
  'tls.sessions',
  'file.saveWithSecrets',
] as const;

export const TLS_EVENT_CHANNELS = ['keys.changed'] as const;
