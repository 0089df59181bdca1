/** Wireshark's interface list: select several (one lane each), double-click one to start at once. */
import type { LocalInterface } from '../../../shared/contract/local-capture-channels.js';
import type { RateHistory } from './rates.js';
import { Sparkline } from './Sparkline.js';

export interface InterfaceTableProps {
  readonly interfaces: readonly LocalInterface[];
  readonly rates: RateHistory;
  readonly selected: ReadonlySet<string>;
  readonly showUnusable: boolean;
  onToggle(name: string): void;
  onStart(names: readonly string[]): void;
}

function flagsOf(iface: LocalInterface): string[] {
  return [
    iface.up ? 'up' : 'down',
    ...(iface.running ? ['running'] : []),
    ...(iface.loopback ? ['loopback'] : []),
    ...(iface.wireless ? ['wireless'] : []),
  ];
}

export function InterfaceTable({
  interfaces,
  rates,
  selected,
  showUnusable,
  onToggle,
  onStart,
}: InterfaceTableProps) {
  const shown = interfaces.filter((iface) => showUnusable || iface.usable);
  if (shown.length === 0) return <p className="start-hint">No interfaces to show.</p>;
  return (
    <table className="cl-interfaces" data-testid="interface-list">
      <thead>
        <tr>
          <th aria-label="Selected" />
          <th>Interface</th>
          <th>Addresses</th>
          <th>Flags</th>
          <th>Traffic</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((iface) => (
          <tr
            key={iface.name}
            data-testid="interface-row"
            data-name={iface.name}
            data-usable={iface.usable}
            aria-selected={selected.has(iface.name)}
            title="Double-click to capture on this interface"
            onDoubleClick={() => onStart([iface.name])}
          >
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${iface.name}`}
                checked={selected.has(iface.name)}
                onChange={() => onToggle(iface.name)}
              />
            </td>
            <td>
              <strong>{iface.name}</strong>
              {iface.description ? <span className="start-hint"> {iface.description}</span> : null}
            </td>
            <td className="cl-addresses">{iface.addresses.join(', ')}</td>
            <td className="cl-flags" title={iface.operState ? `operstate: ${iface.operState}` : undefined}>
              {flagsOf(iface).map((flag) => (
                <span key={flag} className="cl-flag" data-flag={flag}>
                  {flag}
                </span>
              ))}
            </td>
            <td>
              <Sparkline name={iface.name} values={rates.get(iface.name) ?? []} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
