/**
 * Channels of SSH remote capture (issue "SSH remote capture"): hosts from ~/.ssh/config, host-key
 * trust, remote interfaces, preflight, start. Each entry is `name: { request, response }` as in
 * channels.ts; names go in ssh-names.ts.
 */
export const sshRequests = {} as const;
