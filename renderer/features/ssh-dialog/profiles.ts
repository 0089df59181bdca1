/**
 * Saved SSH connection profiles: everything the dialog needs to connect again, and never a secret.
 * Passwords and passphrases are typed each time; the agent or a key file is the way not to.
 * Kept in the page's localStorage, like the recent files.
 */
import type { SshForm } from './form.js';

export type SshProfile = Omit<SshForm, 'targets' | 'auth'> & {
  readonly name: string;
  readonly targets: readonly { readonly host: string; readonly port: string; readonly user: string }[];
  readonly auth: { readonly method: SshForm['auth']['method']; readonly keyFile: string };
};

const KEY = 'hammerhead.ssh-profiles';
const MAX = 50;

/** The form as a profile: targets without their connection state, auth without its secrets. */
export function toProfile(name: string, form: SshForm): SshProfile {
  return {
    name,
    targets: form.targets.map(({ host, port, user }) => ({ host, port, user })),
    proxyJump: form.proxyJump,
    configFile: form.configFile,
    auth: { method: form.auth.method, keyFile: form.auth.keyFile },
    filter: form.filter,
    privilege: form.privilege,
    command: form.command,
    count: form.count,
    role: form.role,
  };
}

export type ProfileStore = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): ProfileStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readProfiles(store = storage()): SshProfile[] {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SshProfile[]).filter((p) => typeof p?.name === 'string') : [];
  } catch {
    return [];
  }
}

export function saveProfile(profile: SshProfile, store = storage()): SshProfile[] {
  const list = [profile, ...readProfiles(store).filter((p) => p.name !== profile.name)].slice(0, MAX);
  store?.setItem(KEY, JSON.stringify(list));
  return list;
}

export function deleteProfile(name: string, store = storage()): SshProfile[] {
  const list = readProfiles(store).filter((p) => p.name !== name);
  store?.setItem(KEY, JSON.stringify(list));
  return list;
}
