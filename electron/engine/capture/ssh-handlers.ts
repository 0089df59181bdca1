/** The engine's handlers for ssh-channels.ts (hosts, host keys, remote interfaces, preflight, start). */
import type { Engine, HandlersFor } from '../engine.js';
import type { sshRequests } from '../../../shared/contract/ssh-channels.js';
import { formatJump } from '../ssh/jump-spec.js';
import { SshService, type SshServiceOptions } from './ssh-service.js';

export function sshHandlers(
  engine: Engine,
  options?: SshServiceOptions,
): HandlersFor<keyof typeof sshRequests> {
  const service = new SshService(engine, options);
  return {
    'ssh.resolve': async (target) => {
      const { target: host } = await service.resolve(target);
      return {
        hostName: host.hostName,
        user: host.user,
        port: host.port,
        proxyJump: host.proxyJump.map(formatJump),
        identityFiles: [...host.identityFiles],
        knownHostsFiles: [...host.userKnownHostsFiles, ...host.globalKnownHostsFiles],
        strictHostKeyChecking: host.strictHostKeyChecking,
        resolvedBy: host.resolvedBy,
      };
    },
    'ssh.connect': ({ target, auth, trust }) => service.connect({ target, auth, trust: trust ?? [] }),
    'ssh.answer': ({ attempt, responses }) => service.answer(attempt, responses),
    'ssh.start': ({ session, ...start }) => service.lanes.start(service.take(session), start),
    'ssh.disconnect': ({ session }) => ({ closed: service.disconnect(session) }),
    'ssh.reconnect': ({ lane, trust }) => service.lanes.reconnect(lane, trust ?? []),
    'ssh.status': ({ lane }) => service.lanes.status(lane),
  };
}
