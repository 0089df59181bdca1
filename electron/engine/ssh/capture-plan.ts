/**
 * From a connected host to a running capture, the same for the dialog's lanes and the CLI:
 * preflight with precise fixes, the filter that leaves out the session's own packets, the
 * stoppable remote command, then the wait until tcpdump listens (or fails, with its stderr).
 */
import type { ResolvedHost } from './config.js';
import type { SshConnection } from './connect.js';
import { endpointLabel } from './errors.js';
import { requireInterface, requirePrivilege, requireTcpdump, type RemoteFacts } from './preflight.js';
import { startRemoteCapture, type RemoteCapture } from './remote-capture.js';
import {
  captureArgv,
  combinedFilter,
  customCaptureCommand,
  ownTrafficExclusion,
  stoppableCommand,
  type Privilege,
} from './remote-command.js';

export interface CaptureRequest {
  readonly interface: string;
  readonly filter: string;
  readonly privilege: Privilege;
  readonly count?: number | undefined;
  /** Advanced: the user's own remote command (writes pcap to stdout); no preflight then. */
  readonly command?: string | undefined;
}

const START_WAIT_MS = 15_000;

/** The remote command for `request` on this host, after the preflight's checks. */
export async function planCapture(
  connection: SshConnection,
  facts: RemoteFacts,
  resolved: ResolvedHost,
  request: CaptureRequest,
): Promise<string> {
  const host = endpointLabel(connection.endpoint);
  if (request.command) return customCaptureCommand(request.command);
  const tcpdump = requireTcpdump(facts, host);
  requireInterface(facts, request.interface, host);
  await requirePrivilege(connection.client, facts, request.privilege, { host, user: resolved.user });
  const filter = combinedFilter(request.filter, ownTrafficExclusion(facts.sshConnection));
  return stoppableCommand(
    captureArgv({
      tcpdump,
      privilege: request.privilege,
      interface: request.interface,
      filter,
      count: request.count,
    }),
  );
}

/** Starts `command`; resolves once tcpdump listens; throws its stderr when it fails at once. */
export async function launchCapture(
  connection: SshConnection,
  command: string,
  onStderr?: (line: string) => void,
): Promise<RemoteCapture> {
  const capture = await startRemoteCapture(connection, { command, ...(onStderr && { onStderr }) });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    capture.started,
    new Promise((resolve) => (timer = setTimeout(resolve, START_WAIT_MS))),
  ]);
  clearTimeout(timer);
  const failed = capture.ended ? capture.endError() : null;
  if (failed) throw failed;
  return capture;
}

/** The interface tcpdump itself would pick: the first it lists that is a real one. */
export function defaultInterface(facts: RemoteFacts): string | null {
  const real = facts.interfaces.find(
    (i) => i.name !== 'any' && !/^(lo\d*|nflog|nfqueue|dbus.*|bluetooth.*)$/.test(i.name),
  );
  return real?.name ?? facts.interfaces[0]?.name ?? null;
}
