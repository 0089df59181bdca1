/** The request channel names of ssh-channels.ts, zod-free for the preload (names.test.ts checks). */
export const SSH_CHANNELS = [] as const;
