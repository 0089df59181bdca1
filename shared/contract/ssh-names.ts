/** The request channel names of ssh-channels.ts, zod-free for the preload (names.test.ts checks). */
export const SSH_CHANNELS = [
  'ssh.resolve',
  'ssh.connect',
  'ssh.answer',
  'ssh.start',
  'ssh.disconnect',
  'ssh.reconnect',
  'ssh.status',
] as const;
