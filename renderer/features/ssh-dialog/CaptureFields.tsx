/** What to capture on every target: filter, privilege, the leg it is, and the advanced options. */
import type { LaneRole } from '../../../shared/contract/index.js';
import type { SshPrivilege } from '../../../shared/contract/ssh-channels.js';
import type { SshDialogModel } from './use-ssh-dialog.js';

export function CaptureFields({ model }: { model: SshDialogModel }) {
  const { form, update } = model;
  return (
    <fieldset className="ssh-capture">
      <legend>Capture</legend>
      <label>
        Capture filter (the SSH session&rsquo;s own packets are always left out)
        <input
          aria-label="Capture filter"
          value={form.filter}
          spellCheck={false}
          onChange={(e) => update({ filter: e.target.value })}
        />
      </label>
      <div className="ssh-row">
        <label>
          Privilege
          <select
            aria-label="Privilege"
            value={form.privilege}
            onChange={(e) => update({ privilege: e.target.value as SshPrivilege })}
          >
            <option value="none">none (the user may capture)</option>
            <option value="sudo">sudo -n</option>
            <option value="doas">doas -n</option>
          </select>
        </label>
        <label>
          Leg
          <select
            aria-label="Leg"
            value={form.role}
            onChange={(e) => update({ role: e.target.value as LaneRole })}
          >
            <option value="back">back (load balancer → target)</option>
            <option value="front">front</option>
            <option value="none">none</option>
          </select>
        </label>
      </div>
      <details>
        <summary>Advanced</summary>
        <label>
          Jump host (ProxyJump; several: a,b)
          <input
            aria-label="Jump host"
            value={form.proxyJump}
            placeholder="ec2-user@bastion.example.com"
            spellCheck={false}
            onChange={(e) => update({ proxyJump: e.target.value })}
          />
        </label>
        <label>
          OpenSSH config file
          <input
            aria-label="OpenSSH config file"
            value={form.configFile}
            placeholder="~/.ssh/config"
            spellCheck={false}
            onChange={(e) => update({ configFile: e.target.value })}
          />
        </label>
        <label>
          Stop after this many packets
          <input
            aria-label="Packet count"
            value={form.count}
            inputMode="numeric"
            onChange={(e) => update({ count: e.target.value })}
          />
        </label>
        <label>
          Custom remote command (writes pcap to stdout; replaces tcpdump and its preflight)
          <input
            aria-label="Custom remote command"
            value={form.command}
            spellCheck={false}
            placeholder="sudo -n tcpdump -i ens5 -U -w - 'tcp port 80'"
            onChange={(e) => update({ command: e.target.value })}
          />
        </label>
      </details>
    </fieldset>
  );
}
