/** The SSH dialog's state, and what it sends: targets and auth as the contract wants them. */
import type { LaneRole } from '../../../shared/contract/index.js';
import type { SshAuth, SshPrivilege, SshTarget } from '../../../shared/contract/ssh-channels.js';

export interface RemoteInterface {
  readonly name: string;
  readonly description: string;
}

export type TargetState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly session: string; readonly summary: string }
  | { readonly kind: 'started'; readonly summary: string }
  | { readonly kind: 'error'; readonly message: string };

export interface TargetRow {
  readonly id: number;
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly state: TargetState;
  readonly interfaces: readonly RemoteInterface[];
  readonly iface: string;
}

export interface SshForm {
  readonly targets: readonly TargetRow[];
  readonly proxyJump: string;
  readonly configFile: string;
  readonly auth: {
    readonly method: SshAuth['method'];
    readonly keyFile: string;
    readonly passphrase: string;
    readonly password: string;
  };
  readonly filter: string;
  readonly privilege: SshPrivilege;
  readonly command: string;
  readonly count: string;
  readonly role: LaneRole;
}

export const DEFAULT_FILTER = 'tcp port 80';

let nextRow = 1;

export function newTarget(host = '', port = '', user = ''): TargetRow {
  return { id: nextRow++, host, port, user, state: { kind: 'idle' }, interfaces: [], iface: '' };
}

export function defaultForm(): SshForm {
  return {
    targets: [newTarget()],
    proxyJump: '',
    configFile: '',
    auth: { method: 'auto', keyFile: '', passphrase: '', password: '' },
    filter: DEFAULT_FILTER,
    privilege: 'sudo',
    command: '',
    count: '',
    role: 'back',
  };
}

export function targetOf(form: SshForm, row: TargetRow): SshTarget {
  const port = Number(row.port);
  return {
    host: row.host.trim(),
    ...(row.user.trim() && { user: row.user.trim() }),
    ...(row.port.trim() && Number.isInteger(port) && { port }),
    ...(form.proxyJump.trim() && { proxyJump: form.proxyJump.trim() }),
    ...(form.configFile.trim() && { configFile: form.configFile.trim() }),
  };
}

export function authOf(form: SshForm): SshAuth {
  const { method, keyFile, passphrase, password } = form.auth;
  switch (method) {
    case 'key':
      return { method, keyFile: keyFile.trim(), ...(passphrase && { passphrase }) };
    case 'password':
      return { method, password };
    default:
      return { method };
  }
}

/** The interface a capture most likely wants: the first real one (not loopback, not "any"). */
export function likelyInterface(interfaces: readonly RemoteInterface[]): string {
  const real = interfaces.find(
    (i) => i.name !== 'any' && !/^lo\d*$/.test(i.name) && !/^(nflog|nfqueue|dbus)/.test(i.name),
  );
  return real?.name ?? interfaces[0]?.name ?? '';
}

/** Problems that stop "Connect" before anything is sent. */
export function formProblem(form: SshForm): string | null {
  if (form.targets.every((t) => !t.host.trim())) return 'Enter a host (or a ~/.ssh/config alias).';
  if (form.targets.some((t) => t.port.trim() && !/^\d{1,5}$/.test(t.port.trim())))
    return 'A port is a number.';
  if (form.auth.method === 'key' && !form.auth.keyFile.trim()) return 'Choose the private key file.';
  if (form.count.trim() && !/^[1-9]\d*$/.test(form.count.trim()))
    return 'The packet count is a positive number.';
  return null;
}
