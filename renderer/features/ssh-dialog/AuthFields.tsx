/** How to sign in: the agent, a key file (OpenSSH or PEM, with its passphrase), a password, or prompts. */
import type { SshForm } from './form.js';
import type { SshDialogModel } from './use-ssh-dialog.js';

const METHODS: readonly [SshForm['auth']['method'], string][] = [
  ['auto', 'Automatic: ssh-agent, then the keys of ~/.ssh/config'],
  ['agent', 'ssh-agent'],
  ['key', 'Private key file'],
  ['password', 'Password'],
  ['keyboard-interactive', 'Keyboard-interactive (the host asks)'],
];

export function AuthFields({ model }: { model: SshDialogModel }) {
  const { auth } = model.form;
  const set = (change: Partial<SshForm['auth']>) => model.update({ auth: { ...auth, ...change } });
  return (
    <fieldset className="ssh-auth">
      <legend>Authentication</legend>
      <label>
        Method
        <select
          aria-label="Authentication"
          value={auth.method}
          onChange={(e) => set({ method: e.target.value as SshForm['auth']['method'] })}
        >
          {METHODS.map(([value, title]) => (
            <option key={value} value={value}>
              {title}
            </option>
          ))}
        </select>
      </label>
      {auth.method === 'key' ? (
        <>
          <label>
            Key file
            <input
              aria-label="Key file"
              value={auth.keyFile}
              placeholder="~/.ssh/id_ed25519"
              spellCheck={false}
              onChange={(e) => set({ keyFile: e.target.value })}
            />
          </label>
          <label>
            Passphrase (if the key has one; never saved)
            <input
              aria-label="Passphrase"
              type="password"
              autoComplete="off"
              value={auth.passphrase}
              onChange={(e) => set({ passphrase: e.target.value })}
            />
          </label>
        </>
      ) : null}
      {auth.method === 'password' ? (
        <label>
          Password (never saved)
          <input
            aria-label="Password"
            type="password"
            autoComplete="off"
            value={auth.password}
            onChange={(e) => set({ password: e.target.value })}
          />
        </label>
      ) : null}
    </fieldset>
  );
}
