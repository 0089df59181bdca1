/** The engine's handlers for ssh-channels.ts (hosts, host keys, remote interfaces, preflight, start). */
import type { Engine, HandlersFor } from '../engine.js';
import type { sshRequests } from '../../../shared/contract/ssh-channels.js';

export function sshHandlers(_engine: Engine): HandlersFor<keyof typeof sshRequests> {
  return {};
}
