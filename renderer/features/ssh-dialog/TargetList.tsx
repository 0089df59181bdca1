/** The targets of the dialog: one row each (host or alias, port, user), its state and its interface. */
import type { ChangeEvent } from 'react';
import { useResolved } from './use-resolved.js';
import type { SshDialogModel } from './use-ssh-dialog.js';
import type { TargetRow } from './form.js';

function StateLine({ row }: { row: TargetRow }) {
  const { state } = row;
  switch (state.kind) {
    case 'idle':
      return null;
    case 'connecting':
      return <p className="ssh-state">Connecting…</p>;
    case 'connected':
    case 'started':
      return (
        <p className="ssh-state" data-state={state.kind}>
          {state.summary}
        </p>
      );
    case 'error':
      return (
        <p className="ssh-state" role="alert" data-state="error">
          {state.message}
        </p>
      );
  }
}

function InterfacePicker({ row, model }: { row: TargetRow; model: SshDialogModel }) {
  if (row.state.kind !== 'connected' || row.interfaces.length === 0) return null;
  return (
    <label className="ssh-iface">
      Interface
      <select
        aria-label={`Interface on ${row.host}`}
        value={row.iface}
        onChange={(e) => model.updateTarget(row.id, { iface: e.target.value })}
      >
        {row.interfaces.map((i) => (
          <option key={i.name} value={i.name}>
            {i.description ? `${i.name} (${i.description})` : i.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function TargetRowView({ row, index, model }: { row: TargetRow; index: number; model: SshDialogModel }) {
  const locked = row.state.kind === 'connected' || row.state.kind === 'started' || model.busy;
  const resolved = useResolved(model.engine, model.form, row);
  const field = (key: 'host' | 'port' | 'user') => ({
    value: row[key],
    disabled: locked,
    spellCheck: false,
    onChange: (e: ChangeEvent<HTMLInputElement>) => model.updateTarget(row.id, { [key]: e.target.value }),
  });
  return (
    <div className="ssh-target" data-testid="ssh-target" data-state={row.state.kind}>
      <div className="ssh-row">
        <label className="ssh-host">
          Host or ~/.ssh/config alias
          <input
            aria-label={`Host ${index + 1}`}
            placeholder="ec2-user@10.0.1.23 or my-target"
            {...field('host')}
          />
        </label>
        <label className="ssh-port">
          Port
          <input aria-label={`Port ${index + 1}`} placeholder="22" inputMode="numeric" {...field('port')} />
        </label>
        <label className="ssh-user">
          User
          <input aria-label={`User ${index + 1}`} placeholder="from ~/.ssh/config" {...field('user')} />
        </label>
        <InterfacePicker row={row} model={model} />
        <button
          type="button"
          className="ssh-remove"
          aria-label={`Remove target ${index + 1}`}
          disabled={model.busy || model.form.targets.length === 1}
          onClick={() => model.removeTarget(row.id)}
        >
          ×
        </button>
      </div>
      {resolved && (row.state.kind === 'idle' || row.state.kind === 'error') ? (
        <p className="ssh-state" data-testid="ssh-resolved">
          → {resolved}
        </p>
      ) : null}
      <StateLine row={row} />
    </div>
  );
}

export function TargetList({ model }: { model: SshDialogModel }) {
  return (
    <fieldset className="ssh-targets">
      <legend>Targets (one lane each)</legend>
      {model.form.targets.map((row, index) => (
        <TargetRowView key={row.id} row={row} index={index} model={model} />
      ))}
      <button type="button" disabled={model.busy} onClick={model.addTarget}>
        Add a target
      </button>
    </fieldset>
  );
}
