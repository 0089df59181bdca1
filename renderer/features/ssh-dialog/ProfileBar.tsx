/** Saved connection profiles: load one, save the form as one (without secrets), delete one. */
import { useState } from 'react';
import { deleteProfile, readProfiles, saveProfile, toProfile } from './profiles.js';
import type { SshDialogModel } from './use-ssh-dialog.js';

export function ProfileBar({ model }: { model: SshDialogModel }) {
  const [profiles, setProfiles] = useState(readProfiles);
  const [name, setName] = useState('');
  const chosen = profiles.find((p) => p.name === name);
  return (
    <div className="ssh-row ssh-profiles">
      <label>
        Profile
        <select
          aria-label="Profile"
          value={chosen ? name : ''}
          onChange={(e) => {
            setName(e.target.value);
            const profile = profiles.find((p) => p.name === e.target.value);
            if (profile) model.load(profile);
          }}
        >
          <option value="">—</option>
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input aria-label="Profile name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button
        type="button"
        disabled={!name.trim()}
        title="Saves hosts, user, jump host, key file path and capture options; never a password or passphrase"
        onClick={() => setProfiles(saveProfile(toProfile(name.trim(), model.form)))}
      >
        Save profile
      </button>
      <button type="button" disabled={!chosen} onClick={() => setProfiles(deleteProfile(name))}>
        Delete
      </button>
    </div>
  );
}
