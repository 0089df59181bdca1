import { describe, expect, it } from 'vitest';
import {
  authOf,
  defaultForm,
  formProblem,
  likelyInterface,
  newTarget,
  targetOf,
  type SshForm,
} from './form.js';
import { deleteProfile, readProfiles, saveProfile, toProfile, type ProfileStore } from './profiles.js';

function memory(): ProfileStore & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const filled: SshForm = {
  ...defaultForm(),
  targets: [newTarget('t1', '2222', 'ec2-user'), newTarget('t2')],
  proxyJump: 'bastion',
  auth: {
    method: 'key',
    keyFile: '/home/me/.ssh/id_ed25519',
    passphrase: 'hunter2-passphrase',
    password: 'hunter2-password',
  },
  count: '100',
};

describe('SSH profiles', () => {
  it('keep hosts and options, and never a password or a passphrase', () => {
    const store = memory();
    saveProfile(toProfile('prod targets', filled), store);
    const stored = [...store.map.values()].join('');
    expect(stored).not.toContain('hunter2');
    const [profile] = readProfiles(store);
    expect(profile).toMatchObject({
      name: 'prod targets',
      targets: [
        { host: 't1', port: '2222', user: 'ec2-user' },
        { host: 't2', port: '', user: '' },
      ],
      proxyJump: 'bastion',
      auth: { method: 'key', keyFile: '/home/me/.ssh/id_ed25519' },
      filter: 'tcp port 80',
      count: '100',
    });
    expect(Object.keys(profile?.auth ?? {})).toEqual(['method', 'keyFile']);
  });

  it('replace a profile of the same name, delete by name, and survive garbage', () => {
    const store = memory();
    saveProfile(toProfile('a', filled), store);
    saveProfile(toProfile('b', filled), store);
    saveProfile(toProfile('a', { ...filled, filter: 'tcp port 8080' }), store);
    expect(readProfiles(store).map((p) => [p.name, p.filter])).toEqual([
      ['a', 'tcp port 8080'],
      ['b', 'tcp port 80'],
    ]);
    expect(deleteProfile('a', store).map((p) => p.name)).toEqual(['b']);
    store.setItem('hammerhead.ssh-profiles', '{nope');
    expect(readProfiles(store)).toEqual([]);
  });
});

describe('the SSH form', () => {
  it('sends the target and the auth the contract wants, secrets only where the method needs them', () => {
    const row = filled.targets[0];
    if (!row) throw new Error('no row');
    expect(targetOf(filled, row)).toEqual({ host: 't1', user: 'ec2-user', port: 2222, proxyJump: 'bastion' });
    expect(authOf(filled)).toEqual({
      method: 'key',
      keyFile: '/home/me/.ssh/id_ed25519',
      passphrase: 'hunter2-passphrase',
    });
    expect(authOf({ ...filled, auth: { ...filled.auth, method: 'agent' } })).toEqual({ method: 'agent' });
  });

  it('picks a real interface, and names what stops Connect', () => {
    expect(
      likelyInterface([
        { name: 'any', description: '' },
        { name: 'lo', description: '' },
        { name: 'ens5', description: '' },
      ]),
    ).toBe('ens5');
    expect(formProblem(defaultForm())).toMatch(/Enter a host/);
    expect(formProblem({ ...filled, targets: [newTarget('h', 'x')] })).toMatch(/port is a number/);
    expect(formProblem(filled)).toBeNull();
  });
});
